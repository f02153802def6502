using System.Collections.Concurrent;
using System.Diagnostics;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>A fresh, empty module database of its own for the outbox benchmarks (their rows must not mix with others').</summary>
internal sealed class OutboxBenchDatabase : IAsyncDisposable
{
    private readonly Db _db;
    private readonly string? _file;
    private readonly string? _postgresName;

    private OutboxBenchDatabase(Db db, string connectionString, ModuleHandle module, string? file, string? postgresName)
    {
        _db = db;
        ConnectionString = connectionString;
        Module = module;
        _file = file;
        _postgresName = postgresName;
    }

    public string ConnectionString { get; }

    public ModuleHandle Module { get; }

    public NoOpMailSender Sender => Module.Services.GetRequiredService<NoOpMailSender>();

    public static async Task<OutboxBenchDatabase> CreateAsync(Db db)
    {
        string connectionString;
        string? file = null;
        string? name = null;
        if (db == Db.Sqlite)
        {
            Directory.CreateDirectory(BenchSettings.CacheDirectory);
            file = Path.Combine(BenchSettings.CacheDirectory, $"enw_bench_outbox_{Guid.NewGuid():N}.db");
            connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
        }
        else
        {
            var server = BenchSettings.Postgres ?? throw new InvalidOperationException($"{BenchSettings.PostgresVariable} is not set.");
            name = $"enw_bench_outbox_{Guid.NewGuid():N}"[..32];
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var command = admin.CreateCommand();
                command.CommandText = $"CREATE DATABASE \"{name}\"";
                await command.ExecuteNonQueryAsync();
            }

            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        }

        var module = ModuleHandle.Start(db, connectionString, configure: builder =>
        {
            builder.Services.AddSingleton<NoOpMailSender>();
            builder.Services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<NoOpMailSender>()));
        });
        await using (var context = module.CreateDbContext())
        {
            await context.Database.EnsureCreatedAsync();
        }

        return new OutboxBenchDatabase(db, connectionString, module, file, name);
    }

    /// <summary>A dispatcher on the module's services with these settings.</summary>
    public OutboxDispatcher Dispatcher(string instanceId, int batchSize, int concurrency, TimeSpan? pollInterval = null) =>
        new(Module.Services, () => new OutboxOptions { BatchSize = batchSize, MaxConcurrency = concurrency, PollInterval = pollInterval ?? TimeSpan.FromSeconds(30) },
            NullLogger.Instance, instanceId);

    /// <summary>Writes <paramref name="count"/> pending mail rows in one commit.</summary>
    public async Task EnqueueAsync(int count, string prefix)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = OutboxPayloads.Serialize(new OutboxMail([new MailAddress("makler@example.test", "Makler")], "Statusänderung", "Ihr Auftrag hat einen neuen Status."));
        await using var context = Module.CreateDbContext();
        for (var i = 0; i < count; i++)
        {
            context.Add(new OutboxMessage(Guid.CreateVersion7(), BenchNetwork.NetworkId, null, OutboxEventTypes.Mail, "party:bench", payload, $"{prefix}:{i}", now));
        }

        await context.SaveChangesAsync();
    }

    public async Task<int> PendingAsync()
    {
        await using var context = Module.CreateDbContext();
        return await context.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Pending);
    }

    public async ValueTask DisposeAsync()
    {
        await Module.DisposeAsync();
        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(_file + suffix);
            }
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(BenchSettings.Postgres);
            await admin.OpenAsync();
            await using var command = admin.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>A mail sender that sends nothing, and notes when each Message-ID reached it (for latency).</summary>
internal sealed class NoOpMailSender : IMailSender
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new(StringComparer.Ordinal);
    private long _sent;

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp at which the mail with this Message-ID was sent.</summary>
    public Task<long> SentAt(string messageId) =>
        _waiting.GetOrAdd(messageId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _sent);
        _waiting.GetOrAdd(mail.MessageId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(now);
        return Task.CompletedTask;
    }

    public void Forget(string messageId) => _waiting.TryRemove(messageId, out _);
}
