using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Orders;

/// <summary>
/// Optimistic concurrency on an order, in one place: a save that lost a race answers Conflict instead of throwing, and
/// a command nobody should see lose a race (a message, a data subject's link) is tried again a bounded number of times.
/// </summary>
internal static class OrderConcurrency
{
    /// <summary>
    /// How often a retried command runs at most (the first try included). Each lost try means another command of the
    /// same order committed in its window, so the limit only bites under a burst of at least this many writers.
    /// </summary>
    public const int MaxAttempts = 5;

    /// <summary>
    /// Saves <paramref name="db"/>; true when saved, false when the order changed concurrently (a Conflict): its row no
    /// longer has the loaded version and history count, the concurrency token tripped, or a unique key (e.g. the history sequence) tripped and the order's version or history
    /// count is no longer what was loaded. Any other failure is a fault of the system and is thrown.
    /// </summary>
    /// <param name="db">The unit of work's context (left as it is; the check reads through a context of its own).</param>
    /// <param name="factory">Creates the context that reads the order's current version and history count.</param>
    /// <param name="orderId">The order.</param>
    /// <param name="loadedVersion">The order's version as loaded, before this unit of work changed it.</param>
    /// <param name="loadedHistoryCount">The order's history count as loaded, before this unit of work appended to it.</param>
    /// <param name="logger">Where a lost race is logged (debug), or null.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    public static async Task<bool> SaveOrConflictAsync(
        DbContext db, IModuleDbContextFactory factory, Guid orderId, long loadedVersion, int loadedHistoryCount, ILogger? logger, CancellationToken cancellationToken)
    {
        // The order's row first: a lost race then shows as no row matched, not as the history's unique key failing inside
        // SaveChanges, which EF Core logs at Error level (two log entries for every ordinary 409). The check and the save
        // share one transaction (the caller's, or one of its own), so the row lock is taken before anything else of the
        // order by every writer: a writer that inserted the next history entry first and then waited for the row would
        // otherwise deadlock with one that holds the row and waits for that entry (PostgreSQL). The concurrency token
        // and the unique key stay as the safety net.
        var own = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        await using (own)
        {
            var claimed = await db.Set<ExpertOrder>()
                .Where(o => o.Id == orderId && o.Version == loadedVersion && o.HistoryCount == loadedHistoryCount)
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.Version, o => o.Version), cancellationToken).ConfigureAwait(false);
            if (claimed == 0)
            {
                if (logger is not null)
                {
                    OrderLog.SavedConcurrently(logger, orderId, "VersionMoved");
                }

                return false;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                return false;
            }
            catch (DbUpdateException ex)
            {
                if (!await MovedAsync(factory, orderId, loadedVersion, loadedHistoryCount, cancellationToken).ConfigureAwait(false))
                {
                    throw; // not a race: a fault of the system
                }

                if (logger is not null)
                {
                    OrderLog.SavedConcurrently(logger, orderId, ex.GetType().Name);
                }

                return false;
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> (given its 1-based number) until it answers anything but Conflict, at most
    /// <see cref="MaxAttempts"/> times; then its last answer (Conflict) stands. Each attempt must be a whole unit of
    /// work of its own (a fresh context that reads the order again).
    /// </summary>
    public static async Task<TResult> RetryOnConflictAsync<TResult>(Func<int, Task<TResult>> attempt)
        where TResult : Result
    {
        ArgumentNullException.ThrowIfNull(attempt);
        for (var number = 1; ; number++)
        {
            var result = await attempt(number).ConfigureAwait(false);
            if (result.Status != ResultStatus.Conflict || number >= MaxAttempts)
            {
                return result;
            }
        }
    }

    private static async Task<bool> MovedAsync(IModuleDbContextFactory factory, Guid orderId, long loadedVersion, int loadedHistoryCount, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var current = await db.Set<ExpertOrder>().AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.Version, o.HistoryCount })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return current is null || current.Version != loadedVersion || current.HistoryCount != loadedHistoryCount;
    }
}
