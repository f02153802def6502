using System.Collections.Concurrent;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>
/// Commands at the same time: two on the same order (Accept by the expert, Withdraw by the broker) — one wins, the other
/// answers Conflict and leaves no trace; several on different orders — all succeed and the counters stay right.
/// </summary>
public sealed class ConcurrencyTests
{
    private static readonly TimeSpan BarrierTimeout = TimeSpan.FromSeconds(20);

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Accept_and_Withdraw_at_once_one_wins_and_the_other_is_a_Conflict(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);

        // SQLite needs a file (one connection per context, WAL) for two commands to run side by side.
        await using var host = await ModuleHost.StartAsync(kind, new ModuleHostOptions { SqliteFile = true }, builder =>
        {
            builder.Services.AddSingleton<RaceGate>();
            builder.AddWorkflowExtension<RaceExtension>();
        });
        var n = host.Network;
        var gate = host.Services.GetRequiredService<RaceGate>();
        var winners = new List<OrderTrigger>();

        for (var round = 0; round < 4; round++)
        {
            var id = await host.OrderInAsync("Placed");
            var before = await host.FootprintAsync(id);
            gate.Arm([id, id], inTransaction: kind == DatabaseKind.Postgres);

            var accept = Task.Run(() => host.Orders.AcceptAsync(n.Expert, id));
            var withdraw = Task.Run(() => host.Orders.WithdrawAsync(n.Broker, id, "Kunde hat gekündigt"));
            var results = await Task.WhenAll(accept, withdraw).WaitAsync(TimeSpan.FromSeconds(60));
            gate.Disarm();

            gate.Loaded.Should().BeEquivalentTo([OrderTrigger.Accept, OrderTrigger.Withdraw], "both commands loaded the order before either saved");
            if (kind == DatabaseKind.Postgres)
            {
                gate.Transitioned.Should().BeEquivalentTo([OrderTrigger.Accept, OrderTrigger.Withdraw], "both fired and reached their open transaction before either saved");
            }

            results.Select(r => r.Status).Should().BeEquivalentTo([ResultStatus.Ok, ResultStatus.Conflict], "round {0}: {1} / {2}", round, results[0], results[1]);
            var winner = results[0].IsOk ? OrderTrigger.Accept : OrderTrigger.Withdraw;
            winners.Add(winner);

            var after = await host.FootprintAsync(id);
            after.State.Should().Be(winner == OrderTrigger.Accept ? OrderState.InProgress : OrderState.Cancelled);
            after.Version.Should().Be(before.Version + 1);
            after.History.Should().Be(before.History + 1, "only the winner's history entry exists");
            var history = await host.HistoryAsync(id);
            history[^1].Event.Should().Be(winner.ToString());

            var outbox = await host.OutboxAsync(id);
            var stateChanges = outbox.Where(m => m.EventType is not (RaceExtension.AuditEvent or OutboxEventTypes.DigitalMessage)).ToList();
            stateChanges.Should().HaveCount(2, "Place and the winner");
            stateChanges[^1].IdempotencyKey.Should().Be($"{id:N}:{winner}:{history[^1].Sequence}");
            outbox.Where(m => m.EventType == RaceExtension.AuditEvent).Select(m => m.IdempotencyKey)
                .Should().Equal([$"audit:{id:N}:{winner}"], "the loser's in-transaction row was rolled back with it");
        }

        await host.AssertCountsMatchRowsAsync();

