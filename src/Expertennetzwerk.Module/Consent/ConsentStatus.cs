namespace Expertennetzwerk.Module.Consent;

/// <summary>Where a consent declaration stands.</summary>
public enum ConsentStatus
{
    /// <summary>Asked through a link; no decision yet (may have expired, see <see cref="ConsentDeclaration.ExpiresAt"/>).</summary>
    Requested,
    /// <summary>The data subject agreed (through the link, or on paper as recorded by the broker).</summary>
    Given,
    /// <summary>The data subject declined.</summary>
    Declined,
    /// <summary>The data subject withdrew a given consent (Art. 7(3) GDPR).</summary>
    Withdrawn,
    /// <summary>A newer request for the same data subject replaced this open one; its link no longer works.</summary>
    Superseded,
}
