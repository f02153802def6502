using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Ports;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// Delivers <see cref="OutboxEventTypes.Mail"/> rows: the <see cref="OutboxMail"/> payload becomes an
/// <see cref="OutgoingMail"/> whose Message-ID is built from the row's idempotency key (<see cref="MessageIds"/>), with
/// its attachments read from the <see cref="IDocumentStore"/>, and goes to the <see cref="IMailSender"/>.
/// </summary>
internal sealed class MailOutboxHandler(IMailSender sender, IDocumentStore documents, IOptions<ExpertennetzwerkOptions> options) : IOutboxHandler
{
    private static readonly string[] Types = [OutboxEventTypes.Mail];

    public IReadOnlyCollection<string> EventTypes => Types;

    public async Task HandleAsync(OutboxDeliveryContext context, CancellationToken cancellationToken)
    {
        var row = context.Message;
        var mail = OutboxPayloads.Deserialize<OutboxMail>(row);
        if (mail.To is not { Count: > 0 })
        {
            throw new PermanentDeliveryException("The mail has no recipient.");
        }

        var attachments = new List<DocumentUpload>();
        foreach (var documentId in mail.AttachmentDocumentIds ?? [])
        {
            var document = await documents.OpenAsync(row.NetworkId, documentId, cancellationToken).ConfigureAwait(false)
                ?? throw new PermanentDeliveryException($"Attachment {documentId:D} is no longer in the document store.");
            attachments.Add(document);
        }

        var outgoing = new OutgoingMail(
            MessageIds.FromIdempotencyKey(row.IdempotencyKey, options.Value.Outbox.MessageIdDomain),
            mail.To,
            mail.Subject,
            mail.Text,
            mail.Html,
            attachments.Count == 0 ? null : attachments);
        await sender.SendAsync(outgoing, cancellationToken).ConfigureAwait(false);
    }
}
