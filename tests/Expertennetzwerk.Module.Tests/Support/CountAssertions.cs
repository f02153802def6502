using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Support;

/// <summary>Checks that the kept per-state counters agree with the order rows.</summary>
public static class CountAssertions
{
    /// <summary>Compares every party's counters (and the operator's sums) with a GROUP BY over the order rows.</summary>
    public static async Task AssertCountsMatchRowsAsync(this ModuleHost host)
    {
        var n = host.Network;
        List<ExpertOrder> rows;
        await using (var db = host.CreateDbContext())
        {
            rows = await db.Set<ExpertOrder>().AsNoTracking().Where(o => o.NetworkId == n.NetworkId).ToListAsync();
        }

        async Task Check(Actor actor, IEnumerable<ExpertOrder> mine, bool withDrafts)
        {
            var expected = Enum.GetValues<OrderState>().Where(st => withDrafts || st != OrderState.Draft)
                .ToDictionary(st => st, st => (long)mine.Count(o => o.State == st));
            var counts = (await host.Queries.ListOrdersAsync(actor, new OrderListQuery { PageSize = 1 })).Value.CountsByState;
            counts.Should().BeEquivalentTo(expected, "the counters of {0} {1} must match the rows", actor.PartyKind, actor.PartyId);
        }

        await Check(n.Broker, rows.Where(o => o.BrokerPartyId == n.BrokerPartyId), true);
        await Check(n.OtherBroker, rows.Where(o => o.BrokerPartyId == n.OtherBrokerPartyId), true);
        await Check(n.Advisor, rows.Where(o => o.BrokerPartyId == n.AdvisorPartyId), true);
        await Check(n.Expert, rows.Where(o => o.AssignedExpertPartyId == n.ExpertPartyId), false);
        await Check(n.OtherExpert, [], false);
        await Check(n.Operator, rows, true);
        await Check(n.System, rows, true);
    }
}
