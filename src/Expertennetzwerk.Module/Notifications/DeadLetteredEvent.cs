using System.Text.Json;
using Expertennetzwerk.Module.Outbox;

namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// Payload of a <see cref="OutboxEventTypes.DeadLettered"/> row: a notice that an outbox row was set aside after its
/// last attempt. The dispatcher builds the notice with <see cref="NoticeFor"/> and commits it together with dead-lettering
/// the row; the notification planner mails the operator. No notice is written for a notice, nor for a row the planner
/// made out of one (keys starting with <see cref="KeyPrefix"/>), so a broken operator address cannot loop.
/// </summary>
/// <param name="MessageId">The dead row's id.</param>
/// <param name="EventType">The dead row's event type.</param>
/// <param name="IdempotencyKey">The dead row's idempotency key.</param>
/// <param name="OrderId">The order it was about, if any.</param>
/// <param name="Attempts">How often delivery was tried.</param>
/// <param name="CreatedAt">When the dead row was written.</param>
/// <param name="LastAttemptAt">When it was tried the last time.</param>
/// <param name="LastError">The last error.</param>
internal sealed record DeadLetteredEvent(
    Guid MessageId,
    string EventType,
    string IdempotencyKey,
    Guid? OrderId,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastAttemptAt,
    string? LastError)
{
    /// <summary>The start of every dead-letter notice's key, and so of the keys of the mails made out of it.</summary>
    public const string KeyPrefix = "deadletter:";

    /// <summary>True when a dead letter of <paramref name="deadRow"/> deserves a notice: not for notices and their mails.</summary>
    public static bool DeservesNotice(OutboxMessage deadRow)
    {
        ArgumentNullException.ThrowIfNull(deadRow);
        return deadRow.EventType != OutboxEventTypes.DeadLettered
               && !deadRow.IdempotencyKey.StartsWith(KeyPrefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// The notice row for <paramref name="deadRow"/> (the dispatcher adds it in the commit that dead-letters the row), or
    /// null when it deserves none (<see cref="DeservesNotice"/>). Its key is <c>deadletter:{row id}:{now in UTC ticks}</c>, so a
    /// row that is re-queued by the operator and dead-letters again gets a notice of its own.
    /// </summary>
    /// <param name="deadRow">The row being dead-lettered, with its final <see cref="OutboxMessage.Attempts"/> and <see cref="OutboxMessage.LastError"/>.</param>
    /// <param name="noticeId">The new row's id.</param>
    /// <param name="now">Now: the last attempt and the notice's creation.</param>
    public static OutboxMessage? NoticeFor(OutboxMessage deadRow, Guid noticeId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadRow);
        if (!DeservesNotice(deadRow))
        {
            return null;
        }

        var payload = new DeadLetteredEvent(deadRow.Id, deadRow.EventType, deadRow.IdempotencyKey, deadRow.OrderId, deadRow.Attempts, deadRow.CreatedAt, now, deadRow.LastError);
        return new OutboxMessage(
            noticeId,
            deadRow.NetworkId,
            deadRow.OrderId,
            OutboxEventTypes.DeadLettered,
            "operator",
            JsonSerializer.Serialize(payload),
            $"{KeyPrefix}{deadRow.Id:N}:{now.UtcTicks}",
            now);
    }
}
