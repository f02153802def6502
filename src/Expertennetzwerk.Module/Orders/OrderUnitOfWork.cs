using System.Text.Json;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Persistence.Dialects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Orders;

/// <summary>
/// The order unit of work every feature's command on an order runs through (orders, consent): verify the actor
/// (Forbidden before any lookup by id), load, role, expected version, guards, input, validation, extensions' checks,
/// fire, effects, system notice, history, outbox, extensions' hooks, save (a lost race answers Conflict), counters,
/// commit once.
/// </summary>
internal sealed class OrderUnitOfWork
{
    private readonly IModuleDbContextFactory _factory;
    private readonly ActorVerifier _actors;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<IOrderWorkflowExtension> _extensions;
    private readonly ILogger _logger;
    private readonly RefusalDescriber _refusals;
    private readonly ExpertennetzwerkMetrics? _metrics;

    internal OrderUnitOfWork(
        IModuleDbContextFactory factory,
        ActorVerifier actors,
        TimeProvider time,
        IEnumerable<IOrderWorkflowExtension> extensions,
        ILogger<OrderUnitOfWork> logger,
        RefusalDescriber refusals,
        ExpertennetzwerkMetrics? metrics = null)
    {
        _metrics = metrics;
        _refusals = refusals;
        _factory = factory;
        _actors = actors;
        _time = time;
        _extensions = extensions.ToList();
        _logger = logger;
    }

    /// <summary>Runs one workflow command as one unit of work (see the class); one activity and one count per command.</summary>
    public async Task<Result<OrderChanged>> FireAsync(OrderCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var trigger = command.Trigger.ToString();
        using var activity = ExpertennetzwerkDiagnostics.StartCommand(command.Actor, trigger, command.OrderId);
        var result = await FireOnceAsync(command, cancellationToken).ConfigureAwait(false);
        ExpertennetzwerkDiagnostics.Finish(activity, result.Status);
        _metrics?.CommandFinished(trigger, result.Status);
        return result;
    }

