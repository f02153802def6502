namespace Expertennetzwerk.Module.Ports;

/// <summary>A rendered mail, ready for an <see cref="IMailSender"/>.</summary>
/// <param name="MessageId">Globally unique Message-ID without angle brackets (built from the notification's idempotency key), e.g. <c>0193…=3APlace=3A3@expertennetzwerk</c>, see <see cref="Outbox.MessageIds"/>.</param>
/// <param name="To">The recipients.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Text">The plain-text body.</param>
/// <param name="Html">The HTML body, if any.</param>
/// <param name="Attachments">Files to attach.</param>
public sealed record OutgoingMail(
    string MessageId,
    IReadOnlyList<MailAddress> To,
    string Subject,
    string Text,
    string? Html = null,
    IReadOnlyList<DocumentUpload>? Attachments = null);

/// <summary>A mailbox: address and display name.</summary>
/// <param name="Address">The address, e.g. <c>anna.schmidt@example.org</c>.</param>
/// <param name="DisplayName">The name shown, if any.</param>
public sealed record MailAddress(string Address, string? DisplayName = null);
