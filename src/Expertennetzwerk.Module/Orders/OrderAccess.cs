using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Orders;

/// <summary>Who may see an order, and in which role (docs/design.md, "Actors and what they see").</summary>
internal static class OrderAccess
{
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
