using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>The guards of Place (docs/design.md: the workflow and the advisor rule), each with its refusal code and German text.</summary>
public sealed class PlaceGuardTests
{
    public static TheoryData<DatabaseKind, string> Cases()
    {
        var data = new TheoryData<DatabaseKind, string>();
        foreach (var kind in Enum.GetValues<DatabaseKind>())
        {
            foreach (var code in new[] { "order.service_not_published", "order.advisor_revenue_share", "order.broker_not_approved", "order.broker_lacks_permission" })
            {
                data.Add(kind, code);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Place_is_refused_and_writes_nothing(DatabaseKind kind, string code)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        Actor broker;
        Guid serviceId;
        switch (code)
        {
            case "order.service_not_published":
                (broker, serviceId) = (n.Broker, n.UnpublishedServiceId);
                break;
            case "order.advisor_revenue_share":
                (broker, serviceId) = (n.Advisor, n.RevenueShareServiceId);
                break;
            case "order.broker_not_approved":
                (broker, serviceId) = (n.Broker, n.ServiceId);
                await UpdatePartyAsync(host, n.BrokerPartyId, p => p.Approval = ApprovalState.Pending);
                break;
            default:
                (broker, serviceId) = (n.OtherBroker, n.ServiceId);
                await using (var db = host.CreateDbContext())
                {
                    // The other broker's only licence is § 34d; the service needs it.
                    (await db.Set<PartyRegistration>().Where(r => r.PartyId == n.OtherBrokerPartyId).ExecuteDeleteAsync()).Should().Be(1);
                }

                break;
        }

        var draft = await host.Orders.CreateDraftAsync(broker, new CreateDraftCommand(serviceId, "K-1"));
        OrderDriver.Ok(draft, "CreateDraft");
        var id = draft.Value.OrderId;
        var before = await host.FootprintAsync(id);

        var result = await host.Orders.PlaceAsync(broker, id);

        result.Status.Should().Be(ResultStatus.Refused);
        result.Refusal!.Code.Should().Be(code);
        result.Refusal.Text.German.Should().NotBeNullOrWhiteSpace().And.NotBe(result.Refusal.Text.English);
        (await host.FootprintAsync(id)).Should().Be(before, "a refused Place changes nothing");
        (await host.LoadOrderAsync(id)).AssignedExpertPartyId.Should().BeNull("the expert never receives a refused order");
        (await host.Queries.GetPermittedActionsAsync(broker, id)).Value.Should().Equal([OrderTrigger.SaveDraft, OrderTrigger.Withdraw], "the Place button is hidden when its guard fails");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_advisor_may_order_a_service_without_revenue_share_and_a_broker_one_with(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        foreach (var (broker, service) in new[] { (n.Advisor, n.ServiceId), (n.Broker, n.RevenueShareServiceId) })
        {
            var draft = await host.Orders.CreateDraftAsync(broker, new CreateDraftCommand(service, "K-2"));
            OrderDriver.Ok(draft, "CreateDraft");
            (await host.Queries.GetPermittedActionsAsync(broker, draft.Value.OrderId)).Value.Should().Contain(OrderTrigger.Place);
            OrderDriver.Ok(await host.Orders.PlaceAsync(broker, draft.Value.OrderId), "Place");
        }
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Only_a_broker_party_creates_drafts_and_only_of_a_known_service(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        foreach (var actor in new[] { n.Expert, n.Operator, n.System })
        {
            var refused = await host.Orders.CreateDraftAsync(actor, new CreateDraftCommand(n.ServiceId, "K-1"));
            refused.Status.Should().Be(ResultStatus.Refused);
            refused.Refusal!.Code.Should().Be("order.actor_not_permitted");
        }

        (await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(Guid.CreateVersion7(), "K-1"))).Status.Should().Be(ResultStatus.NotFound);
        (await host.Orders.CreateDraftAsync(n.Broker.InNetwork(Guid.CreateVersion7()), new CreateDraftCommand(n.ServiceId, "K-1")))
            .Status.Should().Be(ResultStatus.Forbidden, "the broker party is no party of another network");
        (await host.CountRowsAsync()).Orders.Should().Be(0);
    }

    private static async Task UpdatePartyAsync(ModuleHost host, Guid partyId, Action<Party> change)
    {
        await using var db = host.CreateDbContext();
        var party = await db.Set<Party>().SingleAsync(p => p.Id == partyId);
        change(party);
        await db.SaveChangesAsync();
    }
}
