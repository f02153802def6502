using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>Readable order numbers: per network and calendar year in the network's time zone (Europe/Berlin).</summary>
public sealed class OrderNumberTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Numbers_count_per_network_and_restart_in_a_new_Berlin_year(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var first = host.Network;
        var second = new TestNetwork();
        await using (var db = host.CreateDbContext())
        {
            await second.SeedAsync(db, host.Customers, host.Time.GetUtcNow());
        }

        async Task<string> Next(TestNetwork network)
        {
            var created = await host.Orders.CreateDraftAsync(network.Broker, new CreateDraftCommand(network.ServiceId, "K-1"));
            OrderDriver.Ok(created, "CreateDraft");
            (await host.LoadOrderAsync(created.Value.OrderId)).Number.Should().Be(created.Value.Number);
            return created.Value.Number;
        }

        (await Next(first)).Should().Be("EA-2026-000001");
        (await Next(first)).Should().Be("EA-2026-000002");
        (await Next(second)).Should().Be("EA-2026-000001", "each network counts on its own");
        (await Next(first)).Should().Be("EA-2026-000003");

        // 22:30 UTC on New Year's Eve is 23:30 in Berlin (CET): still 2026.
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 31, 22, 30, 0, TimeSpan.Zero));
        (await Next(first)).Should().Be("EA-2026-000004");

        // 23:30 UTC is 00:30 on 1 January in Berlin: the new year starts at 1, although UTC is still in 2026.
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero));
        (await Next(first)).Should().Be("EA-2027-000001");
        (await Next(second)).Should().Be("EA-2027-000001");
        host.Time.Advance(TimeSpan.FromDays(200)); // summer time (CEST) changes nothing
        (await Next(first)).Should().Be("EA-2027-000002");

        // A number is searchable.
        var page = await host.Queries.ListOrdersAsync(first.Broker, new OrderListQuery { Text = "EA-2027-000002" });
        page.Value.Items.Should().ContainSingle().Which.Number.Should().Be("EA-2027-000002");
    }
}
