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

    /// <summary>Above this many hits in the network a term counts as frequent.</summary>
    internal const int SearchFrequentHits = 2000;

    // Hit-count adaptive. The FTS table yields its hits (the MATCH works on trigram doclists), but each hit's order id
    // is one lookup in the FTS content table, so the cost of going through the index grows with the hits in the whole
    // network. Counting them (capped) reads the doclists only. Few hits: the hits drive the join, each one order
    // looked up by its key (CROSS JOIN fixes that order in SQLite). Many hits: the page's own index range, newest
    // first, each row's text checked, stops after the page's rows.
    public override async Task<IQueryable<ExpertOrder>> WhereTextMatchesAsync(
        DbContext context, IQueryable<ExpertOrder> orders, string term, int pageRows, CancellationToken cancellationToken)
    {
        // The trigram tokenizer needs at least three characters; shorter terms use LIKE.
        if (term.Length < 3 || !HasSearchTable(context))
        {
            return WhereSearchTextLike(orders, term);
        }

        var fts = StoreNames.Quote(StoreNames.For(context.Model).SearchTableName);
        var phrase = "\"" + term.ToLowerInvariant().Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        // The interpolated part is the FTS table's name from the model; the search phrase is a parameter.
#pragma warning disable EF1002
        var hits = (await context.Database.SqlQueryRaw<int>(
                $"SELECT count(*) AS \"Value\" FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH {{0}} LIMIT {{1}})", phrase, SearchFrequentHits + 1)
            .ToListAsync(cancellationToken).ConfigureAwait(false))[0];
        if (hits > SearchFrequentHits)
        {
            return WhereSearchTextContains(orders, term);
        }

        var matches = context.Database.SqlQueryRaw<Guid>($"SELECT order_id AS \"Value\" FROM {fts} WHERE {fts} MATCH {{0}}", phrase);
#pragma warning restore EF1002
        return from id in matches
               from o in orders
               where o.Id == id
               select o;
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
