using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>
/// <c>--profile</c>: where one Place and one Accept of the module spend their time. Runs the transitions on the
/// transition database with a command interceptor and prints, per call, the statements (count, round trips, time
/// inside the provider) and the rest (EF Core and the module's own work). Not a benchmark: only for finding the cost.
/// </summary>
internal static class TransitionProfile
{
    public static async Task PrintAsync()
    {
        if (Environment.GetEnvironmentVariable("ENW_PROFILE_VS_EF") == "1")
        {
            await CompareWithEfAsync();
            return;
        }

        foreach (var db in BenchSettings.Databases)
        {
            var connectionString = await BenchDatabases.EnsureAsync(db, "tx", BenchSettings.TransitionDatabaseSize);
            var timer = new CommandTimer();
            await using var module = ModuleHandle.Start(db, connectionString, timer);
            var pool = new TransitionPool(module);
            const int warmUp = 1500; // more than the brokers: the actor check is cached as in the benchmark
            const int measured = 1000;
            var rounds = int.TryParse(Environment.GetEnvironmentVariable("ENW_PROFILE_ROUNDS"), out var r) ? r : 1;
            pool.Refill((warmUp + measured) * rounds + 8);
            foreach (var (name, run) in new (string, Func<Task>)[]
                     {
                         ("Place", async () =>
                         {
                             var order = pool.NextDraft();
                             (await module.Orders.PlaceAsync(Actor.Broker(BenchNetwork.NetworkId, order.Broker, BenchNetwork.UserId), order.Id)).Value.ToString();
                         }),
                         ("Accept", async () =>
                         {
                             var order = pool.NextPlaced();
                             (await module.Orders.AcceptAsync(Actor.Expert(BenchNetwork.NetworkId, order.Expert, BenchNetwork.UserId), order.Id)).Value.ToString();
                         }),
                     })
            {
                if (Environment.GetEnvironmentVariable("ENW_PROFILE_ONLY") is { Length: > 0 } only && only != name)
                {
                    continue;
                }

                for (var i = 0; i < warmUp; i++)
                {
                    await run();
                }

                timer.Reset();
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < measured * rounds; i++)
                {
                    await run();
                }

                clock.Stop();
                var total = clock.Elapsed.TotalMilliseconds / (measured * rounds);
                var inDb = timer.Statements.Values.Sum(s => s.Ticks) / (double)Stopwatch.Frequency * 1000 / (measured * rounds);
                Console.WriteLine($"// {db} {name}: {total:F3} ms per call; statements {timer.Statements.Values.Sum(s => s.Count) / (double)(measured * rounds):F1} " +
                                  $"taking {inDb:F3} ms; outside the provider {total - inDb:F3} ms");
                foreach (var (sql, stat) in timer.Statements.OrderByDescending(s => s.Value.Ticks))
                {
                    var text = sql.ReplaceLineEndings(" ");
                    Console.WriteLine($"//   {stat.Count / (double)(measured * rounds),4:F1}x {stat.Ticks / (double)Stopwatch.Frequency * 1000 / (measured * rounds),7:F3} ms  {(Environment.GetEnvironmentVariable("ENW_PROFILE_FULL") == "1" ? text : text[..Math.Min(text.Length, 160)])}");
                }
            }
        }
    }

    /// <summary>
    /// ENW_PROFILE_VS_EF=1: the module and the EF baselines of <see cref="TransitionBenchmarks"/> interleaved in blocks
    /// of 50 calls, so a busy machine slows all of them alike (a quick A/B, not a benchmark).
    /// </summary>
    private static async Task CompareWithEfAsync()
    {
        foreach (var db in BenchSettings.Databases)
        {
            var bench = new TransitionBenchmarks { Db = db };
            await bench.SetupAsync();
            var runs = new (string Name, Func<Task<long>> Run)[]
            {
                ("Accept module", bench.Accept_Module), ("Accept EF", bench.Accept_EfCore),
                ("Place module", bench.Place_Module), ("Place EF", bench.Place_EfCore), ("Place EF same work", bench.Place_EfCore_SameWork),
            };
            var blocks = runs.ToDictionary(r => r.Name, _ => new List<double>());
            for (var round = 0; round < 30; round++)
            {
                bench.IterationSetup();
                foreach (var (name, run) in runs)
                {
                    var clock = Stopwatch.StartNew();
                    for (var i = 0; i < 25; i++)
                    {
                        await run();
                    }

                    blocks[name].Add(clock.Elapsed.TotalMilliseconds / 25);
                }
            }

            foreach (var (name, times) in blocks)
            {
                times.Sort();
                Console.WriteLine($"// {db} {name}: median of block means {times[times.Count / 2]:F3} ms");
            }

            await bench.CleanupAsync();
        }
    }

    private sealed class Stat
    {
        public int Count;
        public long Ticks;
    }

    private sealed class CommandTimer : DbCommandInterceptor, IDbTransactionInterceptor
    {
        public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            _started = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public ValueTask<DbTransaction> TransactionStartedAsync(
            DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            Record("(begin)");
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            _started = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Record("(commit)");
            return Task.CompletedTask;
        }

        private long _started; // one call at a time

        public ConcurrentDictionary<string, Stat> Statements { get; } = new();

        public void Reset() => Statements.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _started = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _started = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            _started = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        private void Record(DbCommand command) => Record(command.CommandText);

        private void Record(string text)
        {
            var elapsed = Stopwatch.GetTimestamp() - _started;
            var stat = Statements.GetOrAdd(text, _ => new Stat());
            Interlocked.Increment(ref stat.Count);
            Interlocked.Add(ref stat.Ticks, elapsed);
        }
    }
}
