using System.Linq.Expressions;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Listing;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Persistence.Dialects;

/// <summary>Any other relational provider: plain EF Core, no upsert syntax (counters are read and written in the transaction).</summary>
internal sealed class PortableDialect : SqlDialect
{
    public static PortableDialect Instance { get; } = new();

    public override string Name => "portable";

    // No row values everywhere (SQL Server has none): the leading "<=" still bounds the index range, the OR settles ties.
    protected override Expression Before(Expression at, Expression id, Expression cursorAt, Expression cursorId) =>
        Expression.AndAlso(
            Expression.LessThanOrEqual(at, cursorAt),
            Expression.OrElse(
                Expression.LessThan(at, cursorAt),
                Expression.LessThan(Expression.Call(id, GuidCompareTo, cursorId), Expression.Constant(0))));

    private static readonly System.Reflection.MethodInfo GuidCompareTo = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;

    public override async Task<long> NextOrderNumberAsync(DbContext context, Guid networkId, int year, CancellationToken cancellationToken)
    {
        var counters = context.Set<OrderNumberCounter>();
        var counter = await counters.SingleOrDefaultAsync(c => c.NetworkId == networkId && c.Year == year, cancellationToken).ConfigureAwait(false);
        var next = (counter?.LastValue ?? 0) + 1;
        var entry = counter is null ? counters.Add(new OrderNumberCounter(networkId, year, next)) : context.Entry(counter);
        entry.Property(c => c.LastValue).CurrentValue = next;
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return next;
    }

    public override async Task ApplyStateCountDeltasAsync(DbContext context, Guid networkId, IReadOnlyList<StateCountDelta> deltas, CancellationToken cancellationToken)
    {
        var counts = context.Set<OrderStateCount>();
        foreach (var d in deltas)
        {
            var state = d.State.ToString();
            var row = await counts.SingleOrDefaultAsync(
                c => c.NetworkId == networkId && c.Role == d.Role && c.PartyId == d.PartyId && c.State == state, cancellationToken).ConfigureAwait(false);
            var entry = row is null ? counts.Add(new OrderStateCount(networkId, d.PartyId, d.Role, state, 0)) : context.Entry(row);
            entry.Property(c => c.Count).CurrentValue += d.Delta;
        }

        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
