using Expertennetzwerk.Module.Common;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Orders.Workflow;

/// <summary>
/// The maintainers' hook into the order workflow: extra guards and actions inside the command's transaction.
/// Register with <c>AddExpertennetzwerk(...).AddWorkflowExtension&lt;T&gt;()</c>; extensions run in registration order.
/// </summary>
/// <remarks>
/// For each command the application service (1) calls <see cref="LoadAsync"/> so the extension can load what its
/// guard needs, (2) checks the built-in guards, then every extension's <see cref="Check"/> (synchronous, over loaded
/// data), (3) fires the trigger, (4) calls <see cref="OnTransitionedAsync"/> where the extension may add rows to the
/// same context, and (5) commits once. A refusal from <see cref="Check"/> leaves everything unchanged. Nothing may be
/// sent from here: write outbox rows instead.
/// </remarks>
public interface IOrderWorkflowExtension
{
    /// <summary>Loads what <see cref="Check"/> needs into <see cref="OrderGuardContext.Items"/>.</summary>
    ValueTask LoadAsync(OrderTrigger trigger, OrderGuardContext context, DbContext db, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Returns a refusal when the trigger must not fire, otherwise null.</summary>
    Refusal? Check(OrderTrigger trigger, OrderGuardContext context) => null;

    /// <summary>Runs after the trigger fired, inside the command's unit of work, before the one commit.</summary>
    ValueTask OnTransitionedAsync(OrderTransition transition, DbContext db, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
