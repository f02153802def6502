using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;

namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>Base of the benchmark classes: the database parameter, the module on the seeded database, and a raw connection.</summary>
public abstract class DatabaseBenchmark
{
    /// <summary>The columns of a list row, as ExpertOrderQueries selects them.</summary>
    protected const string ListColumns =
        "\"Id\", \"Number\", \"State\", \"ServiceId\", \"CategoryId\", \"BrokerPartyId\", \"ExpertPartyId\", \"CustomerDisplayName\", " +
        "\"ProgressStep\", \"CreatedAt\", \"UpdatedAt\"";

    [ParamsSource(nameof(Databases))]
    public Db Db { get; set; }

    public static IEnumerable<Db> Databases => BenchSettings.Databases;

    internal string ConnectionString { get; private set; } = string.Empty;

    internal ModuleHandle Module { get; private set; } = null!;

    /// <summary>An open connection (WAL, synchronous=NORMAL on SQLite) for the hand-written baselines.</summary>
    internal DbConnection Raw { get; private set; } = null!;

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await Raw.DisposeAsync();
        await Module.DisposeAsync();
    }

    internal async Task StartAsync(string name, int size)
    {
        ConnectionString = await BenchDatabases.EnsureAsync(Db, name, size);
        Module = ModuleHandle.Start(Db, ConnectionString);
        Raw = await BenchDatabases.OpenRawAsync(Db, ConnectionString);
    }

    /// <summary>A prepared command on the raw connection; Guids are bound as SQLite stores them (upper-case text).</summary>
    internal DbCommand Prepare(string sql, params (string Name, object Value)[] parameters)
    {
        var command = Raw.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = Bind(value);
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    /// <summary>The provider value of <paramref name="value"/>, as the module's mapping stores it.</summary>
    internal object Bind(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g when Db == Db.Sqlite => g.ToString().ToUpperInvariant(),
        DateTimeOffset d => d.UtcTicks,
        Enum e => e.ToString(),
        _ => value,
    };

    internal void Set(DbCommand command, string name, object? value) => command.Parameters[name].Value = Bind(value);

    /// <summary>Reads list rows as the module returns them.</summary>
    internal static async Task<List<OrderListItem>> ReadItemsAsync(DbCommand command)
    {
        var items = new List<OrderListItem>(26);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            items.Add(new OrderListItem(
                reader.GetGuid(0), reader.GetString(1), Enum.Parse<OrderState>(reader.GetString(2)), reader.GetGuid(3), reader.GetGuid(4),
                reader.GetGuid(5), reader.GetGuid(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero), new DateTimeOffset(reader.GetInt64(10), TimeSpan.Zero)));
        }

        return items;
    }

    /// <summary>Fails the setup when the module and the hand-written query disagree (a benchmark of a wrong answer is worthless).</summary>
    internal static void AssertSamePage(string what, IReadOnlyList<OrderListItem> module, IReadOnlyList<OrderListItem> raw, int expectedAtLeast = 1)
    {
        var rawIds = raw.Take(module.Count).Select(i => i.Id).ToList();
        if (module.Count < Math.Min(expectedAtLeast, raw.Count) || !module.Select(i => i.Id).SequenceEqual(rawIds))
        {
            throw new InvalidOperationException($"{what}: the module returned {module.Count} rows, the hand-written query {raw.Count}, and they differ.");
        }
    }

    /// <summary>Runs <paramref name="operation"/> up to <paramref name="times"/> times or for <paramref name="budget"/> (EF's first queries are slow).</summary>
    internal static async Task WarmUpAsync(Func<Task> operation, int times, TimeSpan budget)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < times && clock.Elapsed < budget; i++)
        {
            await operation();
        }
    }

    internal static OrderListQuery Page(IReadOnlyCollection<OrderState>? states = null, string? text = null, bool counts = false) =>
        DatabaseBenchmarkQueries.Page(states, text, counts);
}

/// <summary>The list queries the benchmarks send: pages of 25, counts only when asked.</summary>
internal static class DatabaseBenchmarkQueries
{
    public static OrderListQuery Page(IReadOnlyCollection<OrderState>? states = null, string? text = null, bool counts = false) =>
        new() { PageSize = 25, IncludeCounts = counts, States = states, Text = text };
}
