namespace Expertennetzwerk.SampleHost.Crm;

/// <summary>
/// One line of a customer's timeline in the sample CRM (table <c>crm_customer_timeline</c>): what happened to an order
/// placed for the customer, written from the module's host events (<see cref="CustomerTimelineWriter"/>). The
/// <see cref="IdempotencyKey"/> is unique, so an event delivered twice is stored once.
/// </summary>
public sealed class CustomerTimelineEntry
{
    public Guid Id { get; set; }

    /// <summary>The broker party whose customer it is (with <see cref="CustomerRef"/> the customer's key).</summary>
    public Guid BrokerPartyId { get; set; }

    public string CustomerRef { get; set; } = string.Empty;

    /// <summary>The host event's idempotency key.</summary>
    public string IdempotencyKey { get; set; } = string.Empty;

    /// <summary>The event's kind by name, e.g. <c>OrderPlaced</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    public Guid OrderId { get; set; }

    public string OrderNumber { get; set; } = string.Empty;

    /// <summary>For a state change: "{from} → {to}"; else null.</summary>
    public string? Detail { get; set; }

    /// <summary>When the change was committed in the module (UTC).</summary>
    public DateTime OccurredAtUtc { get; set; }
}
