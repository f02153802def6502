using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Expertennetzwerk.Module.Tests.Persistence;

/// <summary>
/// Free-text search uses the FTS5 trigram table when the database has it and an unindexed LIKE otherwise
/// (docs/design.md, "Persistence rules": without the index search still works).
/// </summary>
public sealed class SearchIndexTests
{
    [Fact]
    public async Task A_database_without_the_search_table_still_searches_even_next_to_one_with_it()
    {
        // An in-memory database with the search table, searched first …
        await using var indexed = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var created = await indexed.Orders.CreateDraftAsync(indexed.Network.Broker, new CreateDraftCommand(indexed.Network.ServiceId, "K-1"));
        (await indexed.Queries.ListOrdersAsync(indexed.Network.Broker, new OrderListQuery { Text = "muster" })).Value.Items
            .Should().ContainSingle(i => i.Id == created.Value.OrderId);

        // … and another in-memory database (same connection string) whose host created only the model's tables.
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var services = new ServiceCollection();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<InMemoryCustomerDirectory>();
        services.AddExpertennetzwerk(o => o.PublicBaseUrl = new Uri("https://crm.example.org/")).UseEntityFrameworkCore(db => db.UseSqlite(connection)).UseCustomerDirectory<InMemoryCustomerDirectory>().UseDevelopmentMailbox();
        services.AddSingleton<ICustomerDirectory>(sp => sp.GetRequiredService<InMemoryCustomerDirectory>());
        await using var provider = services.BuildServiceProvider();
        var network = new TestNetwork();
        await using (var db = provider.GetRequiredService<IDbContextFactory<Module.Persistence.ExpertennetzwerkDbContext>>().CreateDbContext())
        {
            await db.Database.EnsureCreatedAsync();
            await network.SeedAsync(db, provider.GetRequiredService<InMemoryCustomerDirectory>(), time.GetUtcNow());
        }

        var orders = provider.GetRequiredService<ExpertOrderService>();
        var queries = provider.GetRequiredService<ExpertOrderQueries>();
        var plain = await orders.CreateDraftAsync(network.Broker, new CreateDraftCommand(network.ServiceId, "K-2"));
        OrderDriver.Ok(plain, "CreateDraft");
        foreach (var text in new[] { "öztürk", "Jü", "EA-2026-000001" })
        {
            var page = await queries.ListOrdersAsync(network.Broker, new OrderListQuery { Text = text });
            page.Status.Should().Be(ResultStatus.Ok);
            page.Value.Items.Should().ContainSingle(i => i.Id == plain.Value.OrderId, "\"{0}\" is found without the search table", text);
        }
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Odd_search_text_is_just_text(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        host.Customers.Add(n.BrokerPartyId, "K-ODD", "Firma \"100%_Rabatt\" \\ Söhne");
        var odd = await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, "K-ODD"));
        OrderDriver.Ok(odd, "CreateDraft");
        OrderDriver.Ok(await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, "K-1")), "CreateDraft");

        foreach (var (text, found) in new[]
                 {
                     ("\"100%_rabatt\"", true), ("100%", true), ("%", true), ("_", true), ("\\ söhne", true), ("\"", true),
                     ("muster*", false), ("NEAR(a b)", false), ("'; DROP TABLE enw_orders; --", false), ("x OR y", false),
                 })
        {
            var page = await host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { Text = text });
            page.Status.Should().Be(ResultStatus.Ok, "searching {0}", text);
            page.Value.Items.Select(i => i.Id).Should().BeEquivalentTo(found ? [odd.Value.OrderId] : Array.Empty<Guid>(), "searching {0}", text);
        }
    }
}
