namespace Expertennetzwerk.Module.Orders.Queries;

/// <summary>Filters and paging of an order list (Auftragsliste). Sorted by last change, newest first.</summary>
public sealed record OrderListQuery
{
    /// <summary>Only these states (any when empty).</summary>
    public IReadOnlyCollection<OrderState>? States { get; init; }

    /// <summary>Only this service.</summary>
    public Guid? ServiceId { get; init; }

    /// <summary>Only this category.</summary>
    public Guid? CategoryId { get; init; }

    /// <summary>
    /// Only this customer of the broker party (host key, at most <see cref="ExpertOrderQueries.MaxCustomerRefLength"/>
    /// characters). Accepted only from actors who are shown the reference: the owning broker, and the expert for the orders
    /// whose personal data it sees (never those blocked after a withdrawal); the operator gets ValidationFailed
    /// (<c>customerRef</c>, <c>not_allowed</c>).
    /// </summary>
    public string? CustomerRef { get; init; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Changed at or after.</summary>
    public DateTimeOffset? UpdatedFrom { get; init; }

    /// <summary>Changed before.</summary>
    public DateTimeOffset? UpdatedTo { get; init; }

    /// <summary>Free text found in the customer's name or the order number (case-insensitive).</summary>
    public string? Text { get; init; }

    /// <summary>Rows per page, 1 to 100; default 25.</summary>
    public int PageSize { get; init; } = 25;

    /// <summary>The <see cref="OrderPage.NextCursor"/> of the previous page, or null for the first page.</summary>
    public string? Cursor { get; init; }

    /// <summary>Whether to add the per-state counts of the actor's whole list (for the list header).</summary>
    public bool IncludeCounts { get; init; } = true;
}
