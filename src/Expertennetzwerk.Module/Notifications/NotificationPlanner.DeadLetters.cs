using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Outbox.Events;
using Expertennetzwerk.Module.Templates;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Notifications;

internal sealed partial class NotificationPlanner
{
    /// <summary>outbox.dead-lettered: the operator's users, unless the dead row was itself a notice or made out of one.</summary>
    private async Task<bool> PlanDeadLetterAsync(OutboxDeliveryContext context, DeadLetteredEvent evt, NotificationBatch batch, CancellationToken cancellationToken)
    {
        var message = context.Message;
        if (evt.EventType == OutboxEventTypes.DeadLettered || evt.IdempotencyKey.StartsWith(DeadLetteredEvent.KeyPrefix, StringComparison.Ordinal))
        {
            NotificationLog.NoticeAboutNotice(_logger, message.Id, evt.MessageId);
            return false;
        }

        var operators = await _recipients.FindOperatorAsync(message.NetworkId, cancellationToken).ConfigureAwait(false);
        if (operators.Count == 0)
        {
            NotificationLog.DeadLetterWithoutOperator(_logger, message.NetworkId, evt.MessageId);
            return false;
        }

        var adminUrl = _links.DeadLetters(message.NetworkId).AbsoluteUri;
        var zone = await NetworkTimeZone.OfAsync(context.Db, message.NetworkId, cancellationToken).ConfigureAwait(false);
        foreach (var op in operators)
        {
            var lang = Language(op.Culture);
            var model = new DeadLetterMailModel(evt.MessageId.ToString("D"), evt.EventType, evt.Attempts,
                TemplateFormatter.DateTime(evt.CreatedAt, lang, zone), TemplateFormatter.DateTime(evt.LastAttemptAt, lang, zone), evt.LastError ?? string.Empty, adminUrl);
            var mail = Render(TemplateKind.MailDeadLetter, op.Culture, model, null, cancellationToken);
            Add(batch, Token("operator", op), op, NotificationKind.DeadLetter, mail, message.CreatedAt, evt.LastError, adminUrl);
        }

        return true;
    }
}
