namespace Expertennetzwerk.Module.Catalog;

/// <summary>The outcome of a service administration command: the service and the version it created or changed.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="VersionId">The version.</param>
/// <param name="VersionNumber">Its number (1, 2, 3, … per service).</param>
/// <param name="Status">Its review state now.</param>
public sealed record ServiceVersionSaved(Guid ServiceId, Guid VersionId, int VersionNumber, ServiceVersionStatus Status);
