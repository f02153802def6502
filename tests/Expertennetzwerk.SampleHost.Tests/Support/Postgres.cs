using Npgsql;

namespace Expertennetzwerk.SampleHost.Tests.Support;

/// <summary>PostgreSQL for tests: the server comes from EXPERTENNETZWERK_POSTGRES; without it the tests are skipped.</summary>
public static class Postgres
{
    public const string Variable = "EXPERTENNETZWERK_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string SkipReason => $"PostgreSQL not configured: set {Variable} to a connection string (.ci/run starts a throwaway cluster and sets it).";

    /// <summary>Skips the calling test unless PostgreSQL is configured.</summary>
    public static void SkipUnlessAvailable() => Skip.If(ConnectionString is null, SkipReason);

    /// <summary>Creates a fresh, empty database <c>enw_sample_…</c> and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString!);
        var name = "enw_sample_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }

        admin.Database = name;
        return admin.ConnectionString;
    }

    /// <summary>Drops a database created by <see cref="CreateDatabaseAsync"/>.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database!;
        NpgsqlConnection.ClearAllPools();
        builder.Database = new NpgsqlConnectionStringBuilder(ConnectionString!).Database ?? "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}
