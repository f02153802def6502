using System.Text.Json;
using System.Text.Json.Serialization;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;

namespace Expertennetzwerk.Module.AspNetCore.Api.Messages;

// The wire shapes of the digital-message endpoints (the API's own, not the core's records).

internal sealed record MarkReadRequest(Guid? UpToMessageId);

internal sealed record MessageResponse(
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
    IReadOnlyList<MessageAttachmentResponse> Attachments);

internal sealed record MessageAttachmentResponse(Guid Id, string FileName, string ContentType, long Length, string Href);

internal sealed record MessageThreadResponse(IReadOnlyList<MessageResponse> Items, string? NextCursor, int UnreadCount);

internal sealed record InboxResponse(IReadOnlyList<MessageResponse> Items, string? NextCursor, int UnreadTotal);

internal sealed record ConsentRequestListResponse(IReadOnlyList<MessageResponse> Items);

internal sealed record SentMessageResponse(Guid MessageId, Guid OrderId, int Sequence, DateTimeOffset SentAt);

internal sealed record ThreadReadResponse(Guid OrderId, int ReadUpToSequence, int Unread);

internal sealed record UnreadCountsResponse(int Total, IReadOnlyList<OrderUnreadResponse> ByOrder);

internal sealed record OrderUnreadResponse(Guid OrderId, int Unread, DateTimeOffset? LastReceivedAt);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MarkReadRequest))]
[JsonSerializable(typeof(MessageThreadResponse))]
[JsonSerializable(typeof(InboxResponse))]
[JsonSerializable(typeof(ConsentRequestListResponse))]
[JsonSerializable(typeof(SentMessageResponse))]
[JsonSerializable(typeof(ThreadReadResponse))]
[JsonSerializable(typeof(UnreadCountsResponse))]
internal sealed partial class MessagesJsonContext : JsonSerializerContext;
