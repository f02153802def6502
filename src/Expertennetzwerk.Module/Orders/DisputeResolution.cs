namespace Expertennetzwerk.Module.Orders;

/// <summary>How the operator settles a dispute.</summary>
public enum DisputeResolution
{
    /// <summary>Work goes on: Disputed → InProgress.</summary>
    Resume,
    /// <summary>The order counts as delivered: Disputed → Completed.</summary>
    Complete,
    /// <summary>The order is cancelled: Disputed → Cancelled.</summary>
    Cancel,
}
