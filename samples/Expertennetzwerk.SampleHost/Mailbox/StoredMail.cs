namespace Expertennetzwerk.SampleHost.Mailbox;

/// <summary>
/// A mail the module would have sent, kept in the sample's database (table <c>crm_dev_mailbox</c>) for the development
/// mailbox page, so it survives a restart. Nothing is ever sent (<see cref="StoredMailbox"/>).
/// </summary>
public sealed class StoredMail
{
    public Guid Id { get; set; }

    /// <summary>The mail's Message-ID as the module built it (without angle brackets).</summary>
    public string MessageId { get; set; } = string.Empty;

    /// <summary>The notification's idempotency key the Message-ID encodes, e.g. <c>0197…:Place:3</c>: readable for people.</summary>
    public string ReadableMessageId { get; set; } = string.Empty;

    /// <summary>The recipients, "Name &lt;address&gt;" separated by ", ".</summary>
    public string To { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    /// <summary>When the module planned the mail (the outbox row was written in the commit that caused it).</summary>
    public DateTimeOffset PlannedAt { get; set; }

    /// <summary>When the mailbox received it from the outbox dispatcher.</summary>
    public DateTimeOffset ReceivedAt { get; set; }
}
