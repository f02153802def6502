using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Outbox.Events;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Notifications;

internal sealed partial class NotificationPlanner
{
    /// <summary>
    /// consent.requested: the data subject gets the mail with the link (always immediate: no user, no preferences). The
    /// digital message to the data subject is the consent request the consent command stored with the order. The mail
    /// carries the secret link; its key extends the event's <c>consent:</c> key, so <see cref="OutboxSecrets"/> scrubs it
    /// after delivery.
    /// </summary>
    private async Task<bool> PlanConsentRequestedAsync(OutboxDeliveryContext context, ConsentRequestedEvent evt, NotificationBatch batch, CancellationToken cancellationToken)
    {
        var message = context.Message;
        if (string.IsNullOrWhiteSpace(evt.DataSubjectEmail))
        {
            NotificationLog.ConsentRequestWithoutAddress(_logger, evt.ConsentId, evt.OrderId);
            return false;
        }

        var facts = await LoadOrderAsync(context.Db, message.NetworkId, evt.OrderId, cancellationToken).ConfigureAwait(false);
        if (facts is null)
        {
            return false;
        }

        var culture = string.IsNullOrWhiteSpace(evt.DataSubjectCulture) ? "de-DE" : evt.DataSubjectCulture;
        var recipient = new Recipient(null, null, evt.DataSubjectEmail, evt.DataSubjectName, culture);
        var model = new ConsentRequestedMailModel(evt.DataSubjectName, facts.Broker, facts.Expert, facts.ServiceTitle, evt.ConsentUrl,
            TemplateFormatter.Date(evt.ExpiresAt, Language(culture), facts.Zone));
        var mail = Render(TemplateKind.MailConsentRequested, culture, model, facts.Templates, cancellationToken);
        var token = Token("subject", evt.ConsentId);
        Add(batch, token, recipient, null, mail, message.CreatedAt, null, null, $"consent:{evt.ConsentId:D}");
        return true;
    }

    /// <summary>
    /// consent.decided: the data subject gets the confirmation of its decision in the declaration's language, with the full
    /// text and (after an agreement) the withdrawal link. The link is a secret: the mail's key extends the event's
    /// <c>consent:</c> key, so <see cref="OutboxSecrets"/> scrubs both after delivery.
    /// </summary>
    private async Task<bool> PlanConsentDecidedAsync(OutboxDeliveryContext context, ConsentDecidedEvent evt, NotificationBatch batch, CancellationToken cancellationToken)
    {
        var message = context.Message;
        var consent = await context.Db.Set<ConsentDeclaration>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.NetworkId == message.NetworkId && c.Id == evt.ConsentId, cancellationToken).ConfigureAwait(false);
        if (consent?.DataSubjectEmail is not { Length: > 0 } email)
        {
            if (consent is null)
            {
                NotificationLog.ConsentGone(_logger, evt.ConsentId, evt.OrderId);
            }
            else
            {
                NotificationLog.ConsentConfirmationWithoutAddress(_logger, evt.ConsentId, evt.OrderId);
            }

            return false;
        }

        var facts = await LoadOrderAsync(context.Db, message.NetworkId, evt.OrderId, cancellationToken).ConfigureAwait(false);
        if (facts is null)
        {
            return false;
        }

        var culture = consent.Culture;
        var recipient = new Recipient(null, null, email, consent.DataSubjectName, culture);
        var model = new ConsentConfirmationMailModel(consent.DataSubjectName, facts.Broker, facts.Expert, facts.ServiceTitle, facts.Order.Number, evt.Agreed,
            TemplateFormatter.DateTime(consent.DecidedAt ?? message.CreatedAt, Language(culture), facts.Zone), consent.Text, evt.Agreed ? evt.WithdrawalUrl : null);
        var mail = Render(TemplateKind.MailConsentConfirmation, culture, model, facts.Templates, cancellationToken);
        Add(batch, Token("subject", evt.ConsentId), recipient, null, mail, message.CreatedAt, null, null, $"consent:{evt.ConsentId:D}");
        return true;
    }

    /// <summary>consent.withdrawn: the broker's users learn that a consent of an order that kept its state was withdrawn.</summary>
    private async Task<bool> PlanConsentWithdrawnAsync(OutboxDeliveryContext context, ConsentWithdrawnEvent evt, NotificationBatch batch, CancellationToken cancellationToken)
    {
        var message = context.Message;
        var facts = await LoadOrderAsync(context.Db, message.NetworkId, evt.OrderId, cancellationToken).ConfigureAwait(false);
        if (facts is null)
        {
            return false;
        }

        var order = facts.Order;
        var orderUrl = _links.Order(order.NetworkId, order.Id).AbsoluteUri;
        var isDraft = string.Equals(evt.State, nameof(OrderState.Draft), StringComparison.Ordinal);
        var brokers = await _recipients.FindPartyAsync(order.NetworkId, order.BrokerPartyId, cancellationToken).ConfigureAwait(false);
        if (brokers.Count == 0)
        {
            NotificationLog.WithdrawalNoticeWithoutRecipient(_logger, order.BrokerPartyId, order.Id);
        }

        foreach (var broker in brokers)
        {
            var model = new ConsentWithdrawnMailModel(broker.DisplayName, order.Number, facts.ServiceTitle, facts.Expert,
                TemplateFormatter.DateTime(evt.WithdrawnAt, Language(broker.Culture), facts.Zone), isDraft, orderUrl);
            var mail = Render(TemplateKind.MailConsentWithdrawn, broker.Culture, model, facts.Templates, cancellationToken);
            Add(batch, Token("broker", broker), broker, NotificationKind.OrderStateChanged, mail, evt.WithdrawnAt, null, orderUrl);
        }

        return true;
    }
}
