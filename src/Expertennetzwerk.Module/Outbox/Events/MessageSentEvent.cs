namespace Expertennetzwerk.Module.Outbox.Events;

/// <summary>
/// Payload of a <see cref="OutboxEventTypes.MessageSent"/> row, written by the command that sends a digital message
/// (one row per message, key <see cref="IdempotencyKey"/>; a system notice writes none). The notification planner mails
/// the users of <see cref="RecipientPartyId"/> (except the sender) as their preferences say; the message itself reaches
/// the party's <see cref="Ports.IDigitalMessageChannel"/> through the delivery row the sending command writes with it, so
/// this row carries ids only, no text. JSON names are camelCase (<c>orderId</c>, <c>number</c>, <c>messageId</c>,
/// <c>kind</c>, <c>senderUserId</c>, <c>senderPartyId</c>, <c>senderPartyKind</c>, <c>recipientPartyId</c>,
/// <c>historySequence</c>, <c>attachmentCount</c>).
/// </summary>
/// <param name="OrderId">The order the thread belongs to.</param>
/// <param name="Number">The order's number.</param>
/// <param name="MessageId">The stored message.</param>
/// <param name="Kind">The message's <see cref="Messaging.DigitalMessageKind"/> by name.</param>
/// <param name="SenderUserId">The user who wrote (never notified of their own message), if known.</param>
/// <param name="SenderPartyId">The party that wrote.</param>
/// <param name="SenderPartyKind">The writing party's <see cref="Common.PartyKind"/> by name.</param>
/// <param name="RecipientPartyId">The party it is for; null for a message to a data subject (nobody to notify here).</param>
/// <param name="HistorySequence">The order history entry that records the message.</param>
/// <param name="AttachmentCount">How many files it carries.</param>
internal sealed record MessageSentEvent(
    Guid OrderId,
    string Number,
    Guid MessageId,
    string Kind,
    Guid? SenderUserId,
    Guid SenderPartyId,
    string SenderPartyKind,
    Guid? RecipientPartyId,
    int HistorySequence,
    int AttachmentCount)
{
    /// <summary>The name of the order history event a message records, which is also the key's middle part.</summary>
    public const string HistoryEvent = "MessageSent";

    /// <summary>The row's idempotency key: <c>{orderId:N}:MessageSent:{historySequence}</c> (one row per message).</summary>
    public string IdempotencyKey() => $"{OrderId:N}:{HistoryEvent}:{HistorySequence}";
}
