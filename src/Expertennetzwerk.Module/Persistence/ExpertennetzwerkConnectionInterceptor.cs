using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Expertennetzwerk.Module.Persistence;

/// <summary>
/// Sets per-connection SQLite pragmas the module relies on: WAL and <c>synchronous=NORMAL</c> (a new connection is FULL,
/// about 40 % slower), foreign keys and a busy timeout. Does nothing on other providers.
/// </summary>
internal sealed class ExpertennetzwerkConnectionInterceptor : DbConnectionInterceptor
{
    private const string SqlitePragmas =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    public static ExpertennetzwerkConnectionInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsSqlite(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = SqlitePragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsSqlite(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = SqlitePragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // The core references no provider package, so the provider is recognised by its connection type's name.
    internal static bool IsSqlite(DbConnection connection) =>
        connection.GetType().FullName == "Microsoft.Data.Sqlite.SqliteConnection";
}
