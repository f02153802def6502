namespace Expertennetzwerk.Module.Catalog;

/// <summary>
/// One category of personal data a service shares with the expert (e.g. "Kontaktdaten", "Gesundheitsangaben"), with its
/// legal basis and data subjects. Consent is asked only where the basis is consent, of each data subject.
/// </summary>
public sealed record DataCategory
{
    /// <summary>Stable key, e.g. <c>contact</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Name per culture (<c>de</c> required).</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Why it may be shared.</summary>
    public required LegalBasis LegalBasis { get; init; }

    /// <summary>Whose data it is.</summary>
    public IReadOnlyList<DataSubjectKind> DataSubjects { get; init; } = [DataSubjectKind.Customer];

    /// <summary>The customer record's fields (keys of <c>CustomerRecord.Fields</c>) this category copies into the order.</summary>
    public IReadOnlyList<string> CustomerFields { get; init; } = [];

    /// <summary>True when a consent of the data subjects is needed before placing.</summary>
    public bool NeedsConsent => LegalBasis != LegalBasis.BrokerContract;
}
