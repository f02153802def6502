using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;

namespace Expertennetzwerk.Module.Catalog;

/// <summary>A published service as a broker sees it in the catalogue ("Alle Experten-Dienstleistungen im Überblick").</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="VersionId">Its published version.</param>
/// <param name="Title">Title.</param>
/// <param name="Description">The expert's description.</param>
/// <param name="CategoryId">Category.</param>
/// <param name="ExpertPartyId">The offering expert party.</param>
/// <param name="RequiredPermission">Licence the ordering broker needs.</param>
/// <param name="PriceCents">Price for the broker.</param>
/// <param name="RevenueShareCents">Revenue share paid to the broker.</param>
/// <param name="IsOrderable">Whether the acting broker party may order it.</param>
/// <param name="NotOrderableBecause">Why not, when it may not.</param>
public sealed record CatalogEntry(
    Guid ServiceId,
    Guid VersionId,
    string Title,
    string Description,
    Guid CategoryId,
    Guid ExpertPartyId,
    TradePermission RequiredPermission,
    long PriceCents,
    long RevenueShareCents,
    bool IsOrderable,
    Refusal? NotOrderableBecause);
