namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// The <see cref="OutboxMessage.EventType"/>s. Domain events (written by commands) are expanded by the notification
/// planner into delivery rows (<see cref="Mail"/>, <see cref="DigitalMessage"/>), one per recipient and channel.
/// </summary>
public static class OutboxEventTypes
{
    /// <summary>A broker placed an order (payload: order id, number, trigger, from, to, history sequence).</summary>
    public const string OrderPlaced = "order.placed";

    /// <summary>An order changed state (same payload as <see cref="OrderPlaced"/>, with the reason's history sequence).</summary>
    public const string OrderStateChanged = "order.state-changed";

    /// <summary>
    /// A broker asked a data subject for consent (payload: order id, consent id, data subject, name, mail address,
    /// culture, the consent and withdrawal links, expiry). The links are secrets: the row is the only place they exist
    /// besides the data subject's mail, so the planner must scrub the payload once the notification is delivered.
    /// </summary>
    public const string ConsentRequested = "consent.requested";

    /// <summary>
    /// A digital message was stored (payload: order id, number, message id, kind, sender user/party, recipient party,
    /// history sequence, attachment count — ids only, never the text); the planner mails recipients who want mail.
    /// </summary>
    public const string MessageSent = "message.sent";

    /// <summary>Delivery row: one rendered mail (payload <see cref="OutboxMail"/>) to <see cref="Ports.IMailSender"/>.</summary>
    public const string Mail = "mail";

    /// <summary>Delivery row: one digital message (payload <see cref="Ports.DigitalMessageDelivery"/>) to <see cref="Ports.IDigitalMessageChannel"/>.</summary>
    public const string DigitalMessage = "digital-message";
}
