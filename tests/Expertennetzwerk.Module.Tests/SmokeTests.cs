using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests;

public class SmokeTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Draft_place_accept_document_complete_and_list(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var created = await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, "K-1", """{"anlagebetrag": 10000}"""));
        created.Status.Should().Be(ResultStatus.Ok, created.ToString());
        created.Value.Number.Should().Be("EA-2026-000001");
        var id = created.Value.OrderId;

        (await host.Orders.PlaceAsync(n.Broker, id)).Status.Should().Be(ResultStatus.Ok);
        (await host.Orders.AcceptAsync(n.Expert, id)).Status.Should().Be(ResultStatus.Ok);
        (await host.Orders.CompleteAsync(n.Expert, id)).Refusal!.Code.Should().Be("order.documentation_missing");
        (await host.Orders.AddDocumentationAsync(n.Expert, id, "Analyse erstellt")).Status.Should().Be(ResultStatus.Ok);
        var done = await host.Orders.CompleteAsync(n.Expert, id);
        done.Status.Should().Be(ResultStatus.Ok, done.ToString());

        var page = await host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { Text = "muster" });
        page.Status.Should().Be(ResultStatus.Ok, page.ToString());
        page.Value.Items.Should().ContainSingle(i => i.Id == id);
        page.Value.CountsByState![OrderState.Completed].Should().Be(1);
        page.Value.CountsByState[OrderState.Draft].Should().Be(0);

        var detail = await host.Queries.GetOrderAsync(n.Broker, id);
        detail.Value.History.Select(h => h.Event).Should().Equal("Created", "Place", "Accept", "AddDocumentation", "Complete");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Keyset_pages_cover_every_order_once(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var ids = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            ids.Add((await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, "K-2"))).Value.OrderId);
            if (i % 3 == 0)
            {
                host.Time.Advance(TimeSpan.FromSeconds(1)); // several orders share one instant: the id breaks ties
            }
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { PageSize = 5, Cursor = cursor });
            page.Status.Should().Be(ResultStatus.Ok, page.ToString());
            seen.AddRange(page.Value.Items.Select(i => i.Id));
            cursor = page.Value.NextCursor;
        }
        while (cursor is not null);

        seen.Should().BeEquivalentTo(ids).And.OnlyHaveUniqueItems();
    }
}
