using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Outbox.Events;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// Rows that carry a secret (a consent link) and must not keep it once delivered: the
/// <see cref="OutboxEventTypes.ConsentRequested"/> and <see cref="OutboxEventTypes.ConsentDecided"/> events and the mails
/// made out of them, all with keys starting with <see cref="ConsentKeyPrefix"/>. The notification feature's
/// <see cref="NotificationOutboxHooks"/> calls <see cref="ScrubAsync"/> for such a row right after the dispatcher marked it
/// sent (the planner cannot: it must not change the row it handles).
/// </summary>
internal static class OutboxSecrets
{
    /// <summary>Start of the keys of consent rows (<see cref="ConsentRequestedEvent.IdempotencyKey"/> and its follow-ups).</summary>
    public const string ConsentKeyPrefix = ConsentRequestedEvent.KeyPrefix;

    /// <summary>What a scrubbed row's payload reads.</summary>
    public const string ScrubbedPayload = "{\"scrubbed\":true}";

    /// <summary>True when <paramref name="row"/> carries a secret that must be scrubbed after delivery.</summary>
    public static bool HoldsSecret(OutboxMessage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.IdempotencyKey.StartsWith(ConsentKeyPrefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// Overwrites the payload of the delivered row <paramref name="rowId"/> with <see cref="ScrubbedPayload"/>, if it holds a
    /// secret and is sent; answers whether it did. One statement, no tracking: call it after the commit that marked it sent.
    /// </summary>
    public static async Task<bool> ScrubAsync(DbContext db, Guid rowId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var changed = await db.Set<OutboxMessage>()
            .Where(m => m.Id == rowId && m.Status == OutboxStatus.Sent && m.IdempotencyKey.StartsWith(ConsentKeyPrefix))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.PayloadJson, ScrubbedPayload), cancellationToken)
            .ConfigureAwait(false);
        return changed > 0;
    }
}
