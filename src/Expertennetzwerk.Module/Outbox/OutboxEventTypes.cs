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

    /// <summary>Delivery row: one rendered mail (payload <see cref="OutboxMail"/>) to <see cref="Ports.IMailSender"/>.</summary>
    public const string Mail = "mail";

    /// <summary>Delivery row: one digital message (payload <see cref="Ports.DigitalMessageDelivery"/>) to <see cref="Ports.IDigitalMessageChannel"/>.</summary>
    public const string DigitalMessage = "digital-message";

    /// <summary>
    /// A digital message was sent on an order (payload <c>Events.MessageSentEvent</c>); the planner tells the
    /// recipient party's users by mail (or digest) and pushes a digital message to the party.
    /// </summary>
    public const string MessageSent = "message.sent";

    /// <summary>
    /// A broker asked a data subject for consent (payload <c>Events.ConsentRequestedEvent</c>, which holds the
    /// secret link: the notification feature scrubs the row once delivered).
    /// </summary>
    public const string ConsentRequested = "consent.requested";

    /// <summary>
    /// A data subject agreed or declined on the consent page (payload <c>Events.ConsentDecidedEvent</c>); the
    /// planner mails the confirmation with the full text and, after an agreement, the withdrawal link (a secret: the row is
    /// scrubbed once delivered).
    /// </summary>
    public const string ConsentDecided = "consent.decided";

    /// <summary>
    /// A consent was withdrawn and the order kept its state (a draft, a completed or disputed order; payload
    /// <c>Events.ConsentWithdrawnEvent</c>, no personal data); the planner tells the broker's users. A
    /// withdrawal that cancels the order is told by the state change instead.
    /// </summary>
    public const string ConsentWithdrawn = "consent.withdrawn";

    /// <summary>
    /// Written in the commit that dead-letters a row, by the notification feature's dispatcher hook (payload
    /// <c>Events.DeadLetteredEvent</c>); the planner mails the operator. Never written for a notice itself.
    /// </summary>
    public const string DeadLettered = "outbox.dead-lettered";

    /// <summary>
    /// Delivery row: one order event for the host's <c>HostEvents.IExpertennetzwerkHostEventHandler</c>s (payload
    /// <c>HostEvents.ExpertennetzwerkHostEvent</c>), queued from the domain event while it is delivered.
    /// </summary>
    public const string HostEvent = "host-event";

    /// <summary>A notification held for a user's daily digest (payload: the notification feature's <c>DigestItem</c>); delivering it does nothing, the <see cref="Digest"/> row bundles it.</summary>
    public const string DigestItem = "digest-item";

    /// <summary>A user's daily digest (payload: the notification feature's <c>DigestRun</c>): bundles the user's <see cref="DigestItem"/> rows of one slot into one mail.</summary>
    public const string Digest = "digest";
}
