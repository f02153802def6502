using Expertennetzwerk.Module.Ports;
using MimeKit;

namespace Expertennetzwerk.Module.Smtp;

/// <summary>Turns an <see cref="OutgoingMail"/> into a MIME message: text and HTML as alternatives, attachments beside them.</summary>
internal static class SmtpMessageBuilder
{
    /// <summary>
    /// Builds the message. Throws <see cref="PermanentDeliveryException"/> when the mail itself is unusable (no
    /// recipient, an address that is no address): sending it again cannot help.
    /// </summary>
    public static MimeMessage Build(OutgoingMail mail, MailboxAddress from, DateTimeOffset date)
    {
        if (string.IsNullOrWhiteSpace(mail.MessageId))
        {
            throw new PermanentDeliveryException("The mail has no Message-ID.");
        }

        if (mail.To.Count == 0)
        {
            throw new PermanentDeliveryException($"The mail {mail.MessageId} has no recipient.");
        }

        var message = new MimeMessage();
        message.From.Add(from);
        foreach (var recipient in mail.To)
        {
            if (!SmtpAddresses.TryParseMailbox(recipient.Address, out var mailbox))
            {
                throw new PermanentDeliveryException($"Invalid recipient address \"{recipient.Address}\": not a mail address.");
            }

            mailbox.Name = recipient.DisplayName ?? string.Empty;
            message.To.Add(mailbox);
        }

        message.Subject = mail.Subject;
        message.Date = date;

        // The notification's idempotency key, unchanged on every redelivery. MimeKit's MessageId setter would drop
        // characters RFC 5322 does not allow in a dot-atom (the module's ids contain ':'), so the header is written as is.
        message.Headers[HeaderId.MessageId] = "<" + mail.MessageId.Trim().TrimStart('<').TrimEnd('>') + ">";

        // RFC 3834: a notification, so vacation responders and the like should not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html };
        foreach (var attachment in mail.Attachments ?? [])
        {
            var contentType = ContentType.TryParse(attachment.ContentType, out var parsed)
                ? parsed
                : new ContentType("application", "octet-stream");
            body.Attachments.Add(attachment.FileName, attachment.Content.ToArray(), contentType);
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
