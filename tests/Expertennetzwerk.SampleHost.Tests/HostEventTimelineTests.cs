using System.Net;
using Expertennetzwerk.Module.HostEvents;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests;

/// <summary>
/// The sample CRM's use of host events and health: the demo's order changes reach the timeline of each order's
/// customer after the commit, a redelivered event is stored once, and <c>/health</c> reports the module.
/// </summary>
public sealed class HostEventTimelineTests
{
    public static TheoryData<SampleDatabaseProvider> Providers() => [SampleDatabaseProvider.Sqlite, SampleDatabaseProvider.PostgreSQL];

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_demo_orders_reach_their_customers_timelines_once_each_even_when_delivered_again(SampleDatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var host = await RunningSampleHost.StartAsync(database);

        // The background dispatcher delivers the seeding's events, then the host events they were expanded into.
        var entries = await WaitForAsync(host, async db =>
        {
            var rows = await db.CustomerTimeline.AsNoTracking().ToListAsync();
            var pending = await db.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Pending);
            return pending == 0 && rows.Count > 0 ? rows : null;
        });

        await using var crm = await CreateAsync(host);
        var customers = await crm.Customers.AsNoTracking().Select(c => new { c.BrokerPartyId, c.CustomerRef }).ToListAsync();
        entries.Should().OnlyContain(e => customers.Contains(new { e.BrokerPartyId, e.CustomerRef }), "each line is on the timeline of the order's customer");
        entries.Select(e => e.Kind).Should().Contain([nameof(HostEventKind.OrderPlaced), nameof(HostEventKind.OrderAccepted), nameof(HostEventKind.OrderCompleted)]);
        entries.Select(e => e.IdempotencyKey).Should().OnlyHaveUniqueItems();
        int hostRows;
        await using (var db = await CreateAsync(host))
        {
            hostRows = await db.Set<OutboxMessage>().CountAsync(m => m.EventType == OutboxEventTypes.HostEvent);
            hostRows.Should().Be(entries.Count, "one timeline line per host event");

            // At least once: deliver every host event again, as after a crash between delivery and settling.
            await db.Set<OutboxMessage>().Where(m => m.EventType == OutboxEventTypes.HostEvent)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.DueAt, DateTimeOffset.UtcNow));
        }

        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchBatchAsync();
        var again = await WaitForAsync(host, async db =>
            await db.Set<OutboxMessage>().AnyAsync(m => m.EventType == OutboxEventTypes.HostEvent && m.Status != OutboxStatus.Sent)
                ? null
                : await db.CustomerTimeline.AsNoTracking().ToListAsync());
        again.Should().BeEquivalentTo(entries, "a redelivered event finds its key on the timeline and adds nothing");
    }

    [Fact]
    public async Task The_timeline_writer_stores_an_event_once_however_often_and_concurrently_it_comes()
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        await using var host = await RunningSampleHost.StartAsync(database);
        var hostEvent = new ExpertennetzwerkHostEvent(
            HostEventKind.OrderAccepted, "host:test:Accept:3", Guid.CreateVersion7(), Guid.CreateVersion7(), "EN-2026-000001", Guid.CreateVersion7(), "K-99999",
            DateTimeOffset.UtcNow, "Accept", "Placed", "InProgress");
        var writer = ActivatorUtilities.CreateInstance<CustomerTimelineWriter>(host.Services);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => writer.HandleAsync(hostEvent, CancellationToken.None)));
        await writer.HandleAsync(hostEvent, CancellationToken.None);

        await using var db = await CreateAsync(host);
        var stored = await db.CustomerTimeline.AsNoTracking().Where(e => e.IdempotencyKey == hostEvent.IdempotencyKey).ToListAsync();
        stored.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            hostEvent.BrokerPartyId, hostEvent.CustomerRef, Kind = "OrderAccepted", hostEvent.OrderId, hostEvent.OrderNumber, Detail = "Placed → InProgress",
        });
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Health_reports_the_module_healthy_once_the_outbox_is_delivered(SampleDatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var host = await RunningSampleHost.StartAsync(database);

        var status = string.Empty;
        for (var i = 0; i < 120 && status != "Healthy"; i++)
        {
            using var response = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK, "Healthy and Degraded answer 200");
            status = await response.Content.ReadAsStringAsync();
            if (status != "Healthy")
            {
                await Task.Delay(500);
            }
        }

        status.Should().Be("Healthy");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Health_is_unhealthy_while_a_migration_of_the_hosts_context_is_not_applied(SampleDatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var app = SampleHostApp.Build(database.HostArguments());
        var health = app.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<SampleCrmDbContext>>().CreateDbContextAsync())
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.Database.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(migrations[^2]);
        }

        var report = await health.CheckHealthAsync();
        report.Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy);
        report.Entries["expertennetzwerk"].Description.Should().Contain("lacks 1 migration(s)");

        await SampleHostApp.PrepareAsync(app.Services);
        (await health.CheckHealthAsync()).Status.Should().NotBe(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, "migrated");
    }

    private static async Task<SampleDatabaseFixture> DatabaseAsync(SampleDatabaseProvider provider)
    {
        if (provider == SampleDatabaseProvider.Sqlite)
        {
            return SampleDatabaseFixture.Sqlite();
        }

        Postgres.SkipUnlessAvailable();
        return await SampleDatabaseFixture.PostgresAsync();
    }

    private static Task<SampleCrmDbContext> CreateAsync(RunningSampleHost host) =>
        host.Services.GetRequiredService<IDbContextFactory<SampleCrmDbContext>>().CreateDbContextAsync();

    private static async Task<T> WaitForAsync<T>(RunningSampleHost host, Func<SampleCrmDbContext, Task<T?>> probe)
        where T : class
    {
        for (var i = 0; i < 240; i++)
        {
            await using (var db = await CreateAsync(host))
            {
                if (await probe(db) is { } found)
                {
                    return found;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The sample host's outbox did not settle in 60 s.");
    }
}
