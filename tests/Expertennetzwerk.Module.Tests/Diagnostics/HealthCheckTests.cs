using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Tests.Outbox;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Expertennetzwerk.Module.Tests.Diagnostics;

/// <summary>
/// <c>AddExpertennetzwerkHealthChecks()</c>: Healthy on a reachable, complete database with a flowing outbox; Degraded
/// above the backlog or dead-letter threshold; Unhealthy when the database cannot be reached or lacks the module's tables.
/// </summary>
public sealed class HealthCheckTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Healthy_then_degraded_by_the_backlog_then_by_a_dead_letter(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, builder =>
            builder.Services.AddLogging().AddHealthChecks().AddExpertennetzwerkHealthChecks(o => o.OutboxBacklogThreshold = 2));
        var health = host.Services.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync();
        report.Status.Should().Be(HealthStatus.Healthy, Describe(report));
        report.Entries["expertennetzwerk"].Data["outboxBacklog"].Should().Be(0);

        var keys = await host.EnqueueMailsAsync(3);
        report = await health.CheckHealthAsync();
        report.Status.Should().Be(HealthStatus.Degraded);
        report.Entries["expertennetzwerk"].Description.Should().Contain("more than 2 outbox rows wait");
        report.Entries["expertennetzwerk"].Data["outboxBacklog"].Should().Be(3, "counted up to one past the threshold");

        await using (var db = host.CreateDbContext())
        {
            await db.Set<OutboxMessage>().Where(m => m.IdempotencyKey != keys[0]).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent));
        }

        (await health.CheckHealthAsync()).Status.Should().Be(HealthStatus.Healthy, "one row waits, two are sent");

        await using (var db = host.CreateDbContext())
        {
            await db.Set<OutboxMessage>().Where(m => m.IdempotencyKey == keys[0]).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.DeadLettered));
        }

        report = await health.CheckHealthAsync();
        report.Status.Should().Be(HealthStatus.Degraded);
        report.Entries["expertennetzwerk"].Description.Should().Contain("dead letters");
        report.Entries["expertennetzwerk"].Data["deadLetters"].Should().Be(1);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Unhealthy_when_the_database_cannot_be_reached(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        var unreachable = kind == DatabaseKind.Postgres
            ? "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=2"
            : $"Data Source={Path.Combine(Path.GetTempPath(), "enw-missing-" + Guid.NewGuid().ToString("N"), "none.db")};Mode=ReadOnly";
        var report = await CheckAsync(db => _ = kind == DatabaseKind.Postgres ? db.UseNpgsql(unreachable) : db.UseSqlite(unreachable));

        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["expertennetzwerk"].Description.Should().Contain("cannot be reached");
    }

    [Fact]
    public async Task Unhealthy_when_the_module_tables_are_missing()
    {
        using var empty = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        empty.Open();
        var report = await CheckAsync(db => db.UseSqlite(empty));

        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["expertennetzwerk"].Description.Should().Contain("tables cannot be read");
    }

    [Fact]
    public void Negative_thresholds_are_refused_at_registration()
    {
        var builder = new ServiceCollection().AddHealthChecks();
        var act = () => builder.AddExpertennetzwerkHealthChecks(o => o.DeadLetterThreshold = -1);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static async Task<HealthReport> CheckAsync(Action<DbContextOptionsBuilder> database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddExpertennetzwerk(o => o.PublicBaseUrl = new Uri("https://crm.example.org/"))
            .UseEntityFrameworkCore(database)
            .UseDevelopmentMailbox();
        services.AddHealthChecks().AddExpertennetzwerkHealthChecks();
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }

    private static string Describe(HealthReport report) =>
        string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Status} {e.Value.Description} {e.Value.Exception?.Message}"));
}
