using System.Data;
using System.Data.Common;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Persistence.Dialects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Expertennetzwerk.Module.Hosting;

/// <summary>
/// Prepares the module's database once per database, however many host instances start at the same moment.
/// </summary>
internal static partial class ExpertennetzwerkDatabasePreparation
{
    // pg_advisory_lock key: any constant no other code on the database uses ("ENW-PREP" in ASCII).
    private const long PostgresLockKey = 0x454E_572D_5052_4550;

    private static readonly TimeSpan FileLockPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>See <see cref="ExpertennetzwerkServiceProviderExtensions.PrepareExpertennetzwerkDatabaseAsync"/>.</summary>
    public static async Task PrepareAsync(
        IServiceProvider services,
        Func<IServiceProvider, CancellationToken, Task>? afterMigrations,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ExpertennetzwerkConfigurationCheck.Validate(services);
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(ExpertennetzwerkDatabasePreparation).FullName!)
            ?? NullLogger.Instance;

        await using var db = services.GetRequiredService<IModuleDbContextFactory>().CreateDbContext();
        await using (await AcquireLockAsync(db, logger, cancellationToken).ConfigureAwait(false))
        {
            await CreateOrMigrateAsync(db, logger, cancellationToken).ConfigureAwait(false);
            if (afterMigrations is not null)
            {
                await afterMigrations(services, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task CreateOrMigrateAsync(DbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var database = db.Database;
        if (!database.GetMigrations().Any())
        {
            // A context without migrations (the module's own, tests): EnsureCreated plus the search index.
            await database.EnsureExpertennetzwerkCreatedAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await RemoveStaleSqliteMigrationLockAsync(db, logger, cancellationToken).ConfigureAwait(false);

        // Created first, under the lock: reading the applied migrations of a database without the history table makes
        // EF Core log a failed command at Error level (Npgsql catches the error afterwards), which reads like a fault.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var pending = (await database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (pending.Count == 0)
        {
            LogUpToDate(logger);
            return;
        }

        LogApplying(logger, pending.Count);
        try
        {
            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"Applying the pending migration(s) {string.Join(", ", pending)} failed: {e.Message} " +
                "When the database holds tables of a migration its history does not list, an earlier start was stopped half-way " +
                "on a database that cannot roll back schema changes, or the schema was changed by hand: restore the database " +
                "(or drop it if it holds no data yet) and start again, or apply the migrations with 'dotnet ef database update'.",
                e);
        }

        var left = (await database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (left.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database still has {left.Count} pending migration(s) after migrating ({string.Join(", ", left)}). " +
                "Apply them with 'dotnet ef database update' (or the migration bundle) and look at the database's migrations history table.");
        }
    }

    /// <summary>
    /// EF Core's SQLite migration lock is a row in <c>__EFMigrationsLock</c>; a process killed while migrating leaves
    /// it behind and every later <c>Migrate</c> waits for it forever. Holding the file lock, no other instance can be
    /// migrating, so such a row is stale.
    /// </summary>
    private static async Task RemoveStaleSqliteMigrationLockAsync(DbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName != SqlDialect.SqliteProvider)
        {
            return;
        }

        var removed = await ExecuteScalarAsync(db,
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'", cancellationToken).ConfigureAwait(false);
        if (Convert.ToInt64(removed, System.Globalization.CultureInfo.InvariantCulture) > 0
            && await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", cancellationToken).ConfigureAwait(false) > 0)
        {
            LogStaleSqliteLock(logger);
        }
    }

    private static async Task<IAsyncDisposable> AcquireLockAsync(DbContext db, ILogger logger, CancellationToken cancellationToken) =>
        db.Database.ProviderName switch
        {
            SqlDialect.PostgresProvider => await PostgresLock.AcquireAsync(db, logger, cancellationToken).ConfigureAwait(false),
            SqlDialect.SqliteProvider when SqliteFile(db.Database.GetDbConnection()) is { } file =>
                await FileLock.AcquireAsync(file + ".prepare.lock", logger, cancellationToken).ConfigureAwait(false),
            _ => NoLock.Instance,
        };

    /// <summary>The full path of a SQLite file database, or null for an in-memory one.</summary>
    private static string? SqliteFile(DbConnection connection)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connection.ConnectionString };
        string? dataSource = null;
        foreach (var key in new[] { "Data Source", "DataSource", "Filename" })
        {
            if (builder.TryGetValue(key, out var value) && value is string { Length: > 0 } text)
            {
                dataSource = text;
            }
        }

        var memory = builder.TryGetValue("Mode", out var mode) && string.Equals(mode as string, "Memory", StringComparison.OrdinalIgnoreCase);
        return dataSource is null or ":memory:" || memory || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : Path.GetFullPath(dataSource);
    }

    private static async Task<object?> ExecuteScalarAsync(DbContext db, string sql, CancellationToken cancellationToken, int? timeoutSeconds = null)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (timeoutSeconds is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A session-level advisory lock on the context's own connection, kept open until disposed: the server releases it
    /// when the session ends, so a killed instance never leaves it behind.
    /// </summary>
    private sealed class PostgresLock : IAsyncDisposable
    {
        private readonly DbContext _db;

        private PostgresLock(DbContext db) => _db = db;

        public static async Task<PostgresLock> AcquireAsync(DbContext db, ILogger logger, CancellationToken cancellationToken)
        {
            await EnsureDatabaseAsync(db, cancellationToken).ConfigureAwait(false);
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (await ExecuteScalarAsync(db, $"SELECT pg_try_advisory_lock({PostgresLockKey})", cancellationToken).ConfigureAwait(false) is not true)
                {
                    LogWaiting(logger);
                    await ExecuteScalarAsync(db, $"SELECT pg_advisory_lock({PostgresLockKey})", cancellationToken, timeoutSeconds: 0).ConfigureAwait(false);
                }
            }
            catch
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
                throw;
            }

            return new PostgresLock(db);
        }

        /// <summary>
        /// The lock lives in the database, so the database must exist first. Instances that find it missing all try to
        /// create it; the losers' "already exists" is expected, so the command runs outside EF Core (which would log it
        /// as a failed command).
        /// </summary>
        private static async Task EnsureDatabaseAsync(DbContext db, CancellationToken cancellationToken)
        {
            if (await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var builder = new DbConnectionStringBuilder { ConnectionString = db.Database.GetConnectionString() };
            var key = builder.ContainsKey("Database") ? "Database" : "DB";
            if (builder.TryGetValue(key, out var value) is false || value is not string { Length: > 0 } name)
            {
                return; // no database named: opening the connection says what is wrong
            }

            builder[key] = "postgres";
            await using var admin = (DbConnection)Activator.CreateInstance(db.Database.GetDbConnection().GetType())!;
            admin.ConnectionString = builder.ConnectionString;
            await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = admin.CreateCommand();
            command.CommandText = "CREATE DATABASE \"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e) when (e.SqlState is "42P04" or "23505")
            {
                // duplicate_database, or the unique index of pg_database when two CREATE DATABASE race: another instance made it.
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await ExecuteScalarAsync(_db, $"SELECT pg_advisory_unlock({PostgresLockKey})", CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                // Closing returns the connection to the pool; the unlock above ran first, so no pooled session keeps the lock.
                await _db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>An exclusive OS lock on a file beside the database; the OS releases it when the process ends.</summary>
    private sealed class FileLock(FileStream stream) : IAsyncDisposable
    {
        public static async Task<FileLock> AcquireAsync(string path, ILogger logger, CancellationToken cancellationToken)
        {
            var logged = false;
            while (true)
            {
                try
                {
                    return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (File.Exists(path))
                {
                    // Held by another instance (sharing violation); wait for it.
                    if (!logged)
                    {
                        LogWaiting(logger);
                        logged = true;
                    }

                    await Task.Delay(FileLockPoll, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance is preparing the database; waiting for it.")]
    private static partial void LogWaiting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} pending migration(s).")]
    private static partial void LogApplying(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is up to date; no migration to apply.")]
    private static partial void LogUpToDate(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Removed EF Core's SQLite migration lock row left by an instance that stopped while migrating.")]
    private static partial void LogStaleSqliteLock(ILogger logger);
}
