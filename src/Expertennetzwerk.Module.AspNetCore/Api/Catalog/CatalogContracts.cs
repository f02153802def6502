using System.Text.Json;
using System.Text.Json.Serialization;
using Expertennetzwerk.Module.Network;

namespace Expertennetzwerk.Module.AspNetCore.Api.Catalog;

/// <summary>A service of the catalogue as the actor may order it (or why not).</summary>
internal sealed record CatalogEntryResponse(
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
    CatalogRefusalResponse? NotOrderableBecause);

internal sealed record CatalogRefusalResponse(string Code, string Text);

internal sealed record CatalogListResponse(IReadOnlyList<CatalogEntryResponse> Items);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CatalogListResponse))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
