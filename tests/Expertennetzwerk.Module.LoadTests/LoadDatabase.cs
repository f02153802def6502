using Npgsql;

namespace Expertennetzwerk.Module.LoadTests;

/// <summary>A fresh PostgreSQL database per run, on the server named by EXPERTENNETZWERK_POSTGRES.</summary>
public static class LoadDatabase
{
    public const string Variable = "EXPERTENNETZWERK_POSTGRES";

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string SkipReason => $"PostgreSQL not configured: set {Variable} to a connection string (.ci/run starts a throwaway cluster and sets it).";

    public static async Task<string> CreateAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString!);
        var name = "enw_load_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }

        admin.Database = name;
        admin.MaxAutoPrepare = 0;
        return admin.ConnectionString;
    }

    public static async Task DropAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database!;
        NpgsqlConnection.ClearAllPools();
        builder.Database = new NpgsqlConnectionStringBuilder(AdminConnectionString!).Database ?? "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}
