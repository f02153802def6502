using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Expertennetzwerk.Module.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Expertennetzwerk.Module.AspNetCore.Api.Catalog;

/// <summary>The catalogue: the network's published services, by category and text, with what the actor may order.</summary>
internal static class CatalogEndpoints
{
    public const int MaxSearchLength = 200;

    public static void MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        var catalog = api.MapGroup("/catalog");
        catalog.MapGet("/services", ListAsync);
        catalog.MapGet("/services/{serviceId:guid}", GetAsync);
    }

    private static async Task<IResult> GetAsync(Guid serviceId, HttpContext http, ServiceCatalog catalog)
    {
        var detail = await catalog.GetAsync(ApiRequest.Actor(http), serviceId, http.RequestAborted).ConfigureAwait(false);
        var culture = ApiCulture.Of(http);
        return ApiOutcomes.Map(http, detail, d => Results.Ok(new CatalogServiceResponse(
            Entry(d.Entry, culture), d.VersionNumber, d.PublishedAt, d.FeeKind, d.FeeValue, d.AcceptWithinBusinessDays, d.CompleteWithinBusinessDays, d.ProgressSteps,
            Json(d.FormDefinitionJson), Json(d.DataCategoriesJson), new CatalogExpertResponse(d.Expert.PartyId, d.Expert.Name, d.Expert.Address))));
    }

    private static CatalogEntryResponse Entry(CatalogEntry e, System.Globalization.CultureInfo culture) =>
        new(e.ServiceId, e.VersionId, e.Title, e.Description, e.CategoryId, e.ExpertPartyId, e.RequiredPermission, e.PriceCents, e.RevenueShareCents, e.IsOrderable,
            e.NotOrderableBecause is { } refusal ? new CatalogRefusalResponse(refusal.Code, refusal.Text.Get(culture)) : null);

    private static System.Text.Json.JsonElement Json(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static async Task<IResult> ListAsync(HttpContext http, ServiceCatalog catalog, Guid? categoryId, string? q)
    {
        if (q is { Length: > MaxSearchLength })
        {
            return ApiOutcomes.Failure(http, Module.Common.Result.Invalid([Module.Common.InputErrors.TooLong("q", MaxSearchLength)]));
        }

        var entries = await catalog.ListAsync(ApiRequest.Actor(http), categoryId, http.RequestAborted).ConfigureAwait(false);
        var culture = ApiCulture.Of(http);
        var terms = (q ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return ApiOutcomes.Map(http, entries, list => Results.Ok(new CatalogListResponse(list
            .Where(e => terms.All(t => e.Title.Contains(t, StringComparison.CurrentCultureIgnoreCase) || e.Description.Contains(t, StringComparison.CurrentCultureIgnoreCase)))
            .Select(e => Entry(e, culture))
            .ToList())));
    }
}
