using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// The user who acts for a broker party and an expert party (Jonas Hartmann) switches party in the browser and sees each
/// side's orders only: an order of his broker office is absent from his expert list and cannot be opened as expert, and
/// an order his expert party works on for another broker is absent from his broker list — each found by its number.
/// </summary>
public sealed class ActingPartyOrdersBrowserTests(WebUiHost web) : IClassFixture<WebUiHost>
{
    private static readonly Actor AsBroker = Actor.Broker(DemoIds.Network, DemoIds.BrokerHartmann, DemoIds.UserHartmann);
    private static readonly Actor AsExpert = Actor.Expert(DemoIds.Network, DemoIds.ExpertHartmannSpezial, DemoIds.UserHartmann);

    [SkippableFact]
    public async Task The_user_who_is_broker_and_expert_sees_each_sides_orders_only_after_switching_party()
    {
        Chromium.SkipUnlessAvailable();
        var (brokerOrders, expertOrders) = await web.Host.InScopeAsync(async services =>
        {
            var queries = services.GetRequiredService<ExpertOrderQueries>();
            var query = new OrderListQuery { PageSize = ExpertOrderQueries.MaxPageSize };
            return ((await queries.ListOrdersAsync(AsBroker, query)).Value.Items, (await queries.ListOrdersAsync(AsExpert, query)).Value.Items);
        });
        var brokerOnly = brokerOrders.First(o => expertOrders.All(e => e.Id != o.Id));
        var expertOnly = expertOrders.First(o => brokerOrders.All(b => b.Id != o.Id));

        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Jonas Hartmann");

        // As broker: his office's order is listed and opens; the order his expert party works on is not listed.
        await SwitchAsync(page, "Vermittler");
        var brokerList = await ListAsync(page);
        brokerList.Should().Contain(brokerOnly.Number).And.NotContain(expertOnly.Number);
        (await page.GotoAsync($"/expertennetzwerk/orders/{expertOnly.Id}"))!.Status.Should().Be(404, "as broker, his expert party's order is none of his");
        (await page.GotoAsync($"/expertennetzwerk/orders/{brokerOnly.Id}"))!.Status.Should().Be(200);

        // As expert: the other way round.
        await SwitchAsync(page, "Experte");
        var expertList = await ListAsync(page);
        expertList.Should().Contain(expertOnly.Number).And.NotContain(brokerOnly.Number);
        (await page.GotoAsync($"/expertennetzwerk/orders/{brokerOnly.Id}"))!.Status.Should().Be(404, "as expert, his broker office's order is none of his");
        (await page.GotoAsync($"/expertennetzwerk/orders/{expertOnly.Id}"))!.Status.Should().Be(200);
        dialogs.Should().BeEmpty();
    }

    private static async Task SwitchAsync(IPage page, string party)
    {
        await page.GotoAsync("/expertennetzwerk/orders");
        await page.Locator("#enw-acting-party").SelectOptionAsync(new SelectOptionValue { Label = party });
        await page.GetByRole(AriaRole.Button, new() { Name = "Wechseln" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        (await page.Locator("#enw-acting-party option:checked").InnerTextAsync()).Should().Be(party);
    }

    /// <summary>The order list in every state (a query of its own: the expert's list would open on the open orders).</summary>
    private static async Task<string> ListAsync(IPage page)
    {
        (await page.GotoAsync("/expertennetzwerk/orders?q="))!.Status.Should().Be(200);
        return await page.Locator("main").InnerTextAsync();
    }
}
