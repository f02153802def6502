using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Workflow;

/// <summary>
/// The buttons each actor gets, written out by hand for the cases the transition table leaves implicit: an undocumented
/// order cannot be completed (and says why), a documented one can.
/// </summary>
public sealed class PermittedActionsTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Complete_appears_only_once_the_order_is_documented(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Placed");
        (await Actions(host, n.Broker, id)).Should().Equal(OrderTrigger.Withdraw);
        (await Actions(host, n.Expert, id)).Should().Equal(OrderTrigger.Accept, OrderTrigger.Decline);
        (await Actions(host, n.Operator, id)).Should().Equal(OrderTrigger.Cancel);
        (await Actions(host, n.System, id)).Should().BeEmpty();

        OrderDriver.Ok(await host.Orders.AcceptAsync(n.Expert, id), "Accept");
        (await Actions(host, n.Expert, id)).Should().Equal(
            OrderTrigger.SetProgressStep, OrderTrigger.AddDocumentation, OrderTrigger.RequestInformation, OrderTrigger.Cancel, OrderTrigger.OpenDispute);
        (await Actions(host, n.Broker, id)).Should().Equal(OrderTrigger.OpenDispute);
        (await Actions(host, n.Operator, id)).Should().Equal(OrderTrigger.Cancel);

        var before = await host.FootprintAsync(id);
        var refused = await host.Orders.CompleteAsync(n.Expert, id);
        refused.Status.Should().Be(ResultStatus.Refused);
        refused.Refusal!.Code.Should().Be("order.documentation_missing");
        refused.Refusal.Text.German.Should().Be("Bitte dokumentieren Sie den Auftrag, bevor Sie ihn abschließen.");
        (await host.FootprintAsync(id)).Should().Be(before);

        OrderDriver.Ok(await host.Orders.AddDocumentationAsync(n.Expert, id, "Bericht"), "AddDocumentation");
        (await Actions(host, n.Expert, id)).Should().Equal(
            OrderTrigger.SetProgressStep, OrderTrigger.AddDocumentation, OrderTrigger.RequestInformation, OrderTrigger.Complete, OrderTrigger.Cancel, OrderTrigger.OpenDispute);
        (await host.Queries.GetOrderAsync(n.Expert, id)).Value.PermittedActions.Should().Equal(await Actions(host, n.Expert, id), "the detail carries the same buttons");
    }

    private static async Task<IReadOnlyList<OrderTrigger>> Actions(ModuleHost host, Actor actor, Guid id)
    {
        var result = await host.Queries.GetPermittedActionsAsync(actor, id);
        result.Status.Should().Be(ResultStatus.Ok);
        return result.Value;
    }
}
