using System.Collections.Concurrent;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Tests.Outbox;

/// <summary>
/// A mail sender for fault tests: records every mail it accepted (per Message-ID), and fails, hangs or refuses as the
/// test says. Thread-safe.
/// </summary>
public sealed class ScriptedMailSender : IMailSender
{
    private readonly ConcurrentDictionary<string, int> _delivered = new(StringComparer.Ordinal);
    private int _calls;

    /// <summary>Decides per call (1-based call number, mail): null = deliver, an exception = throw it.</summary>
    public Func<int, OutgoingMail, Exception?> Behaviour { get; set; } = (_, _) => null;

    /// <summary>When set, the call with this number records the mail as delivered and then hangs until cancelled.</summary>
    public int? HangAfterDeliveringCall { get; set; }

    /// <summary>Completed when the hanging call started hanging.</summary>
    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyDictionary<string, int> Delivered => _delivered;

    /// <summary>Runs before a call (1-based call number) delivers, e.g. to let time pass as on a slow mail server.</summary>
    public Func<int, Task>? BeforeDelivering { get; set; }

    public ConcurrentQueue<OutgoingMail> Mails { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        if (Behaviour(call, mail) is { } failure)
        {
            throw failure;
        }

        if (BeforeDelivering is { } before)
        {
            await before(call);
        }

        _delivered.AddOrUpdate(mail.MessageId, 1, (_, n) => n + 1);
        Mails.Enqueue(mail);
        if (call == HangAfterDeliveringCall)
        {
            Hanging.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}

internal static class OutboxTestKit
{
    public const string Recipient = "makler@example.test";

    /// <summary>Writes <paramref name="count"/> mail rows (keys <c>{prefix}:{i}</c>) in one commit; returns the keys.</summary>
    public static async Task<List<string>> EnqueueMailsAsync(this ModuleHost host, int count, string prefix = "test", Func<int, string>? recipient = null, IReadOnlyList<Guid>? attachments = null)
    {
        var now = host.Time.GetUtcNow();
        var keys = new List<string>(count);
        await using var db = host.CreateDbContext();
        for (var i = 0; i < count; i++)
        {
            var key = $"{prefix}:{i}";
            keys.Add(key);
            db.Add(MailRow(host.Network.NetworkId, key, recipient?.Invoke(i) ?? Recipient, now, attachments));
        }

        await db.SaveChangesAsync();
        return keys;
    }

    public static OutboxMessage MailRow(Guid networkId, string key, string to, DateTimeOffset now, IReadOnlyList<Guid>? attachments = null) =>
        new(Guid.CreateVersion7(), networkId, null, OutboxEventTypes.Mail, "user:test", OutboxPayloads.Serialize(
            new OutboxMail([new MailAddress(to, "Makler Müller")], "Auftrag " + key, "Text zu " + key, "<p>Text zu " + key + "</p>", attachments)),
            key, now);

    /// <summary>A dispatcher of its own on <paramref name="host"/>'s services (what another host instance would run).</summary>
    public static OutboxDispatcher Dispatcher(this ModuleHost host, string instanceId, Action<OutboxOptions>? configure = null)
    {
        var options = host.Services.GetRequiredService<IOptions<Module.Hosting.ExpertennetzwerkOptions>>().Value.Outbox;
        var copy = new OutboxOptions
        {
            BatchSize = options.BatchSize,
            MaxConcurrency = options.MaxConcurrency,
            MaxAttempts = options.MaxAttempts,
            BaseRetryDelay = options.BaseRetryDelay,
            MaxRetryDelay = options.MaxRetryDelay,
            LeaseDuration = options.LeaseDuration,
            PollInterval = options.PollInterval,
            MessageIdDomain = options.MessageIdDomain,
        };
        configure?.Invoke(copy);
        return new OutboxDispatcher(host.Services, () => copy, NullLogger.Instance, instanceId);
    }

    /// <summary>
    /// Runs batches until nothing is pending; when nothing is due but rows wait for a retry, moves the fake clock to
    /// the earliest due time. Returns the number of batches.
    /// </summary>
    public static async Task<int> DrainAsync(this ModuleHost host, OutboxDispatcher dispatcher, int maxBatches = 10_000)
    {
        var batches = 0;
        while (batches < maxBatches)
        {
            if (await dispatcher.DispatchBatchAsync() > 0)
            {
                batches++;
                continue;
            }

            await using var db = host.CreateDbContext();
            var next = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Status == OutboxStatus.Pending)
                .OrderBy(m => m.DueAt).Select(m => (DateTimeOffset?)m.DueAt).FirstOrDefaultAsync();
            if (next is null)
            {
                return batches;
            }

            var wait = next.Value - host.Time.GetUtcNow();
            host.Time.Advance(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
        }

        throw new InvalidOperationException($"The outbox did not drain in {maxBatches} batches.");
    }

    public static async Task<List<OutboxMessage>> OutboxRowsAsync(this ModuleHost host)
    {
        await using var db = host.CreateDbContext();
        return await db.Set<OutboxMessage>().AsNoTracking().ToListAsync();
    }

    public static async Task<OutboxMessage> RowAsync(this ModuleHost host, string key)
    {
        await using var db = host.CreateDbContext();
        return await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.IdempotencyKey == key);
    }

    /// <summary>Waits (real time) until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not within {timeout}: {because}");
            }

            await Task.Delay(20);
        }
    }
}
