using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Messaging;

/// <summary>
/// A digital message (digitale Nachricht), archived with its order: either one of the order's thread between the
/// broker party and the assigned expert party, or a consent request to a data subject. Its text, subject and the data
/// subject's name and address are personal data (docs/design.md, "Consent and personal data"): they live here and in the delivery row only, never in
/// the order's history.
/// </summary>
public sealed class DigitalMessage
{
    private readonly List<DigitalMessageAttachment> _attachments = [];

#pragma warning disable CS8618 // EF Core materialises through this constructor and sets every property.
    private DigitalMessage()
    {
    }
#pragma warning restore CS8618

    /// <summary>Creates a message.</summary>
    internal DigitalMessage(
        Guid id,
        Guid networkId,
        Guid orderId,
        int sequence,
        DigitalMessageKind kind,
        Guid senderUserId,
        Guid senderPartyId,
        PartyKind senderPartyKind,
        Guid? recipientPartyId,
        string? recipientName,
        string? recipientAddress,
        string? subject,
        string text,
        DateTimeOffset sentAt)
    {
        Id = id;
        NetworkId = networkId;
        OrderId = orderId;
        Sequence = sequence;
        Kind = kind;
        SenderUserId = senderUserId;
        SenderPartyId = senderPartyId;
        SenderPartyKind = senderPartyKind;
        RecipientPartyId = recipientPartyId;
        RecipientName = recipientName;
        RecipientAddress = recipientAddress;
        Subject = subject;
        Text = text;
        SentAt = sentAt;
    }

    /// <summary>Id (Guid v7).</summary>
    public Guid Id { get; private set; }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>The order the message is archived with.</summary>
    public Guid OrderId { get; private set; }

    /// <summary>
    /// The sequence of the order's history entry that records the message: unique and increasing per order, so it
    /// orders the thread and serves as the read marks' watermark.
    /// </summary>
    public int Sequence { get; private set; }

    /// <summary>Thread message or consent request.</summary>
    public DigitalMessageKind Kind { get; private set; }

    /// <summary>The sending user.</summary>
    public Guid SenderUserId { get; private set; }

    /// <summary>The party the sender acted for.</summary>
    public Guid SenderPartyId { get; private set; }

    /// <summary>The kind of that party.</summary>
    public PartyKind SenderPartyKind { get; private set; }

    /// <summary>The receiving party (the other side of the thread); null for a data subject.</summary>
    public Guid? RecipientPartyId { get; private set; }

    /// <summary>A data subject's name (personal data); null for a party.</summary>
    public string? RecipientName { get; private set; }

    /// <summary>A data subject's address, e.g. a mail address (personal data); null for a party.</summary>
    public string? RecipientAddress { get; private set; }

    /// <summary>A subject line, if any (consent requests have one; thread messages none).</summary>
    public string? Subject { get; private set; }

    /// <summary>The text (personal data).</summary>
    public string Text { get; private set; }

    /// <summary>When it was sent (UTC).</summary>
    public DateTimeOffset SentAt { get; private set; }

    /// <summary>How many files are attached (lists show it without reading the attachments).</summary>
    public int AttachmentCount { get; private set; }

    /// <summary>Files attached to the message; their content sits in the <c>IDocumentStore</c>.</summary>
    public IReadOnlyCollection<DigitalMessageAttachment> Attachments => _attachments;

    internal void Attach(DigitalMessageAttachment attachment)
    {
        _attachments.Add(attachment);
        AttachmentCount = _attachments.Count;
    }
}
