using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Expertennetzwerk.Module.Persistence;

/// <summary>
/// Sets per-connection SQLite pragmas the module relies on: WAL and <c>synchronous=NORMAL</c> (a new connection is FULL,
/// about 40 % slower), foreign keys and a busy timeout. Does nothing on other providers.
/// </summary>
internal sealed class ExpertennetzwerkConnectionInterceptor : DbConnectionInterceptor
{
    // Cheap, no I/O: run on every open (a pooled connection keeps them, but a new one starts with synchronous=FULL).
    private const string PerConnectionPragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    // Persistent in the database file: once per database and process is enough.
    private const string PerDatabasePragmas = "PRAGMA journal_mode=WAL;";

    private static readonly ConcurrentDictionary<string, bool> WalDatabases = new(StringComparer.Ordinal);

    public static ExpertennetzwerkConnectionInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsSqlite(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = PragmasFor(connection);
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsSqlite(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = PragmasFor(connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // The core references no provider package, so the provider is recognised by its connection type's name.
    internal static bool IsSqlite(DbConnection connection) =>
        connection.GetType().FullName == "Microsoft.Data.Sqlite.SqliteConnection";

    private static string PragmasFor(DbConnection connection)
    {
        // DataSource is the file's full path ("" or ":memory:" in memory, where WAL does not apply).
        var database = connection.DataSource;
        if (string.IsNullOrEmpty(database) || database == ":memory:" || !WalDatabases.TryAdd(database, true))
        {
            return PerConnectionPragmas;
        }

        return PerDatabasePragmas + " " + PerConnectionPragmas;
    }
}
