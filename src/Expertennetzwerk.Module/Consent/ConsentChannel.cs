namespace Expertennetzwerk.Module.Consent;

/// <summary>How a consent or its withdrawal reached the broker.</summary>
public enum ConsentChannel
{
    /// <summary>Through the module's link (consent or withdrawal page).</summary>
    Link,
    /// <summary>A signed paper form, recorded by the broker with a scan.</summary>
    Paper,
    /// <summary>By phone, recorded by the broker.</summary>
    Phone,
    /// <summary>By letter or mail, recorded by the broker.</summary>
    Letter,
}
