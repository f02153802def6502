using Expertennetzwerk.Module.Ports;

namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// Payload of a <see cref="OutboxEventTypes.Mail"/> row: a mail rendered when the row was written. Attachments are
/// referenced by document id (<see cref="IDocumentStore"/>) and read at delivery. The Message-ID is derived from the
/// row's idempotency key, so a redelivery carries the same one.
/// </summary>
/// <param name="To">The recipients.</param>
/// <param name="Subject">Subject.</param>
/// <param name="Text">Plain-text body.</param>
/// <param name="Html">HTML body, if any.</param>
/// <param name="AttachmentDocumentIds">Documents to attach.</param>
public sealed record OutboxMail(
    IReadOnlyList<MailAddress> To,
    string Subject,
    string Text,
    string? Html = null,
    IReadOnlyList<Guid>? AttachmentDocumentIds = null);
