namespace Expertennetzwerk.Module.Orders;

/// <summary>The part an actor plays for one order.</summary>
public enum OrderRole
{
    /// <summary>The actor cannot see the order.</summary>
    None,
    /// <summary>The broker party that owns the order.</summary>
    OwningBroker,
    /// <summary>The expert party the placed order is assigned to.</summary>
    AssignedExpert,
    /// <summary>The network's operator.</summary>
    Operator,
    /// <summary>The module's background jobs.</summary>
    System,
    /// <summary>A data subject acting through a consent or withdrawal link (never through an actor's party).</summary>
    DataSubject,
}
