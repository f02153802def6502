using System.Net;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.SampleHost.Tests.Api.Support;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>The operator's order list (metadata only) and an order's details behind a recorded purpose.</summary>
public sealed partial class OperatorPagesHandlerTests
{
    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_operators_order_list_shows_metadata_without_a_personal_datum_and_an_orders_details_only_after_a_recorded_purpose(ApiDatabase database)
    {
        await using var host = await StartAsync(database);
        var orderId = await host.OrderInStateAsync("InProgress");
        var (number, customer) = await host.InScopeAsync(async services =>
        {
            var order = (await services.GetRequiredService<ExpertOrderQueries>().GetOrderAsync(ApiActors.OwningBroker, orderId)).Value;
            return (order.Number, order.CustomerDisplayName!);
        });
        customer.Should().NotBeNullOrWhiteSpace();
        using var operatorClient = host.Client(ApiActors.Operator);

        // The list: number, state, service, both parties, dates; filtered by number and state like the broker's list.
        var list = WebUtility.HtmlDecode(await operatorClient.GetStringAsync(new Uri($"{Prefix}/orders?q={number}&state=InProgress", UriKind.Relative)));
        Heading(list).Should().Be("Aufträge im Netzwerk");
        var row = System.Text.RegularExpressions.Regex.Match(list, $"<tr data-number=\"{number}\">.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        row.Should().Contain($"{Prefix}/orders/{orderId}").And.Contain("In Bearbeitung").And.Contain("Müller & Partner Versicherungsmakler GmbH").And.Contain("Hartmann Spezialkonzepte GmbH");
        list.Should().NotContain(customer, "the operator's list carries no personal datum").And.NotContain("id=\"enw-customer\"", "no filter by customer either");
        list.Should().Contain("class=\"enw-counts\"");
        var all = WebUtility.HtmlDecode(await operatorClient.GetStringAsync(new Uri($"{Prefix}/orders", UriKind.Relative)));
        all.Should().Contain(number).And.NotContain(customer);
        foreach (var name in await host.InScopeAsync(async services => await CustomerNamesAsync(services)))
        {
            all.Should().NotContain(name, "no customer of any order");
        }

        // The details: metadata and the purpose form; no customer, no look historised.
        var path = $"{Prefix}/orders/{orderId}";
        var accesses = await AccessesAsync(host, orderId);
        var details = WebUtility.HtmlDecode(await operatorClient.GetStringAsync(new Uri(path, UriKind.Relative)));
        Heading(details).Should().Contain(number);
        details.Should().Contain("purpose-form").And.NotContain(customer);
        (await AccessesAsync(host, orderId)).Should().Be(accesses);

        var token = await TokenAsync(operatorClient);
        using (var response = await operatorClient.PostAsync(new Uri(path + "?handler=Purpose", UriKind.Relative), Form(token, ("purpose", "Stichprobe Qualitätssicherung"))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            page.Should().Contain(customer).And.Contain("Stichprobe Qualitätssicherung").And.NotContain("purpose-form");
        }

        // Recorded in the order's history with the purpose, as the broker reads it.
        var history = await host.InScopeAsync(async services =>
            (await services.GetRequiredService<ExpertOrderQueries>().GetOrderAsync(ApiActors.OwningBroker, orderId)).Value.History);
        history.Should().Contain(h => h.Event == ExpertOrderQueries.OperatorAccessEvent && h.Text == "Stichprobe Qualitätssicherung");

        // Asked once per visit, on the dispute page too.
        (await operatorClient.GetStringAsync(new Uri(path, UriKind.Relative))).Should().NotContain("purpose-form");
    }

    private static async Task<List<string>> CustomerNamesAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Expertennetzwerk.SampleHost.Crm.SampleCrmDbContext>>().CreateDbContextAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Set<ExpertOrder>().Select(o => o.CustomerDisplayName).Where(n => n.Length >= 5).Distinct());
    }
}
