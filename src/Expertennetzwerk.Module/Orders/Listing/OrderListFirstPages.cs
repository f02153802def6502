using Expertennetzwerk.Module.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Expertennetzwerk.Module.Orders.Listing;

/// <summary>
/// The first page of the lists people open most — a broker's or an expert's orders, unfiltered, in one state or in the
/// open (or closed) group — as compiled queries: they skip EF Core's per-call query-cache lookup and parameter
/// extraction, the larger part of a sub-millisecond page. Every other shape (a cursor, a text, any other filter) takes the
/// general query; both return the same rows in the same order.
/// </summary>
/// <remarks>
/// A compiled query is bound to the model it first ran with (EF Core refuses another), and one process may hold several
/// models (a host with two databases, the tests' SQLite and PostgreSQL hosts): so one set per model.
/// </remarks>
internal sealed class OrderListFirstPages
{
    private static readonly ConditionalWeakTable<IModel, OrderListFirstPages> PerModel = [];

    private readonly Func<DbContext, Guid, Guid, int, IAsyncEnumerable<OrderListRow>> _broker = EF.CompileAsyncQuery(
        (DbContext db, Guid network, Guid party, int take) => db.Set<ExpertOrder>().AsNoTracking()
            .Where(o => o.NetworkId == network && o.BrokerPartyId == party)
            .OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id).Take(take)
            .Select(OrderListRow.WithPersonalData));

    private readonly Func<DbContext, Guid, Guid, OrderState, int, IAsyncEnumerable<OrderListRow>> _brokerState = EF.CompileAsyncQuery(
        (DbContext db, Guid network, Guid party, OrderState state, int take) => db.Set<ExpertOrder>().AsNoTracking()
            .Where(o => o.NetworkId == network && o.BrokerPartyId == party && o.State == state)
            .OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id).Take(take)
            .Select(OrderListRow.WithPersonalData));

    private readonly Func<DbContext, Guid, Guid, bool, int, IAsyncEnumerable<OrderListRow>> _brokerGroup = EF.CompileAsyncQuery(
        (DbContext db, Guid network, Guid party, bool open, int take) => db.Set<ExpertOrder>().AsNoTracking()
            .Where(o => o.NetworkId == network && o.BrokerPartyId == party && o.IsOpen == open)
            .OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id).Take(take)
            .Select(OrderListRow.WithPersonalData));

    private readonly Func<DbContext, Guid, Guid, int, IAsyncEnumerable<OrderListRow>> _expert = EF.CompileAsyncQuery(
        (DbContext db, Guid network, Guid party, int take) => db.Set<ExpertOrder>().AsNoTracking()
            .Where(o => o.NetworkId == network && o.AssignedExpertPartyId == party)
            .OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id).Take(take)
            .Select(OrderListRow.WithPersonalData));

    private readonly Func<DbContext, Guid, Guid, OrderState, int, IAsyncEnumerable<OrderListRow>> _expertState = EF.CompileAsyncQuery(
        (DbContext db, Guid network, Guid party, OrderState state, int take) => db.Set<ExpertOrder>().AsNoTracking()
            .Where(o => o.NetworkId == network && o.AssignedExpertPartyId == party && o.State == state)
            .OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id).Take(take)
            .Select(OrderListRow.WithPersonalData));

    private readonly Func<DbContext, Guid, Guid, bool, int, IAsyncEnumerable<OrderListRow>> _expertGroup = EF.CompileAsyncQuery(
        (DbContext db, Guid network, Guid party, bool open, int take) => db.Set<ExpertOrder>().AsNoTracking()
            .Where(o => o.NetworkId == network && o.AssignedExpertPartyId == party && o.IsOpen == open)
            .OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id).Take(take)
            .Select(OrderListRow.WithPersonalData));

    /// <summary>The compiled first pages for the model of <paramref name="db"/>.</summary>
    public static OrderListFirstPages For(DbContext db) => PerModel.GetValue(db.Model, _ => new OrderListFirstPages());

    /// <summary>
    /// Reads the first <paramref name="take"/> rows of the actor's orders in <paramref name="states"/>; null when the actor
    /// or the states are not a shape compiled here (the caller then takes the general query).
    /// </summary>
    public async Task<List<OrderListRow>?> TryReadAsync(DbContext db, Actor actor, StateFilter states, int take, CancellationToken cancellationToken)
    {
        var rows = (actor.PartyKind, states.Kind) switch
        {
            (PartyKind.Broker, StateFilterKind.None) => _broker(db, actor.NetworkId, actor.PartyId, take),
            (PartyKind.Broker, StateFilterKind.One) => _brokerState(db, actor.NetworkId, actor.PartyId, states.State, take),
            (PartyKind.Broker, StateFilterKind.Group) => _brokerGroup(db, actor.NetworkId, actor.PartyId, states.Open, take),
            (PartyKind.Expert, StateFilterKind.None) => _expert(db, actor.NetworkId, actor.PartyId, take),
            (PartyKind.Expert, StateFilterKind.One) => _expertState(db, actor.NetworkId, actor.PartyId, states.State, take),
            (PartyKind.Expert, StateFilterKind.Group) => _expertGroup(db, actor.NetworkId, actor.PartyId, states.Open, take),
            _ => null,
        };
        if (rows is null)
        {
            return null;
        }

        var list = new List<OrderListRow>(take);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(row);
        }

        return list;
    }
}
