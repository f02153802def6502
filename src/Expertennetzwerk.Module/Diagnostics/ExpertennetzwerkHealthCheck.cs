using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Expertennetzwerk.Module.Diagnostics;

/// <summary>
/// The module's health: Unhealthy when its database cannot be reached, the host's context has migrations not yet
/// applied or the module's tables are missing; Degraded when more outbox rows wait than
/// <see cref="ExpertennetzwerkHealthCheckOptions.OutboxBacklogThreshold"/> or more are dead-lettered than
/// <see cref="ExpertennetzwerkHealthCheckOptions.DeadLetterThreshold"/>; else Healthy. Counts stop one past the
/// threshold, so a large backlog costs no full count.
/// </summary>
internal sealed class ExpertennetzwerkHealthCheck(IModuleDbContextFactory factory, ExpertennetzwerkHealthCheckOptions options) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var db = factory.CreateDbContext();
        bool reachable;
        try
        {
            reachable = await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The module's database cannot be reached.", ex);
        }

        if (!reachable)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The module's database cannot be reached.");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (pending.Count > 0)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                $"The database lacks {pending.Count} migration(s) of {factory.ContextType.Name}; apply them.",
                data: new Dictionary<string, object> { ["pendingMigrations"] = pending.Count });
        }

        int backlog, deadLetters;
        try
        {
            // One statement per module table family the module cannot work without; their absence is a schema never created.
            _ = await db.Set<ExpertNetwork>().AsNoTracking().AnyAsync(cancellationToken).ConfigureAwait(false);
            backlog = await CountAsync(db, OutboxStatus.Pending, options.OutboxBacklogThreshold, cancellationToken).ConfigureAwait(false);
            deadLetters = await CountAsync(db, OutboxStatus.DeadLettered, options.DeadLetterThreshold, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The module's tables cannot be read; is the schema created?", ex);
        }

        var data = new Dictionary<string, object> { ["outboxBacklog"] = backlog, ["deadLetters"] = deadLetters };
        var problems = new List<string>(2);
        if (backlog > options.OutboxBacklogThreshold)
        {
            problems.Add($"more than {options.OutboxBacklogThreshold} outbox rows wait for delivery");
        }

        if (deadLetters > options.DeadLetterThreshold)
        {
            problems.Add($"more than {options.DeadLetterThreshold} outbox rows are dead letters (the operator re-queues them)");
        }

        return problems.Count > 0
            ? HealthCheckResult.Degraded(string.Join("; ", problems) + ".", data: data)
            : HealthCheckResult.Healthy("The module's database is reachable and migrated; the outbox flows.", data);
    }

    private static Task<int> CountAsync(DbContext db, OutboxStatus status, int threshold, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == status)
            .Select(m => m.Id)
            .Take(threshold == int.MaxValue ? threshold : threshold + 1)
            .CountAsync(cancellationToken);
}
