namespace Expertennetzwerk.Module.Catalog;

/// <summary>Where a service version stands in the operator's review.</summary>
public enum ServiceVersionStatus
{
    /// <summary>Being edited by the expert; not visible to brokers.</summary>
    Draft,
    /// <summary>Submitted, waiting for the operator.</summary>
    PendingApproval,
    /// <summary>Approved by the operator; the version brokers order.</summary>
    Published,
    /// <summary>Replaced by a newer published version (orders placed against it keep it), or, while unpublished, by a newer saved version.</summary>
    Superseded,
    /// <summary>Refused by the operator.</summary>
    Rejected,
}
