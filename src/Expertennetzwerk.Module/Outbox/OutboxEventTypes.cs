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
    /// A row was dead-lettered (payload <see cref="OutboxDeadLetterNotice"/>, recipients <c>operator</c>): written with
    /// the dead letter only when a handler for this type is registered (the notification planner tells the operator).
    /// </summary>
    public const string DeadLettered = "outbox.dead-lettered";

    /// <summary>Delivery row: one rendered mail (payload <see cref="OutboxMail"/>) to <see cref="Ports.IMailSender"/>.</summary>
    public const string Mail = "mail";

    /// <summary>Delivery row: one digital message (payload <see cref="Ports.DigitalMessageDelivery"/>) to <see cref="Ports.IDigitalMessageChannel"/>.</summary>
    public const string DigitalMessage = "digital-message";
}