    private async Task<Result<OrderChanged>> FireOnceAsync(OrderCommand command, CancellationToken cancellationToken)
    {
        var (actor, orderId, trigger) = (command.Actor, command.OrderId, command.Trigger);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<OrderChanged>.From(Result.Forbidden());
        }

        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false); // one connection for the whole unit of work
        var (order, role) = await OrderAccess.FindAsync(db, actor, orderId, cancellationToken, provenRole: command.ProvenRole).ConfigureAwait(false);
        if (order is null || role == OrderRole.None)
        {
            return Result<OrderChanged>.From(Result.NotFound());
        }

        if (command.ExpectedVersion is { } expected && expected != order.Version)
        {
            return Result<OrderChanged>.From(Result.Conflict());
        }

        var guardContext = await OrderGuardContextLoader.LoadAsync(
            db, order, actor, role, trigger == OrderTrigger.Place, [trigger], _extensions, cancellationToken).ConfigureAwait(false);
        var machine = OrderWorkflow.Create(guardContext);
        if (!machine.CanFire(trigger, out var unmet))
        {
            // Stateless leaves unmet null when the state has no transition for the trigger at all: a wrong state.
            var refusal = (unmet ?? []).Select(_refusals.Find).FirstOrDefault(r => r is not null) ?? OrderRefusals.InvalidState;
            return Result<OrderChanged>.From(_refusals.Refused(refusal));
        }

        if (command.InputErrors.Count > 0)
        {
            return Result<OrderChanged>.From(Result.Invalid(command.InputErrors));
        }

        if (command.Validate is { } validate && await validate(db, guardContext).ConfigureAwait(false) is { Count: > 0 } lateErrors)
        {
            return Result<OrderChanged>.From(Result.Invalid(lateErrors));
        }

        foreach (var extension in _extensions)
        {
            if (extension.Check(trigger, guardContext) is { } refusal)
            {
                return Result<OrderChanged>.From(_refusals.Refused(refusal));
            }
        }

        var from = order.State;
        var assignedBefore = order.AssignedExpertPartyId;
        var loadedVersion = order.Version;
        var loadedHistoryCount = order.HistoryCount;
        await machine.FireAsync(trigger).ConfigureAwait(false);
        var to = order.State;
        var now = _time.GetUtcNow();
        ApplyStateEffects(order, trigger, from);

        // Effects run before the transaction opens: they may store files through IDocumentStore (command.Staging),
        // whose default uses its own connection (on SQLite it would wait for this command's write lock).
        if (command.Effect is { } effect)
        {
            await effect(db, order).ConfigureAwait(false);
        }

        order.Touch(now);
        var history = OrderHistory.Append(db, order, actor, trigger.ToString(), from, to, command.Text, now, _time);
        if (from != to)
        {
            AppendStateChangedOutbox(db, order, trigger, from, to, history.Sequence, now);
            await AddSystemNoticeAsync(db, order, trigger, guardContext, history.Sequence, cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var transition = new OrderTransition(order, actor, trigger, from, to, command.Text, now);
        foreach (var extension in _extensions)
        {
            await extension.OnTransitionedAsync(transition, db, cancellationToken).ConfigureAwait(false);
        }

        // A moved history count is a lost race too: a message or an operator's look appends history without a new version.
        if (!await OrderConcurrency.SaveOrConflictAsync(db, _factory, order.Id, loadedVersion, loadedHistoryCount, _logger, cancellationToken).ConfigureAwait(false))
        {
            return Result<OrderChanged>.From(Result.Conflict());
        }

        if (from != to)
        {
            await SqlDialect.For(db).ApplyStateCountDeltasAsync(db, order.NetworkId, CountDeltas(order, from, to, assignedBefore), cancellationToken)
                .ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        command.Staging?.Accept();
        return new OrderChanged(order.Id, order.Number, order.State, order.Version);
    }

    /// <summary>
    /// Records an event on the order that is no workflow trigger (a data subject's consent decision): verifies the actor,
    /// loads the order, lets <paramref name="apply"/> change what it must (false = nothing to do: answer
    /// <paramref name="refusal"/>), appends history, and commits once with the order's concurrency check (a lost race
    /// answers Conflict).
    /// </summary>
    public async Task<Result> RecordEventAsync(
        Actor actor, Guid orderId, string eventName, Func<DbContext, ExpertOrder, Task<bool>> apply, Refusal refusal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(apply);
        using var activity = ExpertennetzwerkDiagnostics.StartCommand(actor, eventName, orderId);
        var result = await RecordEventOnceAsync(actor, orderId, eventName, apply, refusal, cancellationToken).ConfigureAwait(false);
        ExpertennetzwerkDiagnostics.Finish(activity, result.Status);
        _metrics?.CommandFinished(eventName, result.Status);
        return result;
    }

    private async Task<Result> RecordEventOnceAsync(
        Actor actor, Guid orderId, string eventName, Func<DbContext, ExpertOrder, Task<bool>> apply, Refusal refusal, CancellationToken cancellationToken)
    {
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result.Forbidden();
        }

        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var order = await db.Set<ExpertOrder>()
            .SingleOrDefaultAsync(o => o.Id == orderId && o.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false);
        if (order is null || !await apply(db, order).ConfigureAwait(false))
        {
            return _refusals.Refused(refusal);
        }

        var (loadedVersion, loadedHistoryCount) = (order.Version, order.HistoryCount);
        var now = _time.GetUtcNow();
        order.Touch(now);
        OrderHistory.Append(db, order, actor, eventName, order.State, order.State, null, now, _time);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!await OrderConcurrency.SaveOrConflictAsync(db, _factory, order.Id, loadedVersion, loadedHistoryCount, _logger, cancellationToken).ConfigureAwait(false))
        {
            return Result.Conflict();
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Result.Ok();
    }

    private static void ApplyStateEffects(ExpertOrder order, OrderTrigger trigger, OrderState from)
    {
        switch (trigger)
        {
            case OrderTrigger.OpenDispute:
                order.DisputedFromState = from;
                break;
            case OrderTrigger.ResolveDisputeResume or OrderTrigger.ResolveDisputeComplete or OrderTrigger.ResolveDisputeCancel:
                order.DisputedFromState = null;
                break;
        }
    }

    private static IReadOnlyList<StateCountDelta> CountDeltas(ExpertOrder order, OrderState from, OrderState to, Guid? assignedBefore)
    {
        var deltas = new List<StateCountDelta>(4)
        {
            new(order.BrokerPartyId, OrderRole.OwningBroker, from, -1),
            new(order.BrokerPartyId, OrderRole.OwningBroker, to, 1),
        };
        if (assignedBefore is { } before)
        {
            deltas.Add(new StateCountDelta(before, OrderRole.AssignedExpert, from, -1));
        }

        if (order.AssignedExpertPartyId is { } after)
        {
            deltas.Add(new StateCountDelta(after, OrderRole.AssignedExpert, to, 1));
        }

        return deltas;
    }

    private void AppendStateChangedOutbox(DbContext db, ExpertOrder order, OrderTrigger trigger, OrderState from, OrderState to, int sequence, DateTimeOffset now)
    {
        // Recipients are resolved at delivery: the broker on every state change, the expert on a new binding order and on
        // the operator's resolution of a dispute.
        var recipients = trigger is OrderTrigger.Place or OrderTrigger.ResolveDisputeResume or OrderTrigger.ResolveDisputeComplete or OrderTrigger.ResolveDisputeCancel
            ? $"party:{order.BrokerPartyId:D} party:{order.ExpertPartyId:D}"
            : $"party:{order.BrokerPartyId:D}";
        var evt = new Outbox.Events.OrderEvent(order.Id, order.Number, trigger.ToString(), from.ToString(), to.ToString(), sequence);
        db.Add(new OutboxMessage(Ids.New(_time), order.NetworkId, order.Id, evt.EventType(), recipients, OutboxPayloads.Serialize(evt), evt.IdempotencyKey(), now));
    }

    /// <summary>
    /// The network's digital message in the module's own inbox: the new order to the assigned expert on Place, the
    /// completion to the broker on Complete. Written in the command's commit, so it exists exactly once per transition.
    /// Its text names the order's number and the service's title only (no customer data).
    /// </summary>
    private async Task AddSystemNoticeAsync(
        DbContext db, ExpertOrder order, OrderTrigger trigger, OrderGuardContext context, int historySequence, CancellationToken cancellationToken)
    {
        if (trigger is not (OrderTrigger.Place or OrderTrigger.Complete))
        {
            return;
        }

        var title = context.ServiceVersion?.Title
                    ?? await db.Set<ExpertServiceVersion>().AsNoTracking().Where(v => v.Id == order.ServiceVersionId)
                        .Select(v => v.Title).SingleAsync(cancellationToken).ConfigureAwait(false);
        var (recipient, subject, text) = trigger == OrderTrigger.Place
            ? (order.AssignedExpertPartyId ?? order.ExpertPartyId,
                $"Neuer Auftrag {order.Number}: {title}",
                $"Sie haben einen neuen Auftrag erhalten: {order.Number} – {title}. Bitte prüfen Sie ihn und nehmen Sie ihn an oder lehnen Sie ihn ab.")
            : (order.BrokerPartyId,
                $"Auftrag {order.Number} abgeschlossen: {title}",
                $"Der Auftrag {order.Number} – {title} wurde abgeschlossen. Sie können die Leistung jetzt bewerten.");
        await Messaging.DigitalMessages.AddSystemNoticeAsync(
            db, order, recipient, historySequence, subject, text, _time, opensThread: trigger == OrderTrigger.Place, cancellationToken).ConfigureAwait(false);
    }
}
