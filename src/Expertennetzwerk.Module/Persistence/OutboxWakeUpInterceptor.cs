using System.Data.Common;
using System.Runtime.CompilerServices;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Persistence;

/// <summary>
/// Pulses the <see cref="OutboxSignal"/> of the context's service provider after a commit that wrote outbox rows, and
/// clears its <see cref="ActorVerifier"/> cache after a commit that changed a membership, party, network or user:
/// after <c>SaveChanges</c> when no transaction is open, else when the transaction commits (a rollback does nothing).
/// Outbox rows written with raw SQL, or through a context created outside dependency injection, are found by the poll;
/// actor rows changed that way take effect when the verifier's cache entries expire.
/// </summary>
internal sealed class OutboxWakeUpInterceptor : SaveChangesInterceptor
{
    /// <summary>Contexts whose open transaction wrote outbox or actor rows that are not committed yet.</summary>
    private static readonly ConditionalWeakTable<DbContext, Pending> PendingPulse = new();

    public static OutboxWakeUpInterceptor Instance { get; } = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Notice(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Notice(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PulseIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        PulseIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => ForgetIfNoTransaction(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetIfNoTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    internal static void Committed(DbContext? context)
    {
        if (context is not null && PendingPulse.TryGetValue(context, out var pending) && PendingPulse.Remove(context))
        {
            Pulse(context, pending);
        }
    }

    internal static void RolledBack(DbContext? context)
    {
        if (context is not null)
        {
            PendingPulse.Remove(context);
        }
    }

    private static void Notice(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Added entities are tracked as Added at once (an outbox row has no navigations to discover), so the change
        // scan SaveChanges runs anyway need not run twice; only the few tracked actor rows are scanned here.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        var outbox = false;
        var actorRows = false;
        try
        {
            foreach (var entry in tracker.Entries())
            {
                switch (entry.Entity)
                {
                    case OutboxMessage:
                        outbox |= entry.State == EntityState.Added;
                        break;
                    case PartyMembership or Party or ExpertNetwork or NetworkUser when !actorRows:
                        if (detect && entry.State == EntityState.Unchanged)
                        {
                            entry.DetectChanges();
                        }

                        actorRows = entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;
                        break;
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }

        if (outbox || actorRows)
        {
            // An earlier save in the same open transaction may have noted the other kind already.
            var earlier = PendingPulse.TryGetValue(context, out var noted) ? noted : new Pending(false, false);
            PendingPulse.AddOrUpdate(context, new Pending(outbox || earlier.Outbox, actorRows || earlier.ActorRows));
        }
    }

    private static void PulseIfCommitted(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Committed(context);
        }
    }

    private static void ForgetIfNoTransaction(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            RolledBack(context);
        }
    }

    private static void Pulse(DbContext context, Pending pending)
    {
        var services = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        if (pending.ActorRows)
        {
            services?.GetService<ActorVerifier>()?.Invalidate();
        }

        if (pending.Outbox)
        {
            services?.GetService<OutboxSignal>()?.Pulse();
        }
    }

    private sealed record Pending(bool Outbox, bool ActorRows);
}

/// <summary>The transaction half of <see cref="OutboxWakeUpInterceptor"/>: pulses on commit, forgets on rollback.</summary>
internal sealed class OutboxCommitInterceptor : DbTransactionInterceptor
{
    public static OutboxCommitInterceptor Instance { get; } = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        OutboxWakeUpInterceptor.Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        OutboxWakeUpInterceptor.Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        OutboxWakeUpInterceptor.RolledBack(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        OutboxWakeUpInterceptor.RolledBack(eventData.Context);
        return Task.CompletedTask;
    }
}
