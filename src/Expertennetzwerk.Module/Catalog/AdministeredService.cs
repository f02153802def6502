namespace Expertennetzwerk.Module.Catalog;

/// <summary>A service as its expert and the operator administer it: every version, newest first.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="ExpertPartyId">The offering expert party.</param>
/// <param name="CategoryId">Its category.</param>
/// <param name="PublishedVersionId">The version brokers order now, if one is published.</param>
/// <param name="Versions">Its versions, newest first (in lists: only the newest).</param>
public sealed record AdministeredService(
    Guid ServiceId,
    Guid ExpertPartyId,
    Guid CategoryId,
    Guid? PublishedVersionId,
    IReadOnlyList<ServiceVersionSummary> Versions);
