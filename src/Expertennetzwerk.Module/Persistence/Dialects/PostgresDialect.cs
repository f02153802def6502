namespace Expertennetzwerk.Module.Persistence.Dialects;

/// <summary>PostgreSQL: upserts with ON CONFLICT; outbox claims with FOR UPDATE SKIP LOCKED; search by LIKE over a pg_trgm GIN index when the extension exists.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override string Name => "postgresql";

    // SKIP LOCKED: a second instance passes over the rows the first is claiming instead of waiting for them (and then
    // finding them no longer due), so two instances never claim the same row and never block each other.
    public override Task<IReadOnlyList<Guid>> ClaimOutboxAsync(
        Microsoft.EntityFrameworkCore.DbContext context, string owner, DateTimeOffset now, DateTimeOffset until, int batchSize, CancellationToken cancellationToken) =>
        ClaimOutboxWithReturningAsync(context, owner, now, until, batchSize, " FOR UPDATE SKIP LOCKED", cancellationToken);
}
