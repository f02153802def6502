using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>A fresh order of the benchmark network to fire one transition on.</summary>
internal readonly record struct PoolOrder(Guid Id, Guid Broker, Guid Expert);

/// <summary>
/// Fresh drafts (for Place) and placed orders (for Accept) of the benchmark network, written in bulk outside the
/// measurement, so each measured invocation fires one transition on an order nobody touched before.
/// </summary>
internal sealed class TransitionPool(ModuleHandle module)
{
    private const string Counts = "\"enw_order_state_counts\"";

    private const string UpsertOneCountSql =
        $"INSERT INTO {Counts} (\"NetworkId\", \"Role\", \"PartyId\", \"State\", \"Count\") VALUES ({{0}}, {{1}}, {{2}}, {{3}}, {{4}}) " +
        $"ON CONFLICT (\"NetworkId\", \"Role\", \"PartyId\", \"State\") DO UPDATE SET \"Count\" = {Counts}.\"Count\" + excluded.\"Count\"";

    private readonly Queue<PoolOrder> _drafts = new();
    private readonly Queue<PoolOrder> _placed = new();
    private readonly string _runTag = Guid.NewGuid().ToString("N")[..12];
    private int _poolNumber;

    /// <summary>A draft for Place.</summary>
    public PoolOrder NextDraft() => Next(_drafts);

    /// <summary>A placed order for Accept.</summary>
    public PoolOrder NextPlaced() => Next(_placed);

    private PoolOrder Next(Queue<PoolOrder> pool)
    {
        if (pool.Count == 0)
        {
            // Only when BenchmarkDotNet runs more invocations than the iteration setup prepared (it should not).
            Refill(BenchJobs.WriteInvocations + 8);
        }

        return pool.Dequeue();
    }

    /// <summary>Tops both pools up to <paramref name="size"/> orders (drafts for Place, placed orders for Accept), counters included.</summary>
    public void Refill(int size) => RefillAsync(size).GetAwaiter().GetResult();

    private async Task RefillAsync(int size)
    {
        var now = TimeProvider.System.GetUtcNow();
        var orders = new List<(ExpertOrder Order, Queue<PoolOrder> Pool)>();
        foreach (var pool in new[] { _drafts, _placed })
        {
            while (pool.Count + orders.Count(o => o.Pool == pool) < size)
            {
                var k = _poolNumber++;
                var order = BenchNetwork.NewDraft(k % BenchNetwork.BrokerCount, k % BenchNetwork.ExpertCount, $"BM-{_runTag}-{k:D8}", now);
                if (pool == _placed)
                {
                    BenchNetwork.MakePlaced(order, now);
                }

                orders.Add((order, pool));
            }
        }

        if (orders.Count == 0)
        {
            return;
        }

        await using (var db = module.CreateDbContext())
        {
            var counts = new Dictionary<(OrderRole Role, Guid Party, OrderState State), long>();
            foreach (var (order, _) in orders)
            {
                db.Add(order);
                db.Add(new OrderHistoryEntry(Guid.CreateVersion7(now), order.NetworkId, order.Id, 1, now, BenchNetwork.UserId, order.BrokerPartyId,
                    PartyKind.Broker, "Created", OrderState.Draft, OrderState.Draft, null));
                counts[(OrderRole.OwningBroker, order.BrokerPartyId, order.State)] = counts.GetValueOrDefault((OrderRole.OwningBroker, order.BrokerPartyId, order.State)) + 1;
                if (order.State == OrderState.Placed)
                {
                    db.Add(new OrderHistoryEntry(Guid.CreateVersion7(now), order.NetworkId, order.Id, 2, now, BenchNetwork.UserId, order.BrokerPartyId,
                        PartyKind.Broker, "Place", OrderState.Draft, OrderState.Placed, null));
                    counts[(OrderRole.AssignedExpert, order.ExpertPartyId, order.State)] = counts.GetValueOrDefault((OrderRole.AssignedExpert, order.ExpertPartyId, order.State)) + 1;
                }
            }

            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            foreach (var ((role, party, state), delta) in counts)
            {
#pragma warning disable EF1003 // A constant built from constants; the values are parameters.
                await db.Database.ExecuteSqlRawAsync(UpsertOneCountSql, BenchNetwork.NetworkId, role.ToString(), party, state.ToString(), delta);
#pragma warning restore EF1003
            }

            await transaction.CommitAsync();
        }

        foreach (var (order, pool) in orders)
        {
            pool.Enqueue(new PoolOrder(order.Id, order.BrokerPartyId, order.ExpertPartyId));
        }
    }
}
