using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Documents;
using Expertennetzwerk.Module.Orders.Workflow;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Orders;

/// <summary>
/// One workflow command for <see cref="OrderUnitOfWork.FireAsync"/>: who fires which trigger on which order, and what
/// the command adds to the shared steps.
/// </summary>
/// <param name="Actor">The acting user (verified before anything is read).</param>
/// <param name="OrderId">The order.</param>
/// <param name="Trigger">The workflow trigger.</param>
internal sealed record OrderCommand(Actor Actor, Guid OrderId, OrderTrigger Trigger)
{
    /// <summary>The version the caller saw; another one answers Conflict. Null: no check.</summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>The history entry's text (a reason, note, question; never personal data of a data subject).</summary>
    public string? Text { get; init; }

    /// <summary>Errors of the input found before loading; answered (ValidationFailed) after the guards passed.</summary>
    public IReadOnlyList<FieldError> InputErrors { get; init; } = [];

    /// <summary>Checks that need the loaded order (after the guards, before the extensions' checks).</summary>
    public Func<DbContext, OrderGuardContext, Task<IReadOnlyList<FieldError>>>? Validate { get; init; }

    /// <summary>What the command changes besides the state, after the transition and before the transaction opens.</summary>
    public Func<DbContext, ExpertOrder, ValueTask>? Effect { get; init; }

    /// <summary>The actor's role, given only by a caller that has proven it (a data subject's token); else derived from the order.</summary>
    public OrderRole? ProvenRole { get; init; }

    /// <summary>Files the effect stores; accepted (kept) once the command has committed, else deleted by the caller's dispose.</summary>
    public DocumentStaging? Staging { get; init; }
}
