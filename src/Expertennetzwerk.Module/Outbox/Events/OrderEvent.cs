namespace Expertennetzwerk.Module.Outbox.Events;

/// <summary>
/// Payload of <see cref="OutboxEventTypes.OrderPlaced"/> and <see cref="OutboxEventTypes.OrderStateChanged"/> rows, written
/// by the order commands and read by the notification planner (camelCase JSON: <c>orderId</c>, <c>number</c>,
/// <c>trigger</c>, <c>from</c>, <c>to</c>, <c>historySequence</c>). The reason is not in it: it is the history entry's
/// text, loaded by (<see cref="OrderId"/>, <see cref="HistorySequence"/>).
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="Number">The order's number.</param>
/// <param name="Trigger">The trigger's name, e.g. <c>Decline</c>.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="HistorySequence">The history entry the transition wrote.</param>
internal sealed record OrderEvent(Guid OrderId, string Number, string Trigger, string From, string To, int HistorySequence)
{
    /// <summary>The row's event type: <see cref="OutboxEventTypes.OrderPlaced"/> for Place, else <see cref="OutboxEventTypes.OrderStateChanged"/>.</summary>
    public string EventType() =>
        string.Equals(Trigger, nameof(Orders.OrderTrigger.Place), StringComparison.Ordinal) ? OutboxEventTypes.OrderPlaced : OutboxEventTypes.OrderStateChanged;

    /// <summary>The row's idempotency key: <c>{orderId:N}:{trigger}:{historySequence}</c> (one row per transition).</summary>
    public string IdempotencyKey() => $"{OrderId:N}:{Trigger}:{HistorySequence}";
}
