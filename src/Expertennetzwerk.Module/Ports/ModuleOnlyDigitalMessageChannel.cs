namespace Expertennetzwerk.Module.Ports;

/// <summary>
/// The default <see cref="IDigitalMessageChannel"/>: the module keeps every message in its own store, so nothing more
/// is pushed anywhere. A host with its own inbox or app registers its channel instead.
/// </summary>
internal sealed class ModuleOnlyDigitalMessageChannel : IDigitalMessageChannel
{
    public Task DeliverAsync(DigitalMessageDelivery delivery, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