        // The loser may simply retry with what it now sees: it gets the workflow's answer, not a Conflict.
        var lastId = await host.OrderInAsync("Placed");
        OrderDriver.Ok(await host.Orders.AcceptAsync(n.Expert, lastId), "Accept without a rival");
        var retry = await host.Orders.WithdrawAsync(n.Broker, lastId, "zu spät");
        retry.Refusal!.Code.Should().Be("order.invalid_state");
        winners.Should().HaveCount(4);
    }

    /// <summary>
    /// Different orders of one broker moving in opposite directions at once (InProgress → AwaitingInformation and
    /// back): no conflict between them, and the shared per-state counters neither deadlock nor drift.
    /// </summary>
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Opposite_transitions_of_one_brokers_orders_all_succeed(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, new ModuleHostOptions { SqliteFile = true }, builder =>
        {
            builder.Services.AddSingleton<RaceGate>();
            builder.AddWorkflowExtension<RaceExtension>();
        });
        var n = host.Network;
        var gate = host.Services.GetRequiredService<RaceGate>();
        const int Pairs = 4;
        for (var round = 0; round < 3; round++)
        {
            var working = new List<Guid>();
            var waiting = new List<Guid>();
            for (var i = 0; i < Pairs; i++)
            {
                working.Add(await host.OrderInAsync("InProgress"));
                waiting.Add(await host.OrderInAsync("AwaitingInformation"));
            }

            gate.Arm([.. working, .. waiting], inTransaction: kind == DatabaseKind.Postgres);
            var tasks = working.Select(id => Task.Run(() => host.Orders.RequestInformationAsync(n.Expert, id, "Frage")))
                .Concat(waiting.Select(id => Task.Run(() => host.Orders.ProvideInformationAsync(n.Broker, id, "Antwort"))))
                .ToList();
            var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
            gate.Disarm();

            results.Should().OnlyContain(r => r.IsOk, "different orders never conflict (round {0}: {1})", round, string.Join(", ", results.Select(r => r.ToString())));
            await host.AssertCountsMatchRowsAsync();
        }
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Drafts_created_at_once_get_distinct_consecutive_numbers(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, new ModuleHostOptions { SqliteFile = true });
        var n = host.Network;
        Actor[] brokers = [n.Broker, n.OtherBroker, n.Advisor];
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => host.Orders.CreateDraftAsync(brokers[i % 3], new CreateDraftCommand(n.ServiceId, "K-1")))));

        results.Should().OnlyContain(r => r.IsOk);
        results.Select(r => r.Value.Number).Should().BeEquivalentTo(Enumerable.Range(1, 12).Select(i => $"EA-2026-{i:D6}"));
        await host.AssertCountsMatchRowsAsync();
    }

    /// <summary>Shared by the commands of a round: who loaded, who fired, and the barriers between.</summary>
    public sealed class RaceGate
    {
        private volatile Round? _round;

        public ConcurrentBag<OrderTrigger> LoadedBag { get; private set; } = [];

        public ConcurrentBag<OrderTrigger> TransitionedBag { get; private set; } = [];

        public IReadOnlyCollection<OrderTrigger> Loaded => LoadedBag.ToArray();

        public IReadOnlyCollection<OrderTrigger> Transitioned => TransitionedBag.ToArray();

        /// <summary>Holds one command per entry of <paramref name="orderIds"/> (an id twice: two commands on it).</summary>
        public void Arm(IReadOnlyCollection<Guid> orderIds, bool inTransaction)
        {
            LoadedBag = [];
            TransitionedBag = [];
            _round = new Round(orderIds.ToHashSet(), orderIds.Count, inTransaction);
        }

        public void Disarm() => _round = null;

        internal Round? Current(Guid orderId) => _round is { } round && round.OrderIds.Contains(orderId) ? round : null;

        internal sealed class Round(HashSet<Guid> orderIds, int participants, bool inTransaction)
        {
            public HashSet<Guid> OrderIds { get; } = orderIds;

            public bool InTransaction { get; } = inTransaction;

            public AsyncBarrier LoadBarrier { get; } = new(participants);

            public AsyncBarrier FireBarrier { get; } = new(participants);
        }
    }

    /// <summary>
    /// Holds the commands of a round until all have loaded their order, and on PostgreSQL until all have fired and
    /// opened their transaction, so none saves before the others have read. On SQLite a second command cannot reach
    /// its transaction while the first holds it (BEGIN IMMEDIATE takes the write lock), so there the barrier sits at
    /// load time only: a later command waits in BEGIN and then finds the version moved.
    /// Also writes an audit row in the transaction, which must survive only for a winner.
    /// </summary>
    public sealed class RaceExtension(RaceGate gate) : IOrderWorkflowExtension
    {
        public const string AuditEvent = "test.race-audit";

        public async ValueTask LoadAsync(OrderTrigger trigger, OrderGuardContext context, DbContext db, CancellationToken cancellationToken)
        {
            if (gate.Current(context.Order.Id) is { } round)
            {
                gate.LoadedBag.Add(trigger);
                await round.LoadBarrier.SignalAndWaitAsync(BarrierTimeout);
            }
        }

        public async ValueTask OnTransitionedAsync(OrderTransition transition, DbContext db, CancellationToken cancellationToken)
        {
            if (gate.Current(transition.Order.Id) is not { } round)
            {
                return;
            }

            db.Add(new OutboxMessage(
                Guid.CreateVersion7(), transition.Order.NetworkId, transition.Order.Id, AuditEvent, "audit", "{}",
                $"audit:{transition.Order.Id:N}:{transition.Trigger}", transition.At));
            gate.TransitionedBag.Add(transition.Trigger);
            if (round.InTransaction)
            {
                await round.FireBarrier.SignalAndWaitAsync(BarrierTimeout);
            }
        }
    }

    /// <summary>A one-shot barrier for async code.</summary>
    public sealed class AsyncBarrier(int participants)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task SignalAndWaitAsync(TimeSpan timeout)
        {
            if (Interlocked.Increment(ref _arrived) == participants)
            {
                _all.TrySetResult();
            }

            return _all.Task.WaitAsync(timeout);
        }
    }
}
