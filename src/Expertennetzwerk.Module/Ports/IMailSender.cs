namespace Expertennetzwerk.Module.Ports;

/// <summary>
/// Port that delivers a rendered mail (SMTP, a mail API, the development mailbox). There is no silent default: start-up
/// fails unless a sender is registered or <c>UseDevelopmentMailbox()</c> is called. The outbox dispatcher calls it
/// after the commit that caused the mail, and again after a failure (at-least-once): the mail's
/// <see cref="OutgoingMail.MessageId"/> stays the same, so a receiver can recognise a redelivery.
/// </summary>
public interface IMailSender
{
    /// <summary>
    /// Sends <paramref name="mail"/>. Throws on failure: <see cref="PermanentDeliveryException"/> when retrying cannot
    /// help (e.g. the server refused the recipient address), any other exception for a transient fault (retried).
    /// </summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}
