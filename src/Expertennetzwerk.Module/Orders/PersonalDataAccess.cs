namespace Expertennetzwerk.Module.Orders;

/// <summary>
/// The one rule deciding whether an actor in a role may see the personal data of an order's data subjects: the customer
/// snapshot (name, birth date, …), the customer reference, the form data, the order description, the message thread's
/// texts and attachments, documentation and files. Every read path asks here, so a new path (e.g. an access-checked
/// file read) gets the same answer:
/// <list type="bullet">
/// <item>the owning broker always (it is the controller and keeps the data);</item>
/// <item>the assigned expert only while the order's data processing is not blocked — a consent withdrawal on a placed
/// order blocks it for good (<see cref="ExpertOrder.DataProcessingBlocked"/>), and from then on the expert gets no
/// personal datum of the order in any read;</item>
/// <item>the operator only with a recorded (historised) purpose;</item>
/// <item>nobody else.</item>
/// </list>
/// </summary>
internal static class PersonalDataAccess
{
    /// <summary>True when <paramref name="role"/> may see the personal data of <paramref name="order"/>.</summary>
    public static bool Allows(OrderRole role, ExpertOrder order, bool operatorPurposeRecorded = false)
    {
        ArgumentNullException.ThrowIfNull(order);
        return Allows(role, order.DataProcessingBlocked, operatorPurposeRecorded);
    }

    /// <summary>
    /// True when <paramref name="role"/> may see the personal data of an order whose data processing is
    /// <paramref name="dataProcessingBlocked"/> (for reads that project many orders).
    /// </summary>
    public static bool Allows(OrderRole role, bool dataProcessingBlocked, bool operatorPurposeRecorded = false) => role switch
    {
        OrderRole.OwningBroker => true,
        OrderRole.AssignedExpert => !dataProcessingBlocked,
        OrderRole.Operator => operatorPurposeRecorded,
        _ => false,
    };

    /// <summary>True when the block after a withdrawal hides the data from <paramref name="role"/> (reads filter on it).</summary>
    public static bool HidesBlocked(OrderRole role) => Allows(role, dataProcessingBlocked: false) && !Allows(role, dataProcessingBlocked: true);

    /// <summary>
    /// The role an actor of <paramref name="kind"/> has on every order of its own list (the list shows a broker party
    /// the orders it owns and an expert party the orders assigned to it).
    /// </summary>
    public static OrderRole ListRole(Common.PartyKind kind) => kind switch
    {
        Common.PartyKind.Broker => OrderRole.OwningBroker,
        Common.PartyKind.Expert => OrderRole.AssignedExpert,
        Common.PartyKind.Operator => OrderRole.Operator,
        Common.PartyKind.System => OrderRole.System,
        _ => OrderRole.None,
    };
}
