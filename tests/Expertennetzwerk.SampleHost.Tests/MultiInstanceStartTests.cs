using Expertennetzwerk.SampleHost.Api;
using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Expertennetzwerk.SampleHost.Tests;

/// <summary>
/// Several sample-host processes (the built dll run with <c>dotnet</c>, not in-process hosts) starting at the same
/// moment on one empty database: the database is prepared once (migrations, search index, demo seed), every instance
/// answers, and none logs at Error level. A start killed while migrating is finished by the next one; a schema left
/// half-migrated is refused with what to do.
/// </summary>
public sealed class MultiInstanceStartTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task Three_processes_on_one_empty_postgres_database_prepare_it_once()
    {
        Postgres.SkipUnlessAvailable();
        await using var database = await SampleDatabaseFixture.PostgresAsync();
        await StartTogetherAsync(database, instances: 3);
    }

    [Fact]
    public async Task Two_processes_on_one_sqlite_file_prepare_it_once()
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        await StartTogetherAsync(database, instances: 2);
    }

    [SkippableFact]
    public async Task Postgres_start_killed_while_migrating_is_finished_by_the_next_start()
    {
        Postgres.SkipUnlessAvailable();
        await using var database = await SampleDatabaseFixture.PostgresAsync();
        await KillWhileMigratingThenStartAsync(database);
    }

    [Fact]
    public async Task Sqlite_start_killed_while_migrating_is_finished_by_the_next_start()
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        await KillWhileMigratingThenStartAsync(database);
    }

    [SkippableFact]
    public async Task Postgres_half_migrated_schema_is_refused_with_what_to_do()
    {
        Postgres.SkipUnlessAvailable();
        await using var database = await SampleDatabaseFixture.PostgresAsync();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE TABLE crm_customers (id uuid PRIMARY KEY)", connection);
            await command.ExecuteNonQueryAsync();
        }

        await RefusedWithWhatToDoAsync(database);
    }

    [Fact]
    public async Task Sqlite_half_migrated_schema_is_refused_with_what_to_do()
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        Directory.CreateDirectory(Path.GetDirectoryName(database.SqliteFile)!);
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE crm_customers (id TEXT PRIMARY KEY)";
            await command.ExecuteNonQueryAsync();
        }

        await RefusedWithWhatToDoAsync(database);
    }

    private static async Task StartTogetherAsync(SampleDatabaseFixture database, int instances)
    {
        var hosts = Enumerable.Range(0, instances).Select(_ => SampleHostProcess.Start(database)).ToList();
        try
        {
            var summaries = await Task.WhenAll(hosts.Select(h => h.GetSummaryAsync()));

            foreach (var summary in summaries)
            {
                ShouldHoldExactlyOneSeed(summary);
                summary.Orders.ByState.Should().BeEquivalentTo(summaries[0].Orders.ByState);
            }

            hosts.Count(h => h.Lines.Any(l => l.Contains("Applying", StringComparison.Ordinal))).Should()
                .Be(1, "one instance migrates, the others find the database up to date");
            hosts.Count(h => h.Lines.Any(l => l.Contains("Demo data seeded", StringComparison.Ordinal))).Should().Be(1);
            foreach (var host in hosts)
            {
                host.Failures.Should().BeEmpty("no instance may log at Error level or above:\n" + string.Join('\n', host.Lines));
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static async Task KillWhileMigratingThenStartAsync(SampleDatabaseFixture database)
    {
        // EF Core logs "Applying migration '…'" as it starts a migration, holding its migration lock: killed there, the
        // first migration is half-way (the six take a few hundred milliseconds).
        await using (var first = SampleHostProcess.Start(database, "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations=Information"))
        {
            await first.WaitForLineAsync("Applying migration '", StartTimeout);
            await first.KillAsync();
            first.Lines.Should().NotContain(l => l.Contains("Demo data seeded", StringComparison.Ordinal),
                "the first instance was stopped before it finished preparing");
        }

        await using var next = SampleHostProcess.Start(database);
        ShouldHoldExactlyOneSeed(await next.GetSummaryAsync());
        next.Failures.Should().BeEmpty("the next start finishes the job without failing:\n" + string.Join('\n', next.Lines));
        next.Lines.Should().Contain(l => l.Contains(" pending migration(s).", StringComparison.Ordinal), "the killed start left migrations to apply");
        if (database.Provider == SampleDatabaseProvider.Sqlite)
        {
            // EF Core's lock row of the killed start would make every later Migrate wait for ever.
            next.Lines.Should().Contain(l => l.Contains("Removed EF Core's SQLite migration lock row", StringComparison.Ordinal));
        }
    }

    private static async Task RefusedWithWhatToDoAsync(SampleDatabaseFixture database)
    {
        var app = SampleHostApp.Build(database.HostArguments());
        await using (app)
        {
            var prepare = () => SampleHostApp.PrepareAsync(app.Services);

            var refused = await prepare.Should().ThrowAsync<InvalidOperationException>();
            refused.Which.Message.Should().Contain("InitialCreate").And.Contain("half-way").And.Contain("dotnet ef database update");
        }
    }

    private static void ShouldHoldExactlyOneSeed(SummaryResponse summary)
    {
        summary.Orders.Total.Should().Be(DemoOrders.All.Count, "the orders equal those of one instance alone");
        summary.Customers.Should().Be(DemoCatalog.Customers().Count, "the customers equal those of one instance alone");
    }
}
