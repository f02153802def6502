using System.Linq.Expressions;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Listing;
using Expertennetzwerk.Module.Outbox;
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

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due outbox rows for <paramref name="owner"/> until <paramref name="until"/>
    /// and returns their ids. A row is due when Pending and its DueAt has passed; claiming sets DueAt to the lease's end,
    /// so a row whose lease ran out is due again. Two callers never claim the same row. This portable form selects
    /// candidates, then takes each with an update conditioned on it still being due (one row per statement).
    /// </summary>
    public virtual async Task<IReadOnlyList<Guid>> ClaimOutboxAsync(
        DbContext context, string owner, DateTimeOffset now, DateTimeOffset until, int batchSize, CancellationToken cancellationToken)
    {
        var rows = context.Set<OutboxMessage>();
        var candidates = await rows.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.DueAt <= now)
            .OrderBy(m => m.DueAt)
            .Select(m => m.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var claimed = new List<Guid>(candidates.Count);
        foreach (var id in candidates)
        {
            var taken = await rows
                .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.DueAt <= now)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.LeaseOwner, owner).SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.DueAt, until),
                    cancellationToken)
                .ConfigureAwait(false);
            if (taken == 1)
            {
                claimed.Add(id);
            }
        }

        return claimed;
    }

    /// <summary>
    /// Marks a claimed row sent if <paramref name="owner"/> still holds its lease; returns the rows changed (0 or 1).
    /// Plain SQL on every provider: the per-row statement of the dispatcher, where EF's LINQ update costs several times
    /// the statement itself.
    /// </summary>
    public Task<int> MarkOutboxSentAsync(DbContext context, Guid id, string owner, DateTimeOffset now, int attempts, DateTimeOffset firstAttemptAt)
    {
        var n = StoreNames.For(context.Model);
        var sql =
            $"UPDATE {n.Outbox} SET {n.OutboxStatus} = {{0}}, {n.OutboxSentAt} = {{1}}, {n.OutboxAttempts} = {{2}}, {n.OutboxFirstAttemptAt} = {{3}}, " +
            $"{n.OutboxLastAttemptAt} = {{1}}, {n.OutboxLastError} = NULL, {n.OutboxLeaseOwner} = NULL, {n.OutboxLeaseUntil} = NULL " +
            $"WHERE {n.OutboxId} = {{4}} AND {n.OutboxLeaseOwner} = {{5}} AND {n.OutboxStatus} = {{6}}";
#pragma warning disable EF1002 // the interpolated parts are names from the model; values are parameters
        return context.Database.ExecuteSqlRawAsync(
            sql,
            [nameof(OutboxStatus.Sent), now.UtcTicks, attempts, firstAttemptAt.UtcTicks, id, owner, nameof(OutboxStatus.Pending)]);
#pragma warning restore EF1002
    }

    /// <summary>The claim as one <c>UPDATE … WHERE id IN (due rows) RETURNING id</c>; <paramref name="lockClause"/> ends the inner select.</summary>
    protected static async Task<IReadOnlyList<Guid>> ClaimOutboxWithReturningAsync(
        DbContext context, string owner, DateTimeOffset now, DateTimeOffset until, int batchSize, string lockClause, CancellationToken cancellationToken)
    {
        var n = StoreNames.For(context.Model);
        var sql =
            $"UPDATE {n.Outbox} SET {n.OutboxLeaseOwner} = {{0}}, {n.OutboxLeaseUntil} = {{1}}, {n.OutboxDueAt} = {{1}} " +
            $"WHERE {n.OutboxId} IN (SELECT {n.OutboxId} FROM {n.Outbox} WHERE {n.OutboxStatus} = {{2}} AND {n.OutboxDueAt} <= {{3}} " +
            $"ORDER BY {n.OutboxDueAt} LIMIT {{4}}{lockClause}) RETURNING {n.OutboxId} AS \"Value\"";
#pragma warning disable EF1002 // the interpolated parts are names from the model; values are parameters
        return await context.Database
            .SqlQueryRaw<Guid>(sql, owner, until.UtcTicks, nameof(OutboxStatus.Pending), now.UtcTicks, batchSize)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
#pragma warning restore EF1002
    }

    /// <summary>
    /// Restricts <paramref name="rows"/> to those after <paramref name="position"/> in a list ordered by
    /// (<paramref name="at"/> desc, <paramref name="id"/> desc): the keyset condition of every paged list.
    /// </summary>
    public IQueryable<T> WhereBefore<T>(IQueryable<T> rows, Expression<Func<T, DateTimeOffset>> at, Expression<Func<T, Guid>> id, KeysetPosition position)
    {
        var row = at.Parameters[0];
        var rowId = new ParameterSwap(id.Parameters[0], row).Visit(id.Body);

        // Member accesses on a closure object: EF binds them as parameters, so one cached query serves every page.
        var cursor = Expression.Constant(new CursorValues(position.At, position.Id, 0));
        var before = Before(
            at.Body, rowId, Expression.Field(cursor, nameof(CursorValues.CursorAt)), Expression.Field(cursor, nameof(CursorValues.CursorId)));
        return rows.Where(Expression.Lambda<Func<T, bool>>(before, row));
    }

    /// <summary>Restricts <paramref name="rows"/> to those after <paramref name="position"/> in a list ordered by a unique <paramref name="sequence"/> desc.</summary>
    public IQueryable<T> WhereBefore<T>(IQueryable<T> rows, Expression<Func<T, int>> sequence, KeysetSequence position)
    {
        var cursor = Expression.Constant(new CursorValues(default, default, position.Sequence));
        var before = Expression.LessThan(sequence.Body, Expression.Field(cursor, nameof(CursorValues.CursorSequence)));
        return rows.Where(Expression.Lambda<Func<T, bool>>(before, sequence.Parameters[0]));
    }

    /// <summary>
    /// <c>(at, id) &lt; (cursorAt, cursorId)</c>: a row-value comparison (SQLite, PostgreSQL), one index range where
    /// EF's own expansion into an OR form is not one on PostgreSQL.
    /// </summary>
    protected virtual Expression Before(Expression at, Expression id, Expression cursorAt, Expression cursorId) =>
        Expression.Call(KeysetFunctions.RowLessThanMethod, at, id, cursorAt, cursorId);

    /// <summary>
    /// Restricts <paramref name="orders"/> (every other filter of the page applied) to those whose number or customer
    /// name contains <paramref name="term"/>. A dialect may first look at how many rows match to choose its plan;
    /// <paramref name="pageRows"/> is how many rows the page reads. Every plan returns the same rows.
    /// </summary>
    public virtual Task<IQueryable<ExpertOrder>> WhereTextMatchesAsync(
        DbContext context, IQueryable<ExpertOrder> orders, string term, int pageRows, CancellationToken cancellationToken) =>
        Task.FromResult(WhereSearchTextLike(orders, term));

    /// <summary>
    /// The search within the page's own index range, newest first, each row's text checked (<c>instr</c>/<c>strpos</c>,
    /// no text index): it stops after the page's rows, so it is fast when the term is frequent in the range.
    /// </summary>
    protected static IQueryable<ExpertOrder> WhereSearchTextContains(IQueryable<ExpertOrder> orders, string term)
    {
        var lower = term.ToLowerInvariant();
        // IndexOf, not Contains: Npgsql turns Contains into a LIKE, which the trigram index would serve again.
        return orders.Where(o => o.SearchText.IndexOf(lower) >= 0);
    }

    /// <summary>The portable search: LIKE over the lower-case search column (a trigram index serves it on PostgreSQL).</summary>
    protected static IQueryable<ExpertOrder> WhereSearchTextLike(IQueryable<ExpertOrder> orders, string term)
    {
        var pattern = "%" + EscapeLike(term.ToLowerInvariant()) + "%";
        return orders.Where(o => EF.Functions.Like(o.SearchText, pattern, "\\"));
    }

    private sealed class CursorValues(DateTimeOffset at, Guid id, int sequence)
    {
#pragma warning disable SA1401, CA1051 // fields: EF names the bound parameters after them
        public readonly DateTimeOffset CursorAt = at;
        public readonly Guid CursorId = id;
        public readonly int CursorSequence = sequence;
#pragma warning restore SA1401, CA1051
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
