using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// Delivers outbox rows of some <see cref="OutboxMessage.EventType"/>s. The dispatcher claims a row, calls the handler
/// outside any transaction, and on success marks the row sent together with the rows the handler queued through
/// <see cref="OutboxDeliveryContext.Enqueue"/> (one commit). An exception means "try again later" (backoff), a
/// <see cref="Ports.PermanentDeliveryException"/> dead-letters the row at once. Handlers must be safe to run twice for
/// one row (at-least-once): the row's <see cref="OutboxMessage.IdempotencyKey"/> stays the same.
/// </summary>
public interface IOutboxHandler
{
    /// <summary>The event types this handler delivers, e.g. <see cref="OutboxEventTypes.Mail"/>.</summary>
    IReadOnlyCollection<string> EventTypes { get; }

    /// <summary>Delivers <see cref="OutboxDeliveryContext.Message"/>.</summary>
    Task HandleAsync(OutboxDeliveryContext context, CancellationToken cancellationToken);
}

/// <summary>What a handler gets for one row.</summary>
public sealed class OutboxDeliveryContext
{
    private readonly List<OutboxMessage> _followUps = [];

    /// <summary>Creates the context.</summary>
    public OutboxDeliveryContext(OutboxMessage message, DbContext db)
    {
        Message = message;
        Db = db;
    }

    /// <summary>The row to deliver (do not change it; the dispatcher does).</summary>
    public OutboxMessage Message { get; }

    /// <summary>A context for reading what the delivery needs (no tracking needed; nothing saved through it but follow-ups).</summary>
    public DbContext Db { get; }

    /// <summary>Rows to write when this one is marked delivered (e.g. one mail row per recipient of an event).</summary>
    public IReadOnlyList<OutboxMessage> FollowUps => _followUps;

    /// <summary>Queues a follow-up row; it is committed together with marking this row delivered, never otherwise.</summary>
    public void Enqueue(OutboxMessage followUp)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        _followUps.Add(followUp);
    }
}
