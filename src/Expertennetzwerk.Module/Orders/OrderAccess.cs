using Expertennetzwerk.Module.Common;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Orders;

/// <summary>Who may see an order, and in which role (docs/design.md, "Actors and what they see").</summary>
internal static class OrderAccess
{
    /// <summary>
    /// Loads the order in the actor's network with the actor's role on it: (null, None) for an unknown or foreign id,
    /// (order, None) for one the actor must not see. <paramref name="provenRole"/> is given only by a caller that has
    /// proven it (a data subject's token). Tracked unless <paramref name="tracking"/> is false.
    /// </summary>
    public static async Task<(ExpertOrder? Order, OrderRole Role)> FindAsync(
        DbContext db, Actor actor, Guid orderId, CancellationToken cancellationToken, bool tracking = true, OrderRole? provenRole = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var orders = tracking ? db.Set<ExpertOrder>().AsTracking() : db.Set<ExpertOrder>().AsNoTracking();
        var order = await orders.SingleOrDefaultAsync(o => o.Id == orderId && o.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false);
        return (order, order is null ? OrderRole.None : provenRole ?? RoleOf(order, actor));
    }

    /// <summary>
    /// The actor's role on the order, or <see cref="OrderRole.None"/> when the actor must not see it: the owning broker
    /// party sees its orders; the assigned expert party sees them from Placed on (never drafts); the operator and the
    /// system see every order of their network.
    /// </summary>
    public static OrderRole RoleOf(ExpertOrder order, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(actor);
        if (order.NetworkId != actor.NetworkId)
        {
            return OrderRole.None;
        }

        return actor.PartyKind switch
        {
            PartyKind.Broker when order.BrokerPartyId == actor.PartyId => OrderRole.OwningBroker,
            PartyKind.Expert when order.AssignedExpertPartyId == actor.PartyId => OrderRole.AssignedExpert,
            PartyKind.Operator => OrderRole.Operator,
            PartyKind.System => OrderRole.System,
            _ => OrderRole.None,
        };
    }
}
