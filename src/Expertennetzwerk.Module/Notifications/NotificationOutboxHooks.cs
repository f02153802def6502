using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Outbox.Events;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// The notification feature's part in the dispatcher's bookkeeping: a dead letter gets a notice to the operator in the
/// same commit (<see cref="DeadLetteredEvent.NoticeFor"/>, which the planner mails), and a delivered row that carried a
/// consent link is scrubbed (<see cref="OutboxSecrets"/>).
/// </summary>
internal sealed class NotificationOutboxHooks : IOutboxDeliveryHooks
{
    public IReadOnlyList<OutboxMessage> OnDeadLettered(OutboxMessage deadRow, DateTimeOffset now) =>
        DeadLetteredEvent.NoticeFor(deadRow, Guid.CreateVersion7(now), now) is { } notice ? [notice] : [];

    public async Task AfterSentAsync(DbContext db, OutboxMessage sentRow, CancellationToken cancellationToken)
    {
        if (OutboxSecrets.HoldsSecret(sentRow))
        {
            // A consent link lives in the outbox only until it is delivered (its follow-ups carry it on).
            await OutboxSecrets.ScrubAsync(db, sentRow.Id, cancellationToken).ConfigureAwait(false);
        }
    }
}
