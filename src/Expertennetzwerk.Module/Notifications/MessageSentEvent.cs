namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// Payload of a <see cref="Outbox.OutboxEventTypes.MessageSent"/> row, written by the command that sends a digital message
/// (one row per message, key <see cref="IdempotencyKey"/>). The notification planner mails the users of
/// <see cref="RecipientPartyId"/> (except the sender) as their preferences say; the message itself reaches the party's
/// <see cref="Ports.IDigitalMessageChannel"/> through the delivery row the sending command writes with it.
/// </summary>
/// <param name="OrderId">The order the thread belongs to.</param>
/// <param name="MessageId">The stored message.</param>
/// <param name="SenderPartyId">The party that wrote.</param>
/// <param name="RecipientPartyId">The party it is for; null for a message to a data subject (nobody to notify here).</param>
/// <param name="SenderUserId">The user who wrote (never notified of their own message), if known.</param>
/// <param name="Subject">The message's subject for the digital-message channel, if it has one.</param>
/// <param name="Text">
/// The message's text for the digital-message channel, if the sending command puts it here; without it the channel
/// gets a notice pointing at the order (the host reads the message by <see cref="MessageId"/>). Never mailed.
/// </param>
internal sealed record MessageSentEvent(
    Guid OrderId,
    Guid MessageId,
    Guid SenderPartyId,
    Guid? RecipientPartyId,
    Guid? SenderUserId = null,
    string? Subject = null,
    string? Text = null)
{
    /// <summary>The event row's idempotency key: <c>message:{messageId:N}</c>.</summary>
    public static string IdempotencyKey(Guid messageId) => $"message:{messageId:N}";
}
