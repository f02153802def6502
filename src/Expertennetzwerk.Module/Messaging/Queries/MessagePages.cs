namespace Expertennetzwerk.Module.Messaging.Queries;

/// <summary>What to read of an order's thread.</summary>
public sealed record ThreadQuery
{
    /// <summary>Messages per page (1 to <see cref="DigitalMessageQueries.MaxPageSize"/>).</summary>
    public int PageSize { get; init; } = 25;

    /// <summary>The <see cref="MessageThreadPage.NextCursor"/> of the previous page, for older messages.</summary>
    public string? Cursor { get; init; }

    /// <summary>
    /// Required for the operator (messages are personal data): why it reads the thread, e.g. "Streitfall prüfen";
    /// recorded in the order's history when the first page is read.
    /// </summary>
    public string? OperatorAccessPurpose { get; init; }
}

/// <summary>One page of a thread, newest message first.</summary>
/// <param name="Items">The messages.</param>
/// <param name="NextCursor">Cursor for the next (older) page; null on the last page.</param>
/// <param name="UnreadCount">The reading user's unread messages on this order (0 for the operator).</param>
public sealed record MessageThreadPage(IReadOnlyList<DigitalMessageItem> Items, string? NextCursor, int UnreadCount);

/// <summary>What to read of a user's inbox.</summary>
public sealed record InboxQuery
{
    /// <summary>Messages per page (1 to <see cref="DigitalMessageQueries.MaxPageSize"/>).</summary>
    public int PageSize { get; init; } = 25;

    /// <summary>Only messages the user has not marked read.</summary>
    public bool UnreadOnly { get; init; }

    /// <summary>The <see cref="InboxPage.NextCursor"/> of the previous page.</summary>
    public string? Cursor { get; init; }
}

/// <summary>One page of the messages a party received, across its orders, newest first.</summary>
/// <param name="Items">The messages.</param>
/// <param name="NextCursor">Cursor for the next page; null on the last page.</param>
/// <param name="UnreadTotal">The reading user's unread messages across all orders.</param>
public sealed record InboxPage(IReadOnlyList<DigitalMessageItem> Items, string? NextCursor, int UnreadTotal);

/// <summary>A user's unread messages, in total and per order (only orders with unread messages).</summary>
/// <param name="Total">All unread messages.</param>
/// <param name="ByOrder">Per order, the most recently received first.</param>
public sealed record UnreadCounts(int Total, IReadOnlyList<OrderUnreadCount> ByOrder);

/// <summary>Unread messages of one order.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Unread">How many.</param>
/// <param name="LastReceivedAt">When the party last received a message on it.</param>
public sealed record OrderUnreadCount(Guid OrderId, int Unread, DateTimeOffset? LastReceivedAt);
