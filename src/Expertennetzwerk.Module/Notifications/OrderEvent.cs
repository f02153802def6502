namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// Payload of <see cref="Outbox.OutboxEventTypes.OrderPlaced"/> and <see cref="Outbox.OutboxEventTypes.OrderStateChanged"/>
/// rows as the order commands write them (camelCase JSON). The reason is not in it: it is the history entry's text,
/// loaded by (<see cref="OrderId"/>, <see cref="HistorySequence"/>).
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="Number">The order's number.</param>
/// <param name="Trigger">The trigger's name, e.g. <c>Decline</c>.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="HistorySequence">The history entry the transition wrote.</param>
internal sealed record OrderEvent(Guid OrderId, string Number, string Trigger, string From, string To, int HistorySequence);
