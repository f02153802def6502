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

/// <summary>A published service with its version, order form, shared data and expert.</summary>
internal sealed record CatalogServiceResponse(
    CatalogEntryResponse Service,
    int VersionNumber,
    DateTimeOffset? PublishedAt,
    Module.Catalog.FeeKind FeeKind,
    long FeeValue,
    int AcceptWithinBusinessDays,
    int CompleteWithinBusinessDays,
    IReadOnlyList<string> ProgressSteps,
    JsonElement Form,
    JsonElement DataCategories,
    CatalogExpertResponse Expert);

internal sealed record CatalogExpertResponse(Guid PartyId, string Name, string? Address);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CatalogListResponse))]
[JsonSerializable(typeof(CatalogServiceResponse))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
