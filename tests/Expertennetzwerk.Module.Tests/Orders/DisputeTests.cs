using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>A dispute remembers the state it came from until the operator settles it.</summary>
public sealed class DisputeTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    public static TheoryData<DatabaseKind, string, bool, DisputeResolution, OrderState> Cases()
    {
        var data = new TheoryData<DatabaseKind, string, bool, DisputeResolution, OrderState>();
        foreach (var kind in Enum.GetValues<DatabaseKind>())
        {
            data.Add(kind, "InProgress", true, DisputeResolution.Resume, OrderState.InProgress);
            data.Add(kind, "AwaitingInformation", false, DisputeResolution.Cancel, OrderState.Cancelled);
            data.Add(kind, "Completed", true, DisputeResolution.Complete, OrderState.Completed);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Dispute_remembers_where_it_came_from(DatabaseKind kind, string from, bool byBroker, DisputeResolution resolution, OrderState settled)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync(from);
        var opener = byBroker ? n.Broker : n.Expert;

        OrderDriver.Ok(await host.Orders.OpenDisputeAsync(opener, id, "Streit über das Ergebnis"), "OpenDispute");
        var disputed = await host.Queries.GetOrderAsync(n.Broker, id);
        disputed.Value.State.Should().Be(OrderState.Disputed);
        disputed.Value.DisputedFromState.Should().Be(Enum.Parse<OrderState>(from));
        (await host.LoadOrderAsync(id)).DisputedFromState.Should().Be(Enum.Parse<OrderState>(from));
        disputed.Value.History[^1].Should().BeEquivalentTo(new { Event = "OpenDispute", FromState = Enum.Parse<OrderState>(from), ToState = OrderState.Disputed, PartyId = opener.PartyId });

        OrderDriver.Ok(await host.Orders.ResolveDisputeAsync(n.Operator, id, resolution, "Einigung erzielt"), "ResolveDispute");
        var after = await host.LoadOrderAsync(id);
        after.State.Should().Be(settled);
        after.DisputedFromState.Should().BeNull("a settled dispute is over");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_unknown_resolution_is_a_validation_error(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var id = await host.OrderInAsync("Disputed");
        var before = await host.FootprintAsync(id);
        var result = await host.Orders.ResolveDisputeAsync(host.Network.Operator, id, (DisputeResolution)42, "Notiz");
        result.Status.Should().Be(Common.ResultStatus.ValidationFailed);
        result.FieldErrors.Should().ContainSingle().Which.Field.Should().Be("resolution");
        (await host.FootprintAsync(id)).Should().Be(before);
    }
}
