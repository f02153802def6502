using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Messaging.Queries;

/// <summary>One digital message as the reader sees it.</summary>
/// <param name="Id">The message.</param>
/// <param name="OrderId">Its order.</param>
/// <param name="OrderNumber">The order's readable number.</param>
/// <param name="Sequence">Its place in the order's history (orders the thread).</param>
/// <param name="Kind">Thread message or consent request.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="SenderUserId">The sending user.</param>
/// <param name="SenderPartyId">The party the sender acted for.</param>
/// <param name="SenderPartyKind">The kind of that party.</param>
/// <param name="RecipientPartyId">The receiving party (null for a data subject).</param>
/// <param name="RecipientName">A data subject's name (consent requests only).</param>
/// <param name="RecipientAddress">A data subject's address (consent requests only).</param>
/// <param name="Subject">Subject, if any.</param>
/// <param name="Text">The text.</param>
/// <param name="IsUnread">True when it was sent to the reader's party and the reading user has not marked it read.</param>
/// <param name="Attachments">Attached files.</param>
public sealed record DigitalMessageItem(
    Guid Id,
    Guid OrderId,
    string OrderNumber,
    int Sequence,
    DigitalMessageKind Kind,
    DateTimeOffset SentAt,
    Guid SenderUserId,
    Guid SenderPartyId,
    PartyKind SenderPartyKind,
    Guid? RecipientPartyId,
    string? RecipientName,
    string? RecipientAddress,
    string? Subject,
    string Text,
    bool IsUnread,
    IReadOnlyList<MessageAttachmentInfo> Attachments);

/// <summary>A file attached to a message; open its content with <see cref="Orders.ExpertOrderQueries.OpenFileAsync"/> and <paramref name="Id"/>, which checks access.</summary>
/// <param name="Id">The attachment (the id to open it by).</param>
/// <param name="DocumentId">The document in the store.</param>
/// <param name="FileName">File name.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Length">Size in bytes.</param>
public sealed record MessageAttachmentInfo(Guid Id, Guid DocumentId, string FileName, string ContentType, long Length);
