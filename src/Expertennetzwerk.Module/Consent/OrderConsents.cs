using Expertennetzwerk.Module.Catalog;

namespace Expertennetzwerk.Module.Consent;

/// <summary>
/// The consent situation of one order, loaded for the workflow's guards: which data subjects must consent (the service's
/// categories whose legal basis is consent), the order's consents and the hash of its current data.
/// </summary>
internal sealed class OrderConsents
{
    private readonly Lazy<string> _currentDataHash;

    /// <summary>Creates the snapshot; <paramref name="currentDataHash"/> runs only when a guard compares a consent with the data.</summary>
    public OrderConsents(IReadOnlySet<DataSubjectKind> needed, IReadOnlyList<ConsentDeclaration> consents, Func<string> currentDataHash)
    {
        Needed = needed;
        Consents = consents;
        _currentDataHash = new Lazy<string>(currentDataHash, LazyThreadSafetyMode.None);
    }

    /// <summary>The data subjects whose consent the service needs.</summary>
    public IReadOnlySet<DataSubjectKind> Needed { get; }

    /// <summary>The order's consents, any status.</summary>
    public IReadOnlyList<ConsentDeclaration> Consents { get; }

    /// <summary>SHA-256 of the order's current canonical data.</summary>
    public string CurrentDataHash => _currentDataHash.Value;

    /// <summary>True when every needed data subject has a given consent for exactly the current data.</summary>
    public bool AllFresh => Needed.All(subject => Consents.Any(c => c.DataSubject == subject && c.IsFreshFor(CurrentDataHash)));

    /// <summary>True when every needed data subject has a given consent, fresh or not (so a missing one is not the problem).</summary>
    public bool AllGiven => Needed.All(subject => Consents.Any(c => c.DataSubject == subject && c.Status == ConsentStatus.Given));

    /// <summary>True when any consent is given and not withdrawn (there is something to withdraw).</summary>
    public bool AnyGiven => Consents.Any(c => c.Status == ConsentStatus.Given);
}
