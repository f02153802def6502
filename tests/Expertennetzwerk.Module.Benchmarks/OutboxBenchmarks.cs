using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Expertennetzwerk.Module.Benchmarks.Support;
using Expertennetzwerk.Module.Outbox;

namespace Expertennetzwerk.Module.Benchmarks;

/// <summary>
/// Issue 4 goal: dispatch throughput to a no-op mail sender (≥ 2,000 notifications/s). Each invocation drains
/// <see cref="Rows"/> pending mail rows that the iteration setup wrote; times are per notification (OperationsPerInvoke),
/// so Op/s reads as notifications per second. Baseline: the floor of the same work by hand on one open connection —
/// the claim statement, then one guarded "sent" update per row, no handler, no rendering. Against it: the module's
/// dispatcher (claim, load, resolve the handler, deserialize and render the mail, send, mark) with batch sizes 50 and
/// 200 and 1 or 4 rows at a time.
/// </summary>
[BenchJob(JobKind.Batches)]
public class OutboxThroughputBenchmarks
{
    private const int Rows = 1_000;

    private OutboxBenchDatabase _database = null!;
    private DbConnection _raw = null!;
    private DbCommand _claim = null!;
    private DbCommand _mark = null!;
    private OutboxDispatcher _batch50 = null!;
    private OutboxDispatcher _batch50Parallel = null!;
    private OutboxDispatcher _batch200Parallel = null!;
    private int _round;

    [ParamsSource(nameof(Databases))]
    public Db Db { get; set; }

    public static IEnumerable<Db> Databases => BenchSettings.Databases;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await OutboxBenchDatabase.CreateAsync(Db);
        _raw = await BenchDatabases.OpenRawAsync(Db, _database.ConnectionString);
        _batch50 = _database.Dispatcher("b50", 50, 1);
        _batch50Parallel = _database.Dispatcher("b50p4", 50, 4);
        _batch200Parallel = _database.Dispatcher("b200p4", 200, 4);

        // The claim the module's dialect sends, and the guarded mark, as prepared statements.
        var lockClause = Db == Db.Postgres ? " FOR UPDATE SKIP LOCKED" : string.Empty;
        _claim = Command(
            "UPDATE \"enw_outbox\" SET \"LeaseOwner\" = @owner, \"LeaseUntil\" = @until, \"DueAt\" = @until " +
            "WHERE \"Id\" IN (SELECT \"Id\" FROM \"enw_outbox\" WHERE \"Status\" = 'Pending' AND \"DueAt\" <= @now ORDER BY \"DueAt\" LIMIT 50" + lockClause + ") " +
            "RETURNING \"Id\"",
            ("@owner", "raw"), ("@until", 0L), ("@now", 0L));
        _mark = Command(
            "UPDATE \"enw_outbox\" SET \"Status\" = 'Sent', \"SentAt\" = @now, \"Attempts\" = \"Attempts\" + 1, \"LastAttemptAt\" = @now, " +
            "\"LeaseOwner\" = NULL, \"LeaseUntil\" = NULL WHERE \"Id\" = @id AND \"LeaseOwner\" = @owner AND \"Status\" = 'Pending'",
            ("@now", 0L), ("@id", Db == Db.Sqlite ? string.Empty : Guid.Empty), ("@owner", "raw"));

        // Warm every path (EF's first thousands of commands are slower).
        for (var i = 0; i < (BenchSettings.Dry ? 1 : 3); i++)
        {
            await IterationSetupAsync();
            await RawClaimAndMark();
            await IterationSetupAsync();
            await Module_Batch50();
            await IterationSetupAsync();
            await Module_Batch50_Parallel4();
            await IterationSetupAsync();
            await Module_Batch200_Parallel4();
        }
    }

    [IterationSetup]
    public void IterationSetup() => IterationSetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _raw.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public async Task RawClaimAndMark()
    {
        var left = Rows;
        while (left > 0)
        {
            var now = DateTimeOffset.UtcNow.UtcTicks;
            _claim.Parameters["@now"].Value = now;
            _claim.Parameters["@until"].Value = now + TimeSpan.FromMinutes(2).Ticks;
            var ids = new List<object>(50);
            await using (var reader = await _claim.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    ids.Add(reader.GetValue(0));
                }
            }

            if (ids.Count == 0)
            {
                throw new InvalidOperationException($"The outbox ran dry with {left} rows to go.");
            }

            foreach (var id in ids)
            {
                _mark.Parameters["@now"].Value = DateTimeOffset.UtcNow.UtcTicks;
                _mark.Parameters["@id"].Value = id;
                await _mark.ExecuteNonQueryAsync();
            }

            left -= ids.Count;
        }
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public Task Module_Batch50() => DrainAsync(_batch50);

    [Benchmark(OperationsPerInvoke = Rows)]
    public Task Module_Batch50_Parallel4() => DrainAsync(_batch50Parallel);

    [Benchmark(OperationsPerInvoke = Rows)]
    public Task Module_Batch200_Parallel4() => DrainAsync(_batch200Parallel);

    private static async Task DrainAsync(OutboxDispatcher dispatcher)
    {
        var left = Rows;
        while (left > 0)
        {
            var claimed = await dispatcher.DispatchBatchAsync();
            if (claimed == 0)
            {
                throw new InvalidOperationException($"The outbox ran dry with {left} rows to go.");
            }

            left -= claimed;
        }
    }

    private async Task IterationSetupAsync()
    {
        if (await _database.PendingAsync() != 0)
        {
            throw new InvalidOperationException("Rows are still pending: a benchmark delivered fewer than it claimed.");
        }

        await _database.EnqueueAsync(Rows, "t" + (_round++).ToString(CultureInfo.InvariantCulture));
    }

    private DbCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _raw.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}

