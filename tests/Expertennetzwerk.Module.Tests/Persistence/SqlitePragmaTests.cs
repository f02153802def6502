using System.Data.Common;
using Expertennetzwerk.Module.Tests.Hosting;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Persistence;

/// <summary>
/// The module's connection interceptor really sets the per-connection SQLite pragmas (docs/design.md, "Persistence rules": a new connection
/// is synchronous=FULL, about 40 % slower) — on the module's own context and on a host context that attached it.
/// </summary>
public sealed class SqlitePragmaTests
{
    [Fact]
    public async Task A_module_connection_to_a_file_runs_WAL_with_synchronous_NORMAL()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite, new ModuleHostOptions { SqliteFile = true });
        await using var db = host.CreateDbContext();
        await AssertModulePragmasAsync(db);

        // A plain connection to the same file shows what the interceptor changes: synchronous is per connection.
        // (Not pooled: a pooled physical connection keeps what the interceptor set on it.)
        await using var plain = new SqliteConnection(new SqliteConnectionStringBuilder(host.SqliteFileConnectionString) { Pooling = false }.ToString());
        await plain.OpenAsync();
        (await PragmaAsync(plain, "synchronous")).Should().Be(2L, "a new SQLite connection starts with synchronous=FULL");
        (await PragmaAsync(plain, "journal_mode")).Should().Be("wal", "WAL is a property of the file once set");
    }

    [Fact]
    public async Task A_host_context_with_the_interceptors_gets_the_same_pragmas()
    {
        var file = Path.Combine(Path.GetTempPath(), "enw-pragma-" + Guid.NewGuid().ToString("N") + ".db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        try
        {
            var builder = new DbContextOptionsBuilder<CrmDbContext>().UseSqlite(connectionString);
            builder.AddExpertennetzwerkInterceptors();
            await using (var db = new CrmDbContext(builder.Options))
            {
                await db.Database.EnsureExpertennetzwerkCreatedAsync();
                await AssertModulePragmasAsync(db);
            }

            var withoutInterceptors = new DbContextOptionsBuilder<CrmDbContext>().UseSqlite(connectionString).Options;
            await using (var db = new CrmDbContext(withoutInterceptors))
            {
                await db.Database.OpenConnectionAsync();
                (await PragmaAsync(db.Database.GetDbConnection(), "synchronous")).Should().Be(2L, "without the interceptors nothing sets it");
            }
        }
        finally
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }

    private static async Task AssertModulePragmasAsync(DbContext db)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = db.Database.GetDbConnection();
            (await PragmaAsync(connection, "synchronous")).Should().Be(1L, "the interceptor sets synchronous=NORMAL");
            (await PragmaAsync(connection, "journal_mode")).Should().Be("wal");
            (await PragmaAsync(connection, "foreign_keys")).Should().Be(1L);
            (await PragmaAsync(connection, "busy_timeout")).Should().Be(10_000L);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> PragmaAsync(DbConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        return await command.ExecuteScalarAsync();
    }
}
