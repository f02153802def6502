using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// What a feature adds to the dispatcher's bookkeeping without the outbox knowing the feature (the notification feature
/// announces dead letters and scrubs delivered secrets this way). Registered as scoped services; the dispatcher calls
/// every registered hook for every row it settles.
/// </summary>
internal interface IOutboxDeliveryHooks
{
    /// <summary>
    /// Rows to add in the same commit that dead-letters <paramref name="deadRow"/> (its <see cref="OutboxMessage.Attempts"/>
    /// and <see cref="OutboxMessage.LastError"/> already final). Rows of an event type no handler delivers are dropped.
    /// </summary>
    IReadOnlyList<OutboxMessage> OnDeadLettered(OutboxMessage deadRow, DateTimeOffset now);

    /// <summary>
    /// Called after the commit that marked <paramref name="sentRow"/> sent (and queued its follow-ups), on the same
    /// connection; e.g. to overwrite a secret the row no longer needs.
    /// </summary>
    Task AfterSentAsync(DbContext db, OutboxMessage sentRow, CancellationToken cancellationToken);
}