/// <summary>
/// Issue 4 goal: commit-to-delivery latency with the wake-up signal (p95 ≤ 250 ms). The module's dispatcher runs in
/// the background (poll every 30 s, so only the wake-up can explain a fast delivery). Each invocation commits one mail
/// row and waits until the no-op sender got it; the baseline commits the same row without waiting. The P95 column of
/// <c>CommitAndAwaitDelivery</c> is the commit-plus-delivery latency; the cleanup prints the delivery part alone
/// (end of commit → send) as p50/p95.
/// </summary>
[BenchJob(JobKind.Latency)]
public class OutboxLatencyBenchmarks
{
    private readonly List<double> _deliveryMs = [];
    private OutboxBenchDatabase _database = null!;
    private OutboxDispatcher _dispatcher = null!;
    private int _next;

    [ParamsSource(nameof(Databases))]
    public Db Db { get; set; }

    public static IEnumerable<Db> Databases => BenchSettings.Databases;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await OutboxBenchDatabase.CreateAsync(Db);
        _dispatcher = _database.Module.Services.GetService(typeof(OutboxDispatcher)) as OutboxDispatcher
            ?? throw new InvalidOperationException("No dispatcher registered.");
        await _dispatcher.StartAsync(CancellationToken.None);
        for (var i = 0; i < (BenchSettings.Dry ? 1 : 100); i++)
        {
            await CommitAndAwaitDelivery();
        }

        _deliveryMs.Clear();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _dispatcher.StopAsync(CancellationToken.None);
        if (_deliveryMs.Count > 0)
        {
            _deliveryMs.Sort();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"// {Db} commit-to-delivery (end of commit → send), {_deliveryMs.Count} samples: p50 {Percentile(0.50):F2} ms, p95 {Percentile(0.95):F2} ms, max {_deliveryMs[^1]:F2} ms"));
        }

        await _database.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task CommitOnly() => CommitAsync(out _);

    [Benchmark]
    public async Task CommitAndAwaitDelivery()
    {
        if (!await CommitAsync(out var messageId))
        {
            throw new InvalidOperationException("The row was not written.");
        }

        var committed = Stopwatch.GetTimestamp();
        var at = await _database.Sender.SentAt(messageId).WaitAsync(TimeSpan.FromSeconds(30));
        _database.Sender.Forget(messageId);
        // The dispatcher may send before SaveChanges has returned to us: that counts as no delay.
        _deliveryMs.Add(Math.Max(0, Stopwatch.GetElapsedTime(committed, at).TotalMilliseconds));
    }

    private Task<bool> CommitAsync(out string messageId)
    {
        var key = "lat:" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        messageId = MessageIds.FromIdempotencyKey(key);
        return WriteAsync(key);
    }

    private async Task<bool> WriteAsync(string key)
    {
        var now = DateTimeOffset.UtcNow;
        await using var context = _database.Module.CreateDbContext();
        context.Add(new OutboxMessage(Guid.CreateVersion7(), BenchNetwork.NetworkId, null, OutboxEventTypes.Mail, "party:bench",
            OutboxPayloads.Serialize(new OutboxMail([new Ports.MailAddress("makler@example.test")], "Statusänderung", "Text")), key, now));
        return await context.SaveChangesAsync() == 1;
    }

    private double Percentile(double p) => _deliveryMs[Math.Min(_deliveryMs.Count - 1, (int)Math.Ceiling(p * _deliveryMs.Count) - 1)];
}
