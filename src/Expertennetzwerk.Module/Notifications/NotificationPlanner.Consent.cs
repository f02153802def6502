using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Templates;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Notifications;

public sealed partial class NotificationPlanner
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
            _logger.LogWarning("Consent request {ConsentId} of order {OrderId} has no mail address; nothing is sent.", evt.ConsentId, evt.OrderId);
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
            TemplateFormatter.Date(evt.ExpiresAt, Language(culture)));
        var mail = Render(TemplateKind.MailConsentRequested, culture, model, facts.Templates, cancellationToken);
        var token = Token("subject", evt.ConsentId);
        Add(batch, token, recipient, null, mail, message.CreatedAt, null, null, $"consent:{evt.ConsentId:D}");
        return true;
    }
}
