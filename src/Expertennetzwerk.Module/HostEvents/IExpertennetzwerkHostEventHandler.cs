namespace Expertennetzwerk.Module.HostEvents;

/// <summary>
/// The host's hook for the module's order events (<see cref="ExpertennetzwerkHostEvent"/>), registered with
/// <c>AddExpertennetzwerk(...).AddHostEventHandler&lt;T&gt;()</c> (scoped; several may be registered). Called by the
/// outbox dispatcher after the command committed, outside any transaction, at least once: a throwing handler makes the
/// delivery be tried again later with backoff (every registered handler is called again, with the same
/// <see cref="ExpertennetzwerkHostEvent.IdempotencyKey"/>), and after the outbox's last attempt the event is a dead letter
/// the operator can re-queue. Store the key with what you write and skip a key you already have. Events of one order may
/// arrive in any order (retries, several instances): sort by <see cref="ExpertennetzwerkHostEvent.OccurredAt"/>.
/// </summary>
public interface IExpertennetzwerkHostEventHandler
{
    /// <summary>Handles one event; throw to have it delivered again later.</summary>
    Task HandleAsync(ExpertennetzwerkHostEvent hostEvent, CancellationToken cancellationToken);
}
