using System.Collections.Concurrent;
using Expertennetzwerk.Module.Orders;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Persistence.Dialects;

/// <summary>SQLite: upserts with ON CONFLICT; search through an FTS5 trigram table when the host created it.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    private static readonly ConcurrentDictionary<string, bool> SearchTableExists = new(StringComparer.Ordinal);

    public static SqliteDialect Instance { get; } = new();

    public override string Name => "sqlite";

    // One writer at a time: the single UPDATE … RETURNING is atomic, no lock clause needed (SQLite 3.35+).
    public override Task<IReadOnlyList<Guid>> ClaimOutboxAsync(
        DbContext context, string owner, DateTimeOffset now, DateTimeOffset until, int batchSize, CancellationToken cancellationToken) =>
        ClaimOutboxWithReturningAsync(context, owner, now, until, batchSize, string.Empty, cancellationToken);

    public override IQueryable<ExpertOrder> WhereTextMatches(DbContext context, IQueryable<ExpertOrder> orders, string term)
    {
        // The trigram tokenizer needs at least three characters; shorter terms use LIKE.
        if (term.Length < 3 || !HasSearchTable(context))
        {
            return WhereSearchTextLike(orders, term);
        }

        var n = StoreNames.For(context.Model);
        var phrase = "\"" + term.ToLowerInvariant().Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        // The interpolated part is the FTS table's name from the model; the search phrase is a parameter.
#pragma warning disable EF1002
        var matches = context.Database.SqlQueryRaw<Guid>(
            $"SELECT order_id AS \"Value\" FROM {StoreNames.Quote(n.SearchTableName)} WHERE {StoreNames.Quote(n.SearchTableName)} MATCH {{0}}",
            phrase);
#pragma warning restore EF1002
        return orders.Where(o => matches.Contains(o.Id));
    }

    private static bool HasSearchTable(DbContext context)
    {
        var key = context.Database.GetConnectionString() ?? string.Empty;
        if (SearchTableExists.TryGetValue(key, out var exists) && exists)
        {
            return true;
        }

        var n = StoreNames.For(context.Model);
        exists = context.Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}", n.SearchTableName)
            .AsEnumerable()
            .First() > 0;

        // Only a positive answer is cached: a host may create the table by a later migration. In-memory databases are
        // never cached: each is its own database behind the same connection string.
        if (exists && !IsInMemory(key))
        {
            SearchTableExists[key] = true;
        }

        return exists;
    }

    private static bool IsInMemory(string connectionString) =>
        connectionString.Contains(":memory:", StringComparison.OrdinalIgnoreCase)
        || connectionString.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("mode=memory", StringComparison.OrdinalIgnoreCase);
}
