using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Outbox.Events;
using Expertennetzwerk.Module.Templates;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Notifications;

internal sealed partial class NotificationPlanner
{
    /// <summary>
    /// message.sent: the recipient party's users (but the sender) by mail or digest. The message itself reaches the party's
    /// digital channel through the delivery row the sending command wrote (with its text), not from here.
    /// </summary>
    private async Task<bool> PlanMessageSentAsync(OutboxDeliveryContext context, MessageSentEvent evt, NotificationBatch batch, CancellationToken cancellationToken)
    {
        var message = context.Message;
        var facts = await LoadOrderAsync(context.Db, message.NetworkId, evt.OrderId, cancellationToken).ConfigureAwait(false);
        if (facts is null)
        {
            return false;
        }

        var order = facts.Order;
        if (evt.RecipientPartyId is null)
        {
            return false; // a message to a data subject: the consent feature mails its own request
        }

        if (evt.RecipientPartyId != order.BrokerPartyId && evt.RecipientPartyId != order.ExpertPartyId)
        {
            NotificationLog.MessageToStranger(_logger, evt.MessageId, evt.RecipientPartyId, order.Id);
            return false;
        }

        var sender = new PartyModel(await PartyNameAsync(context.Db, order.NetworkId, evt.SenderPartyId, cancellationToken).ConfigureAwait(false));
        var orderUrl = _links.Order(order.NetworkId, order.Id).AbsoluteUri;
        var at = message.CreatedAt;
        var recipients = (await _recipients.FindPartyAsync(order.NetworkId, evt.RecipientPartyId.Value, cancellationToken).ConfigureAwait(false))
            .Where(r => evt.SenderUserId is null || r.UserId != evt.SenderUserId)
            .ToList();
        foreach (var recipient in recipients)
        {
            var model = new MessageReceivedMailModel(recipient.DisplayName, order.Number, facts.ServiceTitle, sender, TemplateFormatter.DateTime(at, Language(recipient.Culture), facts.Zone), orderUrl);
            var mail = Render(TemplateKind.MailMessageReceived, recipient.Culture, model, facts.Templates, cancellationToken);
            Add(batch, Token("recipient", recipient), recipient, NotificationKind.MessageReceived, mail, at, null, orderUrl);
        }

        return true;
    }
}
