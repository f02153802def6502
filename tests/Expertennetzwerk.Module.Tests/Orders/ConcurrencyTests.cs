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
/// Two commands on the same order at the same time (Accept by the expert, Withdraw by the broker): one wins, the other
/// answers Conflict and leaves no trace.
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
            gate.Arm(id, inTransaction: kind == DatabaseKind.Postgres);

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
            var stateChanges = outbox.Where(m => m.EventType != RaceExtension.AuditEvent).ToList();
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

    /// <summary>Shared by both commands of a round: who loaded, who fired, and the barriers between.</summary>
    public sealed class RaceGate
    {
        private volatile Round? _round;

        public ConcurrentBag<OrderTrigger> LoadedBag { get; private set; } = [];

        public ConcurrentBag<OrderTrigger> TransitionedBag { get; private set; } = [];

        public IReadOnlyCollection<OrderTrigger> Loaded => LoadedBag.ToArray();

        public IReadOnlyCollection<OrderTrigger> Transitioned => TransitionedBag.ToArray();

        public void Arm(Guid orderId, bool inTransaction)
        {
            LoadedBag = [];
            TransitionedBag = [];
            _round = new Round(orderId, inTransaction);
        }

        public void Disarm() => _round = null;

        internal Round? Current(Guid orderId) => _round is { } round && round.OrderId == orderId ? round : null;

        internal sealed class Round(Guid orderId, bool inTransaction)
        {
            public Guid OrderId { get; } = orderId;

            public bool InTransaction { get; } = inTransaction;

            public AsyncBarrier LoadBarrier { get; } = new(2);

            public AsyncBarrier FireBarrier { get; } = new(2);
        }
    }

    /// <summary>
    /// Holds both commands until both have loaded the order, and on PostgreSQL until both have fired and opened their
    /// transaction, so neither saves before the other has read the same version. On SQLite the second command cannot
    /// reach its transaction while the first holds it (BEGIN IMMEDIATE takes the write lock), so there the barrier
    /// sits at load time only: the second command waits in BEGIN and then finds the version moved.
    /// Also writes an audit row in the transaction, which must survive only for the winner.
    /// </summary>
    public sealed class RaceExtension(RaceGate gate) : IOrderWorkflowExtension
    {
        public const string AuditEvent = "test.race-audit";

        public async ValueTask LoadAsync(OrderTrigger trigger, OrderGuardContext context, DbContext db, CancellationToken cancellationToken)
        {
            if (gate.Current(context.Order.Id) is { } round && trigger is OrderTrigger.Accept or OrderTrigger.Withdraw)
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
