namespace Expertennetzwerk.Module.Catalog;

/// <summary>One version of a service in the administration lists.</summary>
/// <param name="VersionId">The version.</param>
/// <param name="VersionNumber">Its number.</param>
/// <param name="Status">Its review state.</param>
/// <param name="Title">Its title.</param>
/// <param name="CreatedAt">When it was saved.</param>
/// <param name="PublishedAt">When the operator published it, if so.</param>
/// <param name="RejectionReason">Why the operator rejected it, if so.</param>
public sealed record ServiceVersionSummary(
    Guid VersionId,
    int VersionNumber,
    ServiceVersionStatus Status,
    string Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    string? RejectionReason);
