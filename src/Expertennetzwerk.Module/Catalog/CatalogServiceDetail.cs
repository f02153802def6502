namespace Expertennetzwerk.Module.Catalog;

/// <summary>A published service as a broker sees it before ordering: the catalogue entry, its published version, its order form and its expert.</summary>
/// <param name="Entry">The entry as in the list (orderable or why not).</param>
/// <param name="VersionNumber">The published version's number.</param>
/// <param name="PublishedAt">When that version was published.</param>
/// <param name="FeeKind">How the expert's fee is computed.</param>
/// <param name="FeeValue">The fee's value (cents or basis points, see <see cref="FeeKind"/>).</param>
/// <param name="AcceptWithinBusinessDays">Business days the expert takes to accept.</param>
/// <param name="CompleteWithinBusinessDays">Business days the expert takes to complete.</param>
/// <param name="ProgressSteps">The steps the expert reports.</param>
/// <param name="FormDefinitionJson">The order form (JSON, see <c>FormDefinition</c>).</param>
/// <param name="DataCategoriesJson">The personal data the order shares with the expert (JSON array, see <see cref="DataSharing"/>).</param>
/// <param name="Expert">The expert party offering it.</param>
public sealed record CatalogServiceDetail(
    CatalogEntry Entry,
    int VersionNumber,
    DateTimeOffset? PublishedAt,
    FeeKind FeeKind,
    long FeeValue,
    int AcceptWithinBusinessDays,
    int CompleteWithinBusinessDays,
    IReadOnlyList<string> ProgressSteps,
    string FormDefinitionJson,
    string DataCategoriesJson,
    CatalogExpert Expert);

/// <summary>The expert party of a catalogue service, as brokers of the network see it.</summary>
/// <param name="PartyId">The expert party.</param>
/// <param name="Name">Its name.</param>
/// <param name="Address">Its postal address, when given.</param>
public sealed record CatalogExpert(Guid PartyId, string Name, string? Address);
