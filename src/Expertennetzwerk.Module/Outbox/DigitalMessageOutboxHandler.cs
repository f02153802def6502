using Expertennetzwerk.Module.Ports;

namespace Expertennetzwerk.Module.Outbox;

/// <summary>Delivers <see cref="OutboxEventTypes.DigitalMessage"/> rows (payload <see cref="DigitalMessageDelivery"/>) to the <see cref="IDigitalMessageChannel"/>.</summary>
internal sealed class DigitalMessageOutboxHandler(IDigitalMessageChannel channel) : IOutboxHandler
{
    private static readonly string[] Types = [OutboxEventTypes.DigitalMessage];

    public IReadOnlyCollection<string> EventTypes => Types;

    public Task HandleAsync(OutboxDeliveryContext context, CancellationToken cancellationToken) =>
        channel.DeliverAsync(OutboxPayloads.Deserialize<DigitalMessageDelivery>(context.Message), cancellationToken);
}
