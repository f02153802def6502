namespace Expertennetzwerk.Module.Catalog;

/// <summary>Why personal data of a category may be shared with the expert (GDPR).</summary>
public enum LegalBasis
{
    /// <summary>Needed to perform the broker contract, Art. 6(1)(b) GDPR: no consent asked.</summary>
    BrokerContract,
    /// <summary>Consent of the data subject, Art. 6(1)(a) GDPR.</summary>
    Consent,
    /// <summary>Explicit consent for health data, Art. 9(2)(a) GDPR, together with the release from professional secrecy (§ 203 StGB).</summary>
    ExplicitHealthConsent,
}
