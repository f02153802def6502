using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Expertennetzwerk.Module.Orders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>
/// Seeded benchmark databases, cached between benchmark processes and runs: SQLite files in
/// <see cref="BenchSettings.CacheDirectory"/> and PostgreSQL databases named after purpose, size and seed version. A
/// database is seeded under a temporary name and renamed when complete, so an interrupted seed is never reused.
/// </summary>
internal static class BenchDatabases
{
    /// <summary>Bump when the seeded data change: older caches are then ignored (schema changes are noticed by themselves).</summary>
    public const int SeedVersion = 2; // 2: the benchmark user is a member of every party (the module checks the actor)

    /// <summary>
    /// The first hex digits of SHA-256 over the module's create script: part of every cache name, so a cache seeded
    /// under an older schema (a column added since) is never reused.
    /// </summary>
    private static readonly Lazy<string> SchemaFingerprint = new(() =>
    {
        var options = new DbContextOptionsBuilder<Persistence.ExpertennetzwerkDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var context = new Persistence.ExpertennetzwerkDbContext(options);
        var script = context.Database.GenerateCreateScript();
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)))[..8];
    });

    private const int BatchSize = 50_000;

    /// <summary>The connection string of a database named <paramref name="name"/> holding <paramref name="size"/> orders, seeding it first when needed.</summary>
    public static async Task<string> EnsureAsync(Db db, string name, int size)
    {
        var tag = string.Create(CultureInfo.InvariantCulture, $"{name}_{size}_v{SeedVersion}_{SchemaFingerprint.Value}");
        return db == Db.Sqlite ? await EnsureSqliteAsync(tag, size) : await EnsurePostgresAsync(tag, size);
    }

    /// <summary>Opens a plain ADO.NET connection with the same session settings the module's interceptor uses on SQLite.</summary>
    public static async Task<DbConnection> OpenRawAsync(Db db, string connectionString)
    {
        DbConnection connection = db == Db.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (db == Db.Sqlite)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
            await command.ExecuteNonQueryAsync();
        }

        return connection;
    }

    /// <summary>The database engine's version, and the settings that matter for commits.</summary>
    public static async Task<string> ServerVersionAsync(Db db, string connectionString)
    {
        await using var connection = await OpenRawAsync(db, connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = db == Db.Sqlite
            ? "SELECT 'SQLite ' || sqlite_version() || ', journal_mode=' || (SELECT journal_mode FROM pragma_journal_mode) || ', synchronous=' || (SELECT synchronous FROM pragma_synchronous)"
            : "SELECT version() || ', fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', shared_buffers=' || current_setting('shared_buffers')";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string SqliteConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    private static async Task<string> EnsureSqliteAsync(string tag, int size)
    {
        Directory.CreateDirectory(BenchSettings.CacheDirectory);
        var path = Path.Combine(BenchSettings.CacheDirectory, $"enw_bench_{tag}.db");
        if (File.Exists(path))
        {
            return SqliteConnectionString(path);
        }

        var seeding = path + ".seeding";
        foreach (var file in new[] { seeding, seeding + "-wal", seeding + "-shm" })
        {
            File.Delete(file);
        }

        await SeedAsync(Db.Sqlite, SqliteConnectionString(seeding), size, tag);
        SqliteConnection.ClearAllPools();
        File.Move(seeding, path);
        return SqliteConnectionString(path);
    }

    private static async Task<string> EnsurePostgresAsync(string tag, int size)
    {
        var server = BenchSettings.Postgres ?? throw new InvalidOperationException($"{BenchSettings.PostgresVariable} is not set.");
        var name = "enw_bench_" + tag;
        var target = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            if (await ScalarAsync(admin, $"SELECT COUNT(*) FROM pg_database WHERE datname = '{name}'") > 0)
            {
                return target;
            }

            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}_seeding\" WITH (FORCE)");
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}_seeding\"");
        }

        await SeedAsync(Db.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name + "_seeding" }.ToString(), size, tag);
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"ALTER DATABASE \"{name}_seeding\" RENAME TO \"{name}\"");
        }

        return target;
    }

    private static async Task SeedAsync(Db db, string connectionString, int size, string tag)
    {
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"// Seeding {db} database {tag} with {size:N0} orders ...");
        await using var module = ModuleHandle.Start(db, connectionString);
        await using (var context = module.CreateDbContext())
        {
            // The schema without the search index; the module adds it after the bulk load (filling it in one pass).
            await context.Database.EnsureCreatedAsync();
            context.AddRange(BenchNetwork.ReferenceData());
            await context.SaveChangesAsync();
        }

        var counts = new Dictionary<(OrderRole Role, Guid Party, OrderState State), long>();
        await using (var context = module.CreateDbContext())
        {
            var table = Describe(context.Model.FindEntityType(typeof(ExpertOrder))!);
            await using var connection = await OpenRawAsync(db, connectionString);
            await ExecuteAsync(connection, db == Db.Sqlite
                ? "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
                : "SET maintenance_work_mem = '256MB'; SET synchronous_commit = off;");

            // Loading without the secondary indexes and building them afterwards is several times faster.
            var indexes = await SecondaryIndexesAsync(db, connection, table.Name);
            foreach (var (indexName, _) in indexes)
            {
                await ExecuteAsync(connection, $"DROP INDEX \"{indexName}\"");
            }

            var orders = BenchNetwork.Orders(size, counts);
            if (db == Db.Sqlite)
            {
                await InsertSqliteAsync((SqliteConnection)connection, table, orders);
            }
            else
            {
                await CopyPostgresAsync((NpgsqlConnection)connection, table, orders);
            }

            Console.WriteLine($"//   {size:N0} orders loaded after {clock.Elapsed.TotalSeconds:F0} s; building {indexes.Count} indexes ...");
            foreach (var (_, sql) in indexes)
            {
                await ExecuteAsync(connection, sql);
            }
        }

        await using (var context = module.CreateDbContext())
        {
            context.AddRange(BenchNetwork.CountRows(counts));
            await context.SaveChangesAsync();

            Console.WriteLine($"//   building the search index after {clock.Elapsed.TotalSeconds:F0} s ...");
            context.Database.SetCommandTimeout(0); // the trigram index over 1M orders takes longer than 30 s on a busy machine
            await context.Database.EnsureExpertennetzwerkCreatedAsync();
        }

        await using (var connection = await OpenRawAsync(db, connectionString))
        {
            // PostgreSQL: what autovacuum would soon do (statistics, visibility map). SQLite: no ANALYZE, as the module
            // never runs one; only the WAL is folded into the file.
            await ExecuteAsync(connection, db == Db.Sqlite ? "PRAGMA wal_checkpoint(TRUNCATE)" : "VACUUM ANALYZE");
        }

        Console.WriteLine($"// Seeded {tag} in {clock.Elapsed.TotalSeconds:F0} s.");
    }

    private static async Task<List<(string Name, string Sql)>> SecondaryIndexesAsync(Db db, DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = db == Db.Sqlite
            ? $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}' AND sql IS NOT NULL"
            : $"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = '{table}' " +
              "AND indexname NOT IN (SELECT conname FROM pg_constraint)";
        var result = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add((reader.GetString(0), reader.GetString(1)));
        }

        return result;
    }

    private static async Task InsertSqliteAsync(SqliteConnection connection, TableShape table, IEnumerable<ExpertOrder> orders)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) " +
            $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
        var parameters = table.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        var transaction = connection.BeginTransaction();
        command.Transaction = transaction;
        command.Prepare();
        var n = 0;
        foreach (var order in orders)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = table.Columns[i].Value(order) switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString().ToUpperInvariant(),
                    var v => v,
                };
            }

            command.ExecuteNonQuery();
            if (++n % BatchSize == 0)
            {
                await transaction.CommitAsync();
                await transaction.DisposeAsync();
                transaction = connection.BeginTransaction();
                command.Transaction = transaction;
            }
        }

        await transaction.CommitAsync();
        await transaction.DisposeAsync();
    }

    private static async Task CopyPostgresAsync(NpgsqlConnection connection, TableShape table, IEnumerable<ExpertOrder> orders)
    {
        var types = table.Columns.Select(c => PostgresType(c.ProviderType)).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)");
        foreach (var order in orders)
        {
            await importer.StartRowAsync();
            for (var i = 0; i < types.Length; i++)
            {
                if (table.Columns[i].Value(order) is { } value)
                {
                    await importer.WriteAsync(value, types[i]);
                }
                else
                {
                    await importer.WriteNullAsync();
                }
            }
        }

        await importer.CompleteAsync();
    }

    private static NpgsqlDbType PostgresType(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(Guid) => NpgsqlDbType.Uuid,
        var t when t == typeof(long) => NpgsqlDbType.Bigint,
        var t when t == typeof(int) => NpgsqlDbType.Integer,
        var t when t == typeof(short) => NpgsqlDbType.Smallint,
        var t when t == typeof(bool) => NpgsqlDbType.Boolean,
        var t when t == typeof(string) => NpgsqlDbType.Text,
        var t when t == typeof(byte[]) => NpgsqlDbType.Bytea,
        var t => throw new NotSupportedException($"No COPY type for {t}."),
    };

    /// <summary>The table's columns as the EF model maps them, with a getter that yields the provider value (converters applied).</summary>
    private static TableShape Describe(IEntityType entityType)
    {
        var name = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(name, entityType.GetSchema());
        var columns = entityType.GetProperties().Select(p =>
        {
            var getter = p.GetGetter();
            var converter = p.GetTypeMapping().Converter;
            var providerType = converter?.ProviderClrType ?? p.ClrType;
            return new ColumnShape(p.GetColumnName(store)!, providerType, entity =>
            {
                var value = getter.GetClrValueUsingContainingEntity(entity);
                return value is null || converter is null ? value : converter.ConvertToProvider(value);
            });
        }).ToList();
        return new TableShape(name, columns);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private sealed record TableShape(string Name, IReadOnlyList<ColumnShape> Columns);

    private sealed record ColumnShape(string Name, Type ProviderType, Func<object, object?> Value);
}
