using System.Data.Common;
using System.Runtime.CompilerServices;
using Expertennetzwerk.Module.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Persistence;

/// <summary>
/// Pulses the <see cref="OutboxSignal"/> of the context's service provider after a commit that wrote outbox rows:
/// after <c>SaveChanges</c> when no transaction is open, else when the transaction commits (a rollback pulses nothing).
/// Rows written with raw SQL, or through a context created outside dependency injection, are found by the poll.
/// </summary>
internal sealed class OutboxWakeUpInterceptor : SaveChangesInterceptor
{
    private static readonly object Marker = new();

    /// <summary>Contexts whose open transaction wrote outbox rows that are not committed yet.</summary>
    private static readonly ConditionalWeakTable<DbContext, object> PendingPulse = new();

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
        if (context is not null && PendingPulse.Remove(context))
        {
            Pulse(context);
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
        // scan SaveChanges runs anyway need not run twice.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries<OutboxMessage>())
            {
                if (entry.State == EntityState.Added)
                {
                    PendingPulse.AddOrUpdate(context, Marker);
                    return;
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
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

    private static void Pulse(DbContext context)
    {
        var services = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        services?.GetService<OutboxSignal>()?.Pulse();
    }
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
