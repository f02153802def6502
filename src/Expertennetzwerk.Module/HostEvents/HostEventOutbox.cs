using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Outbox.Events;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.HostEvents;

/// <summary>
/// Turns the module's domain event rows into host events: while an event row is delivered, one
/// <see cref="OutboxEventTypes.HostEvent"/> row per host event is queued as its follow-up (committed with marking the
/// event row delivered, never otherwise), keyed <c>host:{event key}</c>. Nothing is queued when the host registered no
/// <see cref="IExpertennetzwerkHostEventHandler"/>. Consent requests (they carry the link) and dead-letter notices are
/// no host events.
/// </summary>
internal sealed class HostEventOutbox(IEnumerable<IExpertennetzwerkHostEventHandler> handlers)
{
    /// <summary>The start of every host event row's key.</summary>
    internal const string KeyPrefix = "host:";

    private readonly bool _wanted = handlers.Any();

    /// <summary>Queues the host events of <paramref name="context"/>'s event row as its follow-ups.</summary>
    internal async Task EnqueueAsync(OutboxDeliveryContext context, CancellationToken cancellationToken)
    {
        if (!_wanted)
        {
            return;
        }

        var row = context.Message;
        var events = Describe(row);
        if (events.Count == 0)
        {
            return;
        }

        var orderId = events[0].OrderId;
        var order = await context.Db.Set<ExpertOrder>().AsNoTracking()
            .Where(o => o.Id == orderId && o.NetworkId == row.NetworkId)
            .Select(o => new { o.Number, o.BrokerPartyId, o.CustomerRef })
            .SingleOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (order is null)
        {
            return;
        }

        foreach (var d in events)
        {
            var hostEvent = new ExpertennetzwerkHostEvent(
                d.Kind, d.Key, row.NetworkId, orderId, order.Number, order.BrokerPartyId, order.CustomerRef, row.CreatedAt, d.Trigger, d.From, d.To, d.ConsentId, d.MessageId);
            context.Enqueue(new OutboxMessage(
                Guid.CreateVersion7(), row.NetworkId, orderId, OutboxEventTypes.HostEvent, "host", OutboxPayloads.Serialize(hostEvent), d.Key, row.CreatedAt));
        }
    }

    private static List<Described> Describe(OutboxMessage row)
    {
        var key = KeyPrefix + row.IdempotencyKey;
        switch (row.EventType)
        {
            case OutboxEventTypes.OrderPlaced or OutboxEventTypes.OrderStateChanged:
                var change = OutboxPayloads.Deserialize<OrderEvent>(row);
                var described = new List<Described>(2) { new(KindOf(change), key, change.Trigger, change.From, change.To, null, null, change.OrderId) };
                if (change.Trigger == nameof(OrderTrigger.WithdrawConsent))
                {
                    // A withdrawal that ended a running order is announced by its state change only; the host hears both.
                    described.Add(new(HostEventKind.ConsentWithdrawn, key + ":consent", change.Trigger, change.From, change.To, null, null, change.OrderId));
                }

                return described;
            case OutboxEventTypes.ConsentDecided:
                var decision = OutboxPayloads.Deserialize<ConsentDecidedEvent>(row);
                return [new(decision.Agreed ? HostEventKind.ConsentGiven : HostEventKind.ConsentDeclined, key, null, null, null, decision.ConsentId, null, decision.OrderId)];
            case OutboxEventTypes.ConsentWithdrawn:
                var withdrawal = OutboxPayloads.Deserialize<ConsentWithdrawnEvent>(row);
                return [new(HostEventKind.ConsentWithdrawn, key, null, null, null, withdrawal.ConsentId, null, withdrawal.OrderId)];
            case OutboxEventTypes.MessageSent:
                var message = OutboxPayloads.Deserialize<MessageSentEvent>(row);
                return message.RecipientPartyId is null
                    ? [] // a consent request to a data subject: not part of the thread
                    : [new(HostEventKind.MessageSent, key, null, null, null, null, message.MessageId, message.OrderId)];
            default:
                return [];
        }
    }

    private static HostEventKind KindOf(OrderEvent change) => change.Trigger switch
    {
        nameof(OrderTrigger.Place) => HostEventKind.OrderPlaced,
        nameof(OrderTrigger.Accept) => HostEventKind.OrderAccepted,
        _ when change.To == nameof(OrderState.Completed) => HostEventKind.OrderCompleted,
        _ when change.To == nameof(OrderState.Cancelled) => HostEventKind.OrderCancelled,
        _ => HostEventKind.OrderStateChanged,
    };

    private readonly record struct Described(
        HostEventKind Kind, string Key, string? Trigger, string? From, string? To, Guid? ConsentId, Guid? MessageId, Guid OrderId);
}

/// <summary>Delivers <see cref="OutboxEventTypes.HostEvent"/> rows to every registered <see cref="IExpertennetzwerkHostEventHandler"/>.</summary>
internal sealed class HostEventOutboxHandler(IEnumerable<IExpertennetzwerkHostEventHandler> handlers) : IOutboxHandler
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> EventTypes { get; } = [OutboxEventTypes.HostEvent];

    /// <inheritdoc />
    public async Task HandleAsync(OutboxDeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hostEvent = OutboxPayloads.Deserialize<ExpertennetzwerkHostEvent>(context.Message);
        foreach (var handler in handlers)
        {
            await handler.HandleAsync(hostEvent, cancellationToken).ConfigureAwait(false);
        }
    }
}
