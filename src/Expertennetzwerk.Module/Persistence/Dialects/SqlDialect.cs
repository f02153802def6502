using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Listing;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Persistence.Dialects;

/// <summary>
/// The little provider-specific SQL of the module, chosen by the provider's name, with a portable fallback written in
/// plain EF Core for any other relational provider.
/// </summary>
internal abstract class SqlDialect
{
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    public const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static SqlDialect For(DbContext context) => context.Database.ProviderName switch
    {
        SqliteProvider => SqliteDialect.Instance,
        PostgresProvider => PostgresDialect.Instance,
        _ => PortableDialect.Instance,
    };

    public abstract string Name { get; }

    /// <summary>Hands out the next order number of a network and year; must run inside the command's transaction.</summary>
    public virtual async Task<long> NextOrderNumberAsync(DbContext context, Guid networkId, int year, CancellationToken cancellationToken)
    {
        var n = StoreNames.For(context.Model);
        var sql =
            $"INSERT INTO {n.Counter} ({n.CounterNetworkId}, {n.CounterYear}, {n.CounterLastValue}) VALUES ({{0}}, {{1}}, 1) " +
            $"ON CONFLICT ({n.CounterNetworkId}, {n.CounterYear}) DO UPDATE SET {n.CounterLastValue} = {n.Counter}.{n.CounterLastValue} + 1";
        await context.Database.ExecuteSqlRawAsync(sql, [networkId, year], cancellationToken).ConfigureAwait(false);
        return await context.Set<OrderNumberCounter>()
            .Where(c => c.NetworkId == networkId && c.Year == year)
            .Select(c => c.LastValue)
            .SingleAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Adds the deltas to the per-state counters in one statement; must run inside the command's transaction.</summary>
    public virtual Task ApplyStateCountDeltasAsync(DbContext context, Guid networkId, IReadOnlyList<StateCountDelta> deltas, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0)
        {
            return Task.CompletedTask;
        }

        var n = StoreNames.For(context.Model);
        var values = new List<string>(deltas.Count);
        var parameters = new List<object>(deltas.Count * 5);
        // One global order of counter rows for every command: opposite transitions of one party's orders then queue on
        // the row locks instead of deadlocking (PostgreSQL takes them in VALUES order).
        foreach (var d in deltas.OrderBy(d => d.Role).ThenBy(d => d.PartyId).ThenBy(d => d.State))
        {
            var i = parameters.Count;
            values.Add($"({{{i}}}, {{{i + 1}}}, {{{i + 2}}}, {{{i + 3}}}, {{{i + 4}}})");
            parameters.AddRange([networkId, d.Role.ToString(), d.PartyId, d.State.ToString(), (long)d.Delta]);
        }

        var sql =
            $"INSERT INTO {n.Counts} ({n.CountsNetworkId}, {n.CountsRole}, {n.CountsPartyId}, {n.CountsState}, {n.CountsCount}) " +
            $"VALUES {string.Join(", ", values)} " +
            $"ON CONFLICT ({n.CountsNetworkId}, {n.CountsRole}, {n.CountsPartyId}, {n.CountsState}) " +
            $"DO UPDATE SET {n.CountsCount} = {n.Counts}.{n.CountsCount} + excluded.{n.CountsCount}";
        return context.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }

    /// <summary>Restricts <paramref name="orders"/> to those after a keyset position in the order (UpdatedAt desc, Id desc).</summary>
    public virtual IQueryable<ExpertOrder> WhereBefore(IQueryable<ExpertOrder> orders, DateTimeOffset updatedAt, Guid id) =>
        orders.Where(o => KeysetFunctions.RowLessThan(o.UpdatedAt, o.Id, updatedAt, id));

    /// <summary>Restricts <paramref name="orders"/> to those whose number or customer name contains <paramref name="term"/>.</summary>
    public virtual IQueryable<ExpertOrder> WhereTextMatches(DbContext context, IQueryable<ExpertOrder> orders, string term) =>
        WhereSearchTextLike(orders, term);

    /// <summary>The portable search: LIKE over the lower-case search column (a trigram index serves it on PostgreSQL).</summary>
    protected static IQueryable<ExpertOrder> WhereSearchTextLike(IQueryable<ExpertOrder> orders, string term)
    {
        var pattern = "%" + EscapeLike(term.ToLowerInvariant()) + "%";
        return orders.Where(o => EF.Functions.Like(o.SearchText, pattern, "\\"));
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
