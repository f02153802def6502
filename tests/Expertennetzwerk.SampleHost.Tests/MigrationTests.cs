using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Expertennetzwerk.SampleHost.Tests;

/// <summary>
/// The sample's migrations match its model on both providers: a change to the CRM tables or to the module's mapping
/// without <c>dotnet ef migrations add</c> for SQLite AND PostgreSQL fails here.
/// </summary>
public sealed class MigrationTests
{
    private const string AddMigrationHint =
        "the model changed without a migration: run `dotnet tool restore`, then `dotnet ef migrations add <Name> --project samples/Expertennetzwerk.SampleHost " +
        "--context SampleCrmDbContext --output-dir Migrations` and the same with `--context SampleCrmPostgresDbContext --output-dir MigrationsPostgres`";

    [Fact]
    public void Sqlite_model_has_no_changes_without_a_migration()
    {
        using var db = SqliteContext("Data Source=:memory:");
        db.Database.HasPendingModelChanges().Should().BeFalse(AddMigrationHint);
    }

    [Fact]
    public void Postgres_model_has_no_changes_without_a_migration()
    {
        // No server needed: the check compares the model with the migrations' snapshot.
        using var db = PostgresContext("Host=127.0.0.1;Database=enw_sample_never_opened");
        db.Database.HasPendingModelChanges().Should().BeFalse(AddMigrationHint);
    }

    [Fact]
    public void Each_provider_has_its_own_migrations_ending_with_the_search_index()
    {
        using var sqlite = SqliteContext("Data Source=:memory:");
        using var postgres = PostgresContext("Host=127.0.0.1;Database=enw_sample_never_opened");

        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var postgresMigrations = postgres.Database.GetMigrations().ToList();

        sqliteMigrations.Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyHaveUniqueItems();
        postgresMigrations.Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyHaveUniqueItems();
        sqliteMigrations.Should().Contain(m => m.EndsWith("_ExpertennetzwerkSearch", StringComparison.Ordinal));
        postgresMigrations.Should().Contain(m => m.EndsWith("_ExpertennetzwerkSearch", StringComparison.Ordinal));

        // Provider-specific SQL: the SQLite set creates an FTS5 table, the PostgreSQL set a pg_trgm index.
        Script(sqlite).Should().Contain("USING fts5").And.NotContain("gin_trgm_ops");
        Script(postgres).Should().Contain("gin_trgm_ops").And.NotContain("fts5");
    }

    [Fact]
    public async Task Sqlite_migrations_go_up_and_all_the_way_down()
    {
        var file = Path.Combine(Path.GetTempPath(), "enw-sample-migrate-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using (var db = SqliteContext("Data Source=" + file))
            {
                await db.Database.MigrateAsync();
                (await TablesAsync(db)).Should().Contain(["crm_customers", "enw_orders", "enw_order_search"]);

                await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);
                (await TablesAsync(db)).Should().NotContain(t => t.StartsWith("enw_", StringComparison.Ordinal) || t.StartsWith("crm_", StringComparison.Ordinal));

                await db.Database.MigrateAsync();
                (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }

    [SkippableFact]
    public async Task Postgres_migrations_go_up_and_all_the_way_down()
    {
        Postgres.SkipUnlessAvailable();
        var connectionString = await Postgres.CreateDatabaseAsync();
        try
        {
            await using var db = PostgresContext(connectionString);
            await db.Database.MigrateAsync();
            (await db.Database.SqlQueryRaw<string>("SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = 'enw_orders'").ToListAsync())
                .Should().Contain("IX_enw_orders_SearchText_trgm");

            await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);
            (await db.Database.SqlQueryRaw<string>(
                    "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND (table_name LIKE 'enw%' OR table_name LIKE 'crm%')")
                .ToListAsync()).Should().BeEmpty();

            await db.Database.MigrateAsync();
            (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        }
        finally
        {
            await Postgres.DropDatabaseAsync(connectionString);
        }
    }

    private static SampleCrmDbContext SqliteContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<SampleCrmDbContext>().UseSqlite(connectionString);
        options.AddExpertennetzwerkInterceptors();
        return new SampleCrmDbContext(options.Options);
    }

    private static SampleCrmPostgresDbContext PostgresContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<SampleCrmPostgresDbContext>().UseNpgsql(connectionString);
        options.AddExpertennetzwerkInterceptors();
        return new SampleCrmPostgresDbContext(options.Options);
    }

    private static string Script(DbContext db) => db.GetService<IMigrator>().GenerateScript();

    private static Task<List<string>> TablesAsync(DbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'").ToListAsync();
}
