namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// A notification to deliver after the commit that caused it (transactional outbox). Written in the same transaction
/// as the state change; a background dispatcher claims it with a lease, delivers it and marks it sent.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Creates a pending message.</summary>
    public OutboxMessage(Guid id, Guid networkId, Guid? orderId, string eventType, string recipients, string payloadJson, string idempotencyKey, DateTimeOffset createdAt)
    {
        Id = id;
        NetworkId = networkId;
        OrderId = orderId;
        EventType = eventType;
        Recipients = recipients;
        PayloadJson = payloadJson;
        IdempotencyKey = idempotencyKey;
        CreatedAt = createdAt;
        DueAt = createdAt;
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>The order it is about, if any.</summary>
    public Guid? OrderId { get; private set; }

    /// <summary>What happened, e.g. <c>order.state-changed</c>.</summary>
    public string EventType { get; private set; }

    /// <summary>Who to tell, resolved at delivery: e.g. <c>party:{id}</c> entries separated by spaces.</summary>
    public string Recipients { get; private set; }

    /// <summary>Event data as JSON (no customer data).</summary>
    public string PayloadJson { get; private set; }

    /// <summary>Unique key (order + event + sequence); used as the mail's Message-ID so a redelivery is recognisable.</summary>
    public string IdempotencyKey { get; private set; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// Earliest next delivery attempt. While a dispatcher holds the lease it equals <see cref="LeaseUntil"/>, so a row
    /// whose lease ran out is due again without a separate condition.
    /// </summary>
    public DateTimeOffset DueAt { get; internal set; }

    /// <summary>Delivery attempts so far.</summary>
    public int Attempts { get; internal set; }

    /// <summary>Pending, Sent or DeadLettered.</summary>
    public OutboxStatus Status { get; internal set; } = OutboxStatus.Pending;

    /// <summary>The dispatcher instance holding the lease.</summary>
    public string? LeaseOwner { get; internal set; }

    /// <summary>Until when the lease holds; after that another instance may take the row.</summary>
    public DateTimeOffset? LeaseUntil { get; internal set; }

    /// <summary>When it was delivered.</summary>
    public DateTimeOffset? SentAt { get; internal set; }

    /// <summary>The last delivery error.</summary>
    public string? LastError { get; internal set; }

    /// <summary>When the first delivery attempt ended.</summary>
    public DateTimeOffset? FirstAttemptAt { get; internal set; }

    /// <summary>When the last delivery attempt ended (for a dead letter: when it was given up).</summary>
    public DateTimeOffset? LastAttemptAt { get; internal set; }
}
