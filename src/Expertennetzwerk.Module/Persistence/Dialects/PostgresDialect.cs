using Expertennetzwerk.Module.Orders;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Persistence.Dialects;

/// <summary>PostgreSQL: upserts with ON CONFLICT; outbox claims with FOR UPDATE SKIP LOCKED; search by LIKE over a pg_trgm GIN index when the extension exists.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override string Name => "postgresql";

    /// <summary>How many of the newest rows of the page's range the search probes before it uses the trigram index.</summary>
    internal const int SearchProbeRows = 2000;

    // Hit-count adaptive: the planner cannot know whether the term is frequent, and picks the trigram index for it even
    // when the actor's own range would fill the page after a few hundred rows (a bitmap of every hit in the network,
    // 25,000 for a common surname). So probe the newest rows of the range first: if the page's rows are among them,
    // the range walk (text checked per row, no index) stops just as early; else the term is rare here and the
    // trigram index's hits are few.
    public override async Task<IQueryable<ExpertOrder>> WhereTextMatchesAsync(
        DbContext context, IQueryable<ExpertOrder> orders, string term, int pageRows, CancellationToken cancellationToken)
    {
        var inRange = WhereSearchTextContains(
            orders.OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id).Take(SearchProbeRows), term);
        var found = await inRange.Take(pageRows).CountAsync(cancellationToken).ConfigureAwait(false);
        return found >= pageRows ? WhereSearchTextContains(orders, term) : WhereSearchTextLike(orders, term);
    }

    // SKIP LOCKED: a second instance passes over the rows the first is claiming instead of waiting for them (and then
    // finding them no longer due), so two instances never claim the same row and never block each other.
    public override Task<IReadOnlyList<Guid>> ClaimOutboxAsync(
        DbContext context, string owner, DateTimeOffset now, DateTimeOffset until, int batchSize, CancellationToken cancellationToken) =>
        ClaimOutboxWithReturningAsync(context, owner, now, until, batchSize, " FOR UPDATE SKIP LOCKED", cancellationToken);
}
