using System.Text.Json;
using System.Text.Json.Serialization;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Network;

namespace Expertennetzwerk.Module.AspNetCore.Api.Administration;

// The wire shapes of service administration. The form definition, data categories and templates travel as JSON
// (object, array, object), not as strings holding JSON.

internal sealed record ServiceVersionRequest(
    string? Title,
    string? Description,
    TradePermission? RequiredPermission,
    long? PriceCents,
    long? RevenueShareCents,
    FeeKind? FeeKind,
    long? FeeValue,
    int? AcceptWithinBusinessDays,
    int? CompleteWithinBusinessDays,
    IReadOnlyList<string>? ProgressSteps,
    JsonElement? FormDefinition,
    JsonElement? DataCategories,
    JsonElement? Templates);

internal sealed record CreateServiceRequest(Guid? CategoryId, ServiceVersionRequest? Version);

internal sealed record RejectVersionRequest(string? Reason);

internal sealed record ServiceVersionSavedResponse(Guid ServiceId, Guid VersionId, int VersionNumber, ServiceVersionStatus Status);

internal sealed record ServiceVersionSummaryResponse(
    Guid VersionId, int VersionNumber, ServiceVersionStatus Status, string Title, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, string? RejectionReason);

internal sealed record AdministeredServiceResponse(
    Guid ServiceId, Guid ExpertPartyId, Guid CategoryId, Guid? PublishedVersionId, IReadOnlyList<ServiceVersionSummaryResponse> Versions);

internal sealed record AdministeredServiceListResponse(IReadOnlyList<AdministeredServiceResponse> Items);

internal sealed record ServiceVersionContentResponse(
    string? Title,
    string? Description,
    TradePermission RequiredPermission,
    long PriceCents,
    long RevenueShareCents,
    FeeKind FeeKind,
    long FeeValue,
    int AcceptWithinBusinessDays,
    int CompleteWithinBusinessDays,
    IReadOnlyList<string>? ProgressSteps,
    JsonElement? FormDefinition,
    JsonElement? DataCategories,
    JsonElement? Templates);

internal sealed record ServiceVersionDetailResponse(Guid ServiceId, ServiceVersionSummaryResponse Summary, ServiceVersionContentResponse Content);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CreateServiceRequest))]
[JsonSerializable(typeof(ServiceVersionRequest))]
[JsonSerializable(typeof(RejectVersionRequest))]
[JsonSerializable(typeof(ServiceVersionSavedResponse))]
[JsonSerializable(typeof(AdministeredServiceResponse))]
[JsonSerializable(typeof(AdministeredServiceListResponse))]
[JsonSerializable(typeof(ServiceVersionDetailResponse))]
internal sealed partial class AdministrationJsonContext : JsonSerializerContext;
