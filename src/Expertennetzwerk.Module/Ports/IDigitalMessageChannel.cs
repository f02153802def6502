namespace Expertennetzwerk.Module.Ports;

/// <summary>
/// Port through which a host pushes a digital message into its own inbox or app. The module keeps every message in
/// its own store anyway; the default channel does nothing more. Called by the outbox after the commit (at-least-once:
/// <see cref="DigitalMessageDelivery.DeliveryId"/> stays the same on a redelivery).
/// </summary>
public interface IDigitalMessageChannel
{
    /// <summary>Delivers one message to one recipient. Throws like <see cref="IMailSender.SendAsync"/> on failure.</summary>
    Task DeliverAsync(DigitalMessageDelivery delivery, CancellationToken cancellationToken = default);
}

/// <summary>One digital message for one recipient.</summary>
/// <param name="DeliveryId">Stable id of this delivery (the notification's idempotency key); the same on a redelivery.</param>
/// <param name="NetworkId">The network.</param>
/// <param name="OrderId">The order it belongs to, if any.</param>
/// <param name="MessageId">The stored message's id, if it is one (a notification may have none).</param>
/// <param name="RecipientUserId">The user it is for, if a user.</param>
/// <param name="RecipientPartyId">The party it is for, if a party.</param>
/// <param name="Subject">A short subject.</param>
/// <param name="Text">The text.</param>
public sealed record DigitalMessageDelivery(
    string DeliveryId,
    Guid NetworkId,
    Guid? OrderId,
    Guid? MessageId,
    Guid? RecipientUserId,
    Guid? RecipientPartyId,
    string Subject,
    string Text);
