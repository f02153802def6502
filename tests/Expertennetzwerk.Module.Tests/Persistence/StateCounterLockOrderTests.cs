using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Listing;
using Expertennetzwerk.Module.Persistence.Dialects;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Persistence;

/// <summary>
/// On PostgreSQL the per-state counters are row-locked by each command's upsert. Two transitions of different orders of
/// one broker in opposite directions (InProgress → AwaitingInformation and back) touch the same two counter rows; they
/// must lock them in one order, or PostgreSQL aborts one of them as a deadlock (40P01) — an exception, not an answer.
/// </summary>
public sealed class StateCounterLockOrderTests
{
    [SkippableFact]
    public async Task Opposite_counter_updates_queue_instead_of_deadlocking()
    {
        Postgres.SkipUnlessAvailable(DatabaseKind.Postgres);
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Postgres);
        var n = host.Network;
        await host.OrderInAsync("InProgress");
        await host.OrderInAsync("AwaitingInformation");
        var before = await CountsAsync(host);

        StateCountDelta[] forth = [new(n.BrokerPartyId, OrderRole.OwningBroker, OrderState.InProgress, -1), new(n.BrokerPartyId, OrderRole.OwningBroker, OrderState.AwaitingInformation, 1)];
        StateCountDelta[] back = [new(n.BrokerPartyId, OrderRole.OwningBroker, OrderState.AwaitingInformation, -1), new(n.BrokerPartyId, OrderRole.OwningBroker, OrderState.InProgress, 1)];

        // A third transaction holds the InProgress counter, so both commands queue on their way (first come, first served).
        await using var holder = host.CreateDbContext();
        await using var holding = await holder.Database.BeginTransactionAsync();
        await holder.Set<OrderStateCount>()
            .Where(c => c.NetworkId == n.NetworkId && c.PartyId == n.BrokerPartyId && c.Role == OrderRole.OwningBroker && c.State == "InProgress")
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count));

        await using var first = host.CreateDbContext();
        await using var second = host.CreateDbContext();
        await using var firstTx = await first.Database.BeginTransactionAsync();
        await using var secondTx = await second.Database.BeginTransactionAsync();
        // Each command is started only once the one before it is seen waiting for a row lock (no sleeps: the server says so).
        var forthTask = SqlDialect.For(first).ApplyStateCountDeltasAsync(first, n.NetworkId, forth, CancellationToken.None);
        await WaitForLockWaitersAsync(holder, 1);
        var backTask = SqlDialect.For(second).ApplyStateCountDeltasAsync(second, n.NetworkId, back, CancellationToken.None);
        await WaitForLockWaitersAsync(holder, 2);
        await holding.CommitAsync();

        // Whichever command finishes first ends its transaction, so the other can go on.
        var pending = new Dictionary<Task<string?>, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction>
        {
            [Settle(forthTask)] = firstTx,
            [Settle(backTask)] = secondTx,
        };
        var outcomes = new List<string?>();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending.Keys).WaitAsync(TimeSpan.FromSeconds(30));
            var transaction = pending[done];
            pending.Remove(done);
            var error = await done;
            outcomes.Add(error);
            if (error is null)
            {
                await transaction.CommitAsync();
            }
            else
            {
                await transaction.RollbackAsync();
            }
        }

        outcomes.Should().OnlyContain(e => e == null, "opposite transitions must queue on the counters, not deadlock: {0}", string.Join(" | ", outcomes));
        (await CountsAsync(host)).Should().BeEquivalentTo(before, "the two moves cancel out");
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> sessions of this database wait for a lock.</summary>
    private static async Task WaitForLockWaitersAsync(DbContext probe, int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var waiting = await probe.Database
                .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .SingleAsync();
            if (waiting >= count)
            {
                return;
            }

            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "{0} command(s) should queue on the held counter row", count);
            await Task.Delay(5);
        }
    }

    private static async Task<string?> Settle(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }

    private static async Task<Dictionary<string, long>> CountsAsync(ModuleHost host)
    {
        await using var db = host.CreateDbContext();
        return await db.Set<OrderStateCount>().AsNoTracking()
            .Where(c => c.PartyId == host.Network.BrokerPartyId)
            .ToDictionaryAsync(c => c.State, c => c.Count);
    }
}
