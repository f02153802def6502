namespace Expertennetzwerk.Module.Network;

/// <summary>Whether the operator has admitted a party to the network.</summary>
public enum ApprovalState
{
    /// <summary>Registered, not yet checked by the operator.</summary>
    Pending,
    /// <summary>Admitted: may order (broker) or offer services (expert).</summary>
    Approved,
    /// <summary>Temporarily barred by the operator.</summary>
    Suspended,
}
