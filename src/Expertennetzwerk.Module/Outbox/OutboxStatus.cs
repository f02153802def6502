namespace Expertennetzwerk.Module.Outbox;

/// <summary>Delivery state of an <see cref="OutboxMessage"/>.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting for delivery.</summary>
    Pending,
    /// <summary>Delivered.</summary>
    Sent,
    /// <summary>Gave up after the configured attempts; the operator can re-queue it.</summary>
    DeadLettered,
}
