using System.Collections.Concurrent;
using System.Diagnostics;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Persistence.Dialects;
using Expertennetzwerk.Module.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// The background service that delivers outbox rows (transactional outbox, at-least-once). It claims due rows in
/// batches with a lease (several instances on one PostgreSQL database never claim the same row; a crashed instance's
/// rows are taken over once its lease ran out), hands each to the <see cref="IOutboxHandler"/> of its event type outside
/// any transaction, then marks it sent together with the handler's follow-up rows in one commit — only while it still
/// holds the lease. A failure is retried with exponential backoff and jitter; after
/// <see cref="OutboxOptions.MaxAttempts"/>, on a <see cref="PermanentDeliveryException"/> or without a handler the row
/// is dead-lettered (the operator lists and re-queues them through <see cref="OutboxAdministration"/>). It sleeps until
/// the <see cref="OutboxSignal"/> wakes it after a commit, the next retry falls due, or the slow poll comes round.
/// </summary>
public sealed class OutboxDispatcher : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly Func<OutboxOptions> _readOptions;
    private readonly string? _instanceId;
    private IModuleDbContextFactory? _factory;
    private OutboxOptions? _options;
    private ExpertennetzwerkMetrics? _metrics;
    private string? _generatedInstanceId;

    // Dependencies are resolved at first use, not here: the generic host creates every hosted service before the
    // module's start-up check runs, and a missing registration should fail with that check's message.
    private int _idleWaits;

    internal OutboxDispatcher(IServiceProvider services, Func<OutboxOptions> options, ILogger logger, string? instanceId = null)
    {
        _services = services;
        _readOptions = options;
        _logger = logger;
        _instanceId = instanceId;
    }

    /// <summary>The lease owner this instance writes into the rows it claims.</summary>
    public string InstanceId => _instanceId ?? Options.InstanceId ?? (_generatedInstanceId ??= GenerateInstanceId());

    private OutboxOptions Options => _options ??= _readOptions();

    private IModuleDbContextFactory Factory => _factory ??= _services.GetRequiredService<IModuleDbContextFactory>();

    private ExpertennetzwerkMetrics? Metrics => _metrics ??= _services.GetService<ExpertennetzwerkMetrics>();

    private OutboxSignal Signal => _services.GetRequiredService<OutboxSignal>();

    private TimeProvider Time => _services.GetRequiredService<TimeProvider>();

    /// <summary>
    /// Claims one batch of due rows and delivers it; returns how many rows were claimed (0: nothing due). The background
    /// loop calls this; tests and tools may call it directly to drain the outbox.
    /// </summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken = default)
    {
        var now = Time.GetUtcNow();
        List<OutboxMessage> rows;
        await using (var db = Factory.CreateDbContext())
        {
            var ids = await SqlDialect.For(db).ClaimOutboxAsync(db, InstanceId, now, now + Options.LeaseDuration, Options.BatchSize, cancellationToken)
                .ConfigureAwait(false);
            if (ids.Count == 0)
            {
                return 0;
            }

            rows = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => ids.Contains(m.Id))
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
        }

        rows = [.. rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)];
        var done = new ConcurrentDictionary<Guid, bool>();
        // One open context per worker, reused row after row: opening a connection (and, on SQLite, setting its pragmas)
        // per row would cost more than the row's own statement.
        var contexts = new ConcurrentBag<DbContext>();
        try
        {
            await using var scope = _services.CreateAsyncScope();
            var handlers = HandlersByEventType(scope.ServiceProvider.GetServices<IOutboxHandler>());
            var hooks = scope.ServiceProvider.GetServices<IOutboxDeliveryHooks>().ToList();
            if (Options.MaxConcurrency == 1 || rows.Count == 1)
            {
                foreach (var row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await DeliverAsync(row, handlers, hooks, contexts, done, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxConcurrency, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(rows, parallel, (row, ct) => new ValueTask(DeliverAsync(row, handlers, hooks, contexts, done, ct))).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand back what this instance claimed but did not settle, so another instance (or the next
            // start) delivers it at once instead of after the lease. A row whose delivery was cut short may have gone
            // out; it goes again with the same idempotency key (at-least-once).
            await ReleaseAsync(rows.Where(r => !done.ContainsKey(r.Id)).Select(r => r.Id).ToList()).ConfigureAwait(false);
            throw;
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync().ConfigureAwait(false);
            }
        }

        return rows.Count;
    }

    /// <summary>
    /// How often the dispatcher has gone to sleep until the next wake-up or poll (it found nothing due). Tests wait for it
    /// instead of sleeping; a pulse given after it counted is not lost (the signal latches).
    /// </summary>
    internal int IdleWaits => Volatile.Read(ref _idleWaits);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.DispatcherEnabled)
        {
            OutboxLog.DispatcherDisabled(_logger);
            return;
        }

        OutboxLog.DispatcherStarted(_logger, InstanceId);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Options.PollInterval;
            try
            {
                while (await DispatchBatchAsync(stoppingToken).ConfigureAwait(false) == Options.BatchSize)
                {
                    // A full batch: there may be more.
                }

                wait = await UntilNextDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database is unreachable or the schema is missing: keep the host up and try again at the next poll.
                OutboxLog.DispatchFailed(_logger, ex, InstanceId, wait);
            }

            try
            {
                if (wait > TimeSpan.Zero)
                {
                    Interlocked.Increment(ref _idleWaits);
                    await Signal.WaitAsync(wait, Time, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        OutboxLog.DispatcherStopped(_logger, InstanceId);
    }

    /// <summary>The delay after the <paramref name="attempts"/>-th failure: base · 2^(attempts−1), capped, then between half and all of it (jitter).</summary>
    internal static TimeSpan Backoff(int attempts, OutboxOptions options, Random random)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var ticks = Math.Min(options.BaseRetryDelay.Ticks * Math.Pow(2, exponent), options.MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)(ticks / 2 + (random.NextDouble() * ticks / 2)));
    }

    private static string GenerateInstanceId()
    {
        var unique = $"/{Environment.ProcessId}/{Guid.NewGuid():N}";
        var machine = Environment.MachineName;
        return (machine.Length > 100 - unique.Length ? machine[..(100 - unique.Length)] : machine) + unique;
    }

    private static Dictionary<string, IOutboxHandler> HandlersByEventType(IEnumerable<IOutboxHandler> handlers)
    {
        var map = new Dictionary<string, IOutboxHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            foreach (var eventType in handler.EventTypes)
            {
                map.TryAdd(eventType, handler);
            }
        }

        return map;
    }

    private async Task DeliverAsync(
        OutboxMessage row, Dictionary<string, IOutboxHandler> handlers, List<IOutboxDeliveryHooks> hooks, ConcurrentBag<DbContext> contexts, ConcurrentDictionary<Guid, bool> done, CancellationToken cancellationToken)
    {
        if (!contexts.TryTake(out var db))
        {
            db = Factory.CreateDbContext();
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await DeliverAsync(row, db, handlers, hooks, done, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false); // its state is unknown: never reuse it
            throw;
        }

        db.ChangeTracker.Clear();
        contexts.Add(db);
    }

    private async Task DeliverAsync(OutboxMessage row, DbContext db, Dictionary<string, IOutboxHandler> handlers, List<IOutboxDeliveryHooks> hooks, ConcurrentDictionary<Guid, bool> done, CancellationToken cancellationToken)
    {
        // The batch's rows wait for a free worker under the lease of the claim. A row whose lease ran out meanwhile may
        // already be another instance's, and sending it here would send it twice: renew the lease for this row's own
        // delivery while it still holds, or leave the row to whoever has it now.
        if (!await RenewLeaseAsync(db, row.Id, cancellationToken).ConfigureAwait(false))
        {
            done[row.Id] = true;
            OutboxLog.LeaseExpiredBeforeDelivery(_logger, row.Id, row.EventType, InstanceId);
            return;
        }

        var context = new OutboxDeliveryContext(row, db);
        string? error = null;
        var permanent = false;
        if (!handlers.TryGetValue(row.EventType, out var handler))
        {
            error = $"No IOutboxHandler delivers event type \"{row.EventType}\". Register one (services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxHandler, YourHandler>())), then re-queue this row.";
            permanent = true;
        }
        else
        {
            var clock = Stopwatch.StartNew();
            try
            {
                await handler.HandleAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (PermanentDeliveryException ex)
            {
                error = ex.Message;
                permanent = true;
            }
            catch (Exception ex)
            {
                error = $"{ex.GetType().Name}: {ex.Message}";
                OutboxLog.DeliveryFailed(_logger, row.Id, row.EventType, clock.ElapsedMilliseconds, ex.GetType().Name);
            }
        }

        // Settling uses no cancellation: the delivery happened (or failed) and its outcome should be recorded.
        db.ChangeTracker.Clear();
        var now = Time.GetUtcNow();
        var kept = error is null
            ? await MarkSentAsync(db, row, context.FollowUps, now).ConfigureAwait(false)
            : await MarkFailedAsync(db, row, error, permanent, now, hooks, handlers).ConfigureAwait(false);
        if (kept && error is null)
        {
            Metrics?.Delivered(row.EventType, now - row.CreatedAt);
            foreach (var hook in hooks)
            {
                await hook.AfterSentAsync(db, row, CancellationToken.None).ConfigureAwait(false);
            }
        }

        done[row.Id] = true;
        if (!kept)
        {
            OutboxLog.LeaseLost(_logger, row.Id, row.EventType, InstanceId);
        }
    }

    private async Task<bool> RenewLeaseAsync(DbContext db, Guid id, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var until = now + Options.LeaseDuration;
        return await Leased(db, id, InstanceId)
            .Where(m => m.LeaseUntil > now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)until)
                .SetProperty(m => m.DueAt, until), cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    private async Task<bool> MarkSentAsync(DbContext db, OutboxMessage row, IReadOnlyList<OutboxMessage> followUps, DateTimeOffset now)
    {
        var attempts = row.Attempts + 1;
        var first = row.FirstAttemptAt ?? now;
        var owner = InstanceId;
        if (followUps.Count == 0)
        {
            return await SqlDialect.For(db).MarkOutboxSentAsync(db, row.Id, owner, now, attempts, first).ConfigureAwait(false) == 1;
        }

        await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
        var marked = await Leased(db, row.Id, owner).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.FirstAttemptAt, first)
            .SetProperty(m => m.LastAttemptAt, now)
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)).ConfigureAwait(false);
        if (marked != 1)
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
            return false;
        }

        db.AddRange(followUps);
        await db.SaveChangesAsync().ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        return true;
    }

    private async Task<bool> MarkFailedAsync(
        DbContext db, OutboxMessage row, string error, bool permanent, DateTimeOffset now, List<IOutboxDeliveryHooks> hooks, Dictionary<string, IOutboxHandler> handlers)
    {
        var attempts = row.Attempts + 1;
        var dead = permanent || attempts >= Options.MaxAttempts;
        var due = dead ? now : now + Backoff(attempts, Options, Random.Shared);
        var status = dead ? OutboxStatus.DeadLettered : OutboxStatus.Pending;
        var first = row.FirstAttemptAt ?? now;
        var text = DeliveryErrorText.Redact(error);

        // What the hooks add to a dead letter (the operator's notice) is committed with it, never twice; a row no handler
        // would deliver is not added (it could only dead-letter in turn).
        var extra = new List<OutboxMessage>();
        if (dead)
        {
            row.Attempts = attempts; // the batch's detached copy, settled here: the hooks see the final values
            row.LastError = text;
            extra.AddRange(hooks.SelectMany(h => h.OnDeadLettered(row, now)).Where(r => handlers.ContainsKey(r.EventType)));
        }

        await using var transaction = extra.Count > 0 ? await db.Database.BeginTransactionAsync().ConfigureAwait(false) : null;
        var kept = await Leased(db, row.Id, InstanceId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.DueAt, due)
            .SetProperty(m => m.FirstAttemptAt, first)
            .SetProperty(m => m.LastAttemptAt, now)
            .SetProperty(m => m.LastError, text)
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)).ConfigureAwait(false) == 1;
        if (transaction is not null)
        {
            if (kept)
            {
                db.AddRange(extra);
                await db.SaveChangesAsync().ConfigureAwait(false);
                await transaction.CommitAsync().ConfigureAwait(false);
            }
            else
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
            }
        }

        if (kept && dead)
        {
            OutboxLog.DeadLettered(_logger, row.Id, row.EventType, attempts);
            Metrics?.DeadLettered(row.EventType);
        }
        else if (kept)
        {
            Metrics?.Retried(row.EventType);
        }

        return kept;
    }

    private async Task ReleaseAsync(IReadOnlyList<Guid> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            var now = Time.GetUtcNow();
            await using var db = Factory.CreateDbContext();
            await db.Set<OutboxMessage>()
                .Where(m => ids.Contains(m.Id) && m.LeaseOwner == InstanceId && m.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.DueAt, now)
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null))
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Best effort while shutting down: the leases run out by themselves.
            OutboxLog.ReleaseFailed(_logger, InstanceId, ids.Count, ex.GetType().Name);
        }
    }

    /// <summary>How long until the earliest pending row falls due (zero when one is due now), at most the poll interval.</summary>
    private async Task<TimeSpan> UntilNextDueAsync(CancellationToken cancellationToken)
    {
        await using var db = Factory.CreateDbContext();
        var next = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.DueAt)
            .Select(m => (DateTimeOffset?)m.DueAt)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (next is null)
        {
            return Options.PollInterval;
        }

        var wait = next.Value - Time.GetUtcNow();
        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait < Options.PollInterval ? wait : Options.PollInterval;
    }

    private static IQueryable<OutboxMessage> Leased(DbContext db, Guid id, string owner) =>
        db.Set<OutboxMessage>().Where(m => m.Id == id && m.LeaseOwner == owner && m.Status == OutboxStatus.Pending);
}
