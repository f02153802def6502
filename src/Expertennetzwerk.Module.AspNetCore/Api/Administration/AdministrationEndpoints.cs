using System.Text.Json;
using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Expertennetzwerk.Module.AspNetCore.Api.Administration;

/// <summary>
/// Service administration: the expert creates a service, saves new versions and submits one for review; the operator
/// reads the review queue and approves or rejects. Every save is a new, immutable version (201).
/// </summary>
internal static class AdministrationEndpoints
{
    public static void MapAdministrationEndpoints(this RouteGroupBuilder api)
    {
        var administration = api.MapGroup("/administration").WithTags("Service administration");
        administration.MapGet("/services", ListAsync)
            .Produces<AdministeredServiceListResponse>();
        administration.MapPost("/services", CreateAsync)
            .Produces<ServiceVersionSavedResponse>(StatusCodes.Status201Created);
        administration.MapGet("/services/{serviceId:guid}", GetAsync)
            .Produces<AdministeredServiceResponse>();
        administration.MapPost("/services/{serviceId:guid}/versions", SaveVersionAsync)
            .Produces<ServiceVersionSavedResponse>(StatusCodes.Status201Created);
        administration.MapGet("/service-versions/{versionId:guid}", GetVersionAsync)
            .Produces<ServiceVersionDetailResponse>();
        administration.MapPost("/service-versions/{versionId:guid}/submit", (Guid versionId, HttpContext http, ServiceAdministration services) =>
                Saved(http, services.SubmitAsync(ApiRequest.Actor(http), versionId, http.RequestAborted)))
            .Produces<ServiceVersionSavedResponse>();
        administration.MapPost("/service-versions/{versionId:guid}/approve", (Guid versionId, HttpContext http, ServiceAdministration services) =>
                Saved(http, services.ApproveAsync(ApiRequest.Actor(http), versionId, http.RequestAborted)))
            .Produces<ServiceVersionSavedResponse>();
        administration.MapPost("/service-versions/{versionId:guid}/reject", (Guid versionId, RejectVersionRequest body, HttpContext http, ServiceAdministration services) =>
                Saved(http, services.RejectAsync(ApiRequest.Actor(http), versionId, body.Reason ?? string.Empty, http.RequestAborted)))
            .Produces<ServiceVersionSavedResponse>();
        administration.MapGet("/reviews", (HttpContext http, ServiceAdministration services) => List(http, services, awaitingReview: true))
            .Produces<AdministeredServiceListResponse>();
    }

    private static Task<IResult> ListAsync(bool? awaitingReview, HttpContext http, ServiceAdministration services) =>
        List(http, services, awaitingReview ?? false);

    private static async Task<IResult> List(HttpContext http, ServiceAdministration services, bool awaitingReview)
    {
        var list = await services.ListServicesAsync(ApiRequest.Actor(http), awaitingReview, http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, list, items => Results.Ok(new AdministeredServiceListResponse(items.Select(Service).ToList())));
    }

    private static async Task<IResult> CreateAsync(CreateServiceRequest body, HttpContext http, ServiceAdministration services)
    {
        if (body.CategoryId is not { } categoryId)
        {
            return ApiOutcomes.Failure(http, Result.Invalid([InputErrors.Required("categoryId")]));
        }

        var created = await services.CreateServiceAsync(ApiRequest.Actor(http), categoryId, Input(body.Version), http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, created, s => Results.Created(ServicePath(http, s.ServiceId), SavedResponse(s)));
    }

    private static async Task<IResult> GetAsync(Guid serviceId, HttpContext http, ServiceAdministration services)
    {
        var service = await services.GetServiceAsync(ApiRequest.Actor(http), serviceId, http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, service, s => Results.Ok(Service(s)));
    }

    private static async Task<IResult> SaveVersionAsync(Guid serviceId, ServiceVersionRequest body, HttpContext http, ServiceAdministration services)
    {
        var saved = await services.SaveVersionAsync(ApiRequest.Actor(http), serviceId, Input(body), http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, saved, s => Results.Created(ServicePath(http, s.ServiceId), SavedResponse(s)));
    }

    private static async Task<IResult> GetVersionAsync(Guid versionId, HttpContext http, ServiceAdministration services)
    {
        var version = await services.GetVersionAsync(ApiRequest.Actor(http), versionId, http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, version, v => Results.Ok(new ServiceVersionDetailResponse(v.ServiceId, Summary(v.Summary), new ServiceVersionContentResponse(
            v.Content.Title, v.Content.Description, v.Content.RequiredPermission, v.Content.PriceCents, v.Content.RevenueShareCents, v.Content.FeeKind, v.Content.FeeValue,
            v.Content.AcceptWithinBusinessDays, v.Content.CompleteWithinBusinessDays, v.Content.ProgressSteps,
            Json(v.Content.FormDefinitionJson), Json(v.Content.DataCategoriesJson), Json(v.Content.TemplatesJson)))));
    }

    private static async Task<IResult> Saved(HttpContext http, Task<Result<ServiceVersionSaved>> command)
    {
        var saved = await command.ConfigureAwait(false);
        return ApiOutcomes.Map(http, saved, s => Results.Ok(SavedResponse(s)));
    }

    /// <summary>The core's input; a missing field takes the core's default, so its validation names what is wrong.</summary>
    private static ServiceVersionInput Input(ServiceVersionRequest? body)
    {
        var defaults = new ServiceVersionInput();
        return body is null
            ? defaults
            : new ServiceVersionInput
            {
                Title = body.Title,
                Description = body.Description,
                RequiredPermission = body.RequiredPermission ?? defaults.RequiredPermission,
                PriceCents = body.PriceCents ?? defaults.PriceCents,
                RevenueShareCents = body.RevenueShareCents ?? defaults.RevenueShareCents,
                FeeKind = body.FeeKind ?? defaults.FeeKind,
                FeeValue = body.FeeValue ?? defaults.FeeValue,
                AcceptWithinBusinessDays = body.AcceptWithinBusinessDays ?? defaults.AcceptWithinBusinessDays,
                CompleteWithinBusinessDays = body.CompleteWithinBusinessDays ?? defaults.CompleteWithinBusinessDays,
                ProgressSteps = body.ProgressSteps,
                FormDefinitionJson = RawJson(body.FormDefinition),
                DataCategoriesJson = RawJson(body.DataCategories),
                TemplatesJson = RawJson(body.Templates),
            };
    }

    private static string? RawJson(JsonElement? element) =>
        element is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } value ? value.GetRawText() : null;

    private static JsonElement? Json(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string ServicePath(HttpContext http, Guid serviceId)
    {
        // The group's own path (the prefix the host chose), not a hard-coded one.
        var value = (http.Request.PathBase + http.Request.Path).Value ?? string.Empty;
        var at = value.IndexOf("/administration/", StringComparison.Ordinal);
        return (at >= 0 ? value[..at] : value) + "/administration/services/" + serviceId.ToString("D");
    }

    private static ServiceVersionSavedResponse SavedResponse(ServiceVersionSaved s) => new(s.ServiceId, s.VersionId, s.VersionNumber, s.Status);

    private static AdministeredServiceResponse Service(AdministeredService s) =>
        new(s.ServiceId, s.ExpertPartyId, s.CategoryId, s.PublishedVersionId, s.Versions.Select(Summary).ToList());

    private static ServiceVersionSummaryResponse Summary(ServiceVersionSummary v) =>
        new(v.VersionId, v.VersionNumber, v.Status, v.Title, v.CreatedAt, v.PublishedAt, v.RejectionReason);
}
