using System.Data.Common;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>
/// <c>--explain</c>: runs each measured module query once on the largest list database, prints the SQL EF Core sent
/// and the database's plan for it (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL), with the same
/// parameters. Not a measurement: the numbers come from BenchmarkDotNet.
/// </summary>
internal static class QueryPlans
{
    public static async Task PrintAsync()
    {
        var open = new[] { OrderState.Placed, OrderState.InProgress, OrderState.AwaitingInformation, OrderState.Disputed };
        var cases = new (string Name, Actor Actor, OrderListQuery Query)[]
        {
            ("broker page", BenchNetwork.BusiestBroker, DatabaseBenchmarkQueries.Page()),
            ("broker page, one state", BenchNetwork.BusiestBroker, DatabaseBenchmarkQueries.Page([OrderState.InProgress])),
            ("expert's open orders", BenchNetwork.BusiestExpert, DatabaseBenchmarkQueries.Page(open)),
            ("broker search", BenchNetwork.BusiestBroker, DatabaseBenchmarkQueries.Page(text: CustomerNames.CommonSurname)),
            ("expert search", BenchNetwork.BusiestExpert, DatabaseBenchmarkQueries.Page(text: CustomerNames.CommonSurname)),
            ("broker search, rare name", BenchNetwork.BusiestBroker, DatabaseBenchmarkQueries.Page(text: CustomerNames.RareSurname)),
            ("expert search, rare name", BenchNetwork.BusiestExpert, DatabaseBenchmarkQueries.Page(text: CustomerNames.RareSurname)),
            ("expert search, absent name", BenchNetwork.BusiestExpert, DatabaseBenchmarkQueries.Page(text: CustomerNames.AbsentName)),
            ("operator page with counts", BenchNetwork.Operator, DatabaseBenchmarkQueries.Page(counts: true)),
        };

        foreach (var db in BenchSettings.Databases)
        {
            var connectionString = await BenchDatabases.EnsureAsync(db, "list", BenchSettings.LargestSize);
            var recorder = new CommandRecorder();
            await using var module = ModuleHandle.Start(db, connectionString, recorder);
            await using var raw = await BenchDatabases.OpenRawAsync(db, connectionString);
            foreach (var (name, actor, query) in cases)
            {
                // Once to warm caches, once recorded.
                _ = await module.Queries.ListOrdersAsync(actor, query);
                recorder.Commands.Clear();
                _ = await module.Queries.ListOrdersAsync(actor, query);
                foreach (var (sql, parameters) in recorder.Commands.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)))
                {
                    Console.WriteLine($"-- {db} {BenchSettings.LargestSize:N0}: {name}");
                    Console.WriteLine(sql);
                    Console.WriteLine("-- " + string.Join(", ", parameters.Select(p => $"{p.Name}={Format(p.Value)}")));
                    await using var explain = raw.CreateCommand();
                    explain.CommandText = (db == Db.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ") + sql;
                    foreach (var (parameterName, value, type) in parameters)
                    {
                        var parameter = explain.CreateParameter();
                        parameter.ParameterName = parameterName;
                        parameter.Value = value ?? DBNull.Value;
                        parameter.DbType = type;
                        explain.Parameters.Add(parameter);
                    }

                    await using var reader = await explain.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        Console.WriteLine("   " + (db == Db.Sqlite ? reader.GetString(3) : reader.GetString(0)));
                    }

                    Console.WriteLine();
                }
            }
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        string s => $"'{s}'",
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<(string Sql, List<(string Name, object? Value, System.Data.DbType Type)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value is DBNull ? null : p.Value, p.DbType)).ToList()));
            return ValueTask.FromResult(result);
        }
    }
}
