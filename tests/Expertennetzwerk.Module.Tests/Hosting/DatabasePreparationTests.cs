using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Expertennetzwerk.Module.Tests.Hosting;

/// <summary>
/// <see cref="ExpertennetzwerkServiceProviderExtensions.PrepareExpertennetzwerkDatabaseAsync"/> with several host instances
/// (service providers) on one database that does not exist yet: one at a time, each once, and the schema is there.
/// The migrations path with real processes is tested with the sample host (MultiInstanceStartTests).
/// </summary>
public sealed class DatabasePreparationTests
{
    private const int Instances = 4;

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Instances_preparing_together_take_turns_and_each_finds_the_schema(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        var (connectionString, cleanUp) = NewDatabase(kind);
        var providers = Enumerable.Range(0, Instances).Select(_ => Instance(kind, connectionString)).ToList();
        try
        {
            var inside = 0;
            var mostInside = 0;
            var calls = 0;
            async Task AfterMigrations(IServiceProvider services, CancellationToken cancellationToken)
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref mostInside, now);
                Interlocked.Increment(ref calls);
                await using (var db = services.GetRequiredService<IModuleDbContextFactory>().CreateDbContext())
                {
                    (await db.Set<ExpertOrder>().CountAsync(cancellationToken)).Should().Be(0, "the schema exists when the host's work runs");
                }

                await Task.Delay(100, cancellationToken);
                Interlocked.Decrement(ref inside);
            }

            await Task.WhenAll(providers.Select(p => Task.Run(() => p.PrepareExpertennetzwerkDatabaseAsync(AfterMigrations))));

            calls.Should().Be(Instances);
            mostInside.Should().Be(1, "instances on one database prepare it one at a time");
        }
        finally
        {
            foreach (var provider in providers)
            {
                await provider.DisposeAsync();
            }

            await cleanUp();
        }
    }

    [Fact]
    public async Task Without_storage_it_says_what_to_do()
    {
        var services = new ServiceCollection();
        services.AddExpertennetzwerk(o => o.PublicBaseUrl = new Uri("https://crm.example.org/"));
        await using var provider = services.BuildServiceProvider();

        var prepare = () => provider.PrepareExpertennetzwerkDatabaseAsync();

        (await prepare.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("UseEntityFrameworkCore");
    }

    private static ServiceProvider Instance(DatabaseKind kind, string connectionString)
    {
        var services = new ServiceCollection();
        services.AddExpertennetzwerk(o => o.PublicBaseUrl = new Uri("https://crm.example.org/"))
            .UseEntityFrameworkCore(db => _ = kind == DatabaseKind.Postgres ? db.UseNpgsql(connectionString) : db.UseSqlite(connectionString))
            .UseCustomerDirectory<InMemoryCustomerDirectory>()
            .UseDevelopmentMailbox();
        services.AddSingleton<InMemoryCustomerDirectory>();
        return services.BuildServiceProvider();
    }

    /// <summary>A database that does not exist yet (a SQLite file in a new folder, a PostgreSQL name never created).</summary>
    private static (string ConnectionString, Func<Task> CleanUp) NewDatabase(DatabaseKind kind)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("enw-prepare-");
            var file = Path.Combine(folder.FullName, "crm.db");
            return (new SqliteConnectionStringBuilder { DataSource = file }.ToString(), () =>
            {
                SqliteConnection.ClearAllPools();
                folder.Delete(recursive: true);
                return Task.CompletedTask;
            });
        }

        var builder = new NpgsqlConnectionStringBuilder(Postgres.ConnectionString!) { Database = "enw_test_" + Guid.NewGuid().ToString("N")[..16] };
        return (builder.ConnectionString, () => Postgres.DropDatabaseAsync(builder.ConnectionString));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
