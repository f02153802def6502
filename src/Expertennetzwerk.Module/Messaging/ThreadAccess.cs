using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;

namespace Expertennetzwerk.Module.Messaging;

/// <summary>
/// Who takes part in an order's thread: the owning broker party and the assigned expert party, from Placed on (a draft
/// is never seen by the expert, so it has no thread). The operator reads with a recorded purpose but never writes;
/// anyone who cannot see the order gets NotFound.
/// </summary>
internal static class ThreadAccess
{
    /// <summary>Null when the actor may send on the order (and <paramref name="recipientPartyId"/> is the other side); else the failure.</summary>
    public static Result? CheckSender(ExpertOrder? order, Actor actor, out Guid recipientPartyId)
    {
        recipientPartyId = Guid.Empty;
        var role = order is null ? OrderRole.None : OrderAccess.RoleOf(order, actor);
        switch (role)
        {
            case OrderRole.None:
                return Result.NotFound();
            case OrderRole.Operator:
                return Result.Refused(MessageRefusals.OperatorCannotSend);
            case OrderRole.OwningBroker or OrderRole.AssignedExpert:
                break;
            default:
                return Result.Refused(MessageRefusals.NotAParticipant);
        }

        if (order!.AssignedExpertPartyId is not { } expert)
        {
            return Result.Refused(MessageRefusals.ThreadNotOpen);
        }

        recipientPartyId = role == OrderRole.OwningBroker ? expert : order.BrokerPartyId;
        return null;
    }

    /// <summary>Null when the actor may read the thread (the operator still needs a purpose); else the failure.</summary>
    public static Result? CheckReader(ExpertOrder? order, Actor actor, out OrderRole role)
    {
        role = order is null ? OrderRole.None : OrderAccess.RoleOf(order, actor);
        if (role == OrderRole.None)
        {
            return Result.NotFound();
        }

        if (role is not (OrderRole.OwningBroker or OrderRole.AssignedExpert or OrderRole.Operator))
        {
            return Result.Refused(MessageRefusals.NotAParticipant);
        }

        return order!.AssignedExpertPartyId is null ? Result.Refused(MessageRefusals.ThreadNotOpen) : null;
    }
}
