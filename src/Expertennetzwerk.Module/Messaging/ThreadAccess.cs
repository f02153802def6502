using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;

namespace Expertennetzwerk.Module.Messaging;

/// <summary>
/// Who takes part in an order's thread: the owning broker party and the assigned expert party, from Placed on (a draft
/// is never seen by the expert, so it has no thread). The operator reads with a recorded purpose but never writes;
/// anyone who cannot see the order gets NotFound. Texts and attachments are personal data
/// (<see cref="PersonalDataAccess"/>): once a consent withdrawal blocked the order's data, the thread is closed to the
/// expert (reading answers Refused <c>order.data_processing_blocked</c>; marking read still works, it reveals nothing)
/// and nobody may send on it any more (a message would reach the expert); the broker keeps reading it, the operator
/// with a purpose.
/// </summary>
internal static class ThreadAccess
{
    /// <summary>
    /// Null when the actor may send on the order (and <paramref name="recipientPartyId"/> is the other side); else the
    /// failure. With <paramref name="sending"/> false (marking read, which reveals nothing) the block does not count, so the
    /// expert can still clear its unread count of a blocked order.
    /// </summary>
    public static Result? CheckSender(ExpertOrder? order, Actor actor, out Guid recipientPartyId, bool sending = true)
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

        // A message on a blocked order would carry personal data to the expert (or come from one who cannot read the answer).
        if (sending && !PersonalDataAccess.Allows(OrderRole.AssignedExpert, order))
        {
            return Result.Refused(Orders.Workflow.OrderRefusals.DataProcessingBlocked);
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

        if (order!.AssignedExpertPartyId is null)
        {
            return Result.Refused(MessageRefusals.ThreadNotOpen);
        }

        // The operator's purpose is checked (and historised) by the caller.
        return role != OrderRole.Operator && !PersonalDataAccess.Allows(role, order)
            ? Result.Refused(Orders.Workflow.OrderRefusals.DataProcessingBlocked)
            : null;
    }
}
