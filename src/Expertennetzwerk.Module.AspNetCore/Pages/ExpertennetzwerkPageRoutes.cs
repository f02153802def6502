using System.Globalization;
using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace Expertennetzwerk.Module.AspNetCore.Pages;

/// <summary>
/// The web UI's routes: the area's pages get fixed, readable paths under the prefix the host maps them at
/// (<c>MapExpertennetzwerkPages(prefix)</c>), and the names of <see cref="ExpertennetzwerkEndpointNames"/>. A host page at
/// the same path in the area (e.g. <c>Areas/Expertennetzwerk/Pages/Orders/Index.cshtml</c>) replaces the module's and
/// gets the same route.
/// </summary>
internal sealed class ExpertennetzwerkPageRoutes
{
    public const string Area = "Expertennetzwerk";
    public const string DefaultPrefix = "/expertennetzwerk";

    private static readonly Dictionary<string, (string Template, string Name)> Routes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/Index"] = (string.Empty, ExpertennetzwerkEndpointNames.StartPage),
        ["/Catalog/Index"] = ("catalog", ExpertennetzwerkEndpointNames.CatalogPage),
        ["/Catalog/Service"] = ("catalog/{serviceId:guid}", ExpertennetzwerkEndpointNames.ServicePage),
        ["/Orders/Index"] = ("orders", ExpertennetzwerkEndpointNames.OrderListPage),
        ["/Orders/Order"] = ("orders/{orderId:guid}", ExpertennetzwerkEndpointNames.OrderPage),
        ["/Inbox/Index"] = ("inbox", ExpertennetzwerkEndpointNames.InboxPage),
        ["/Notifications/Preferences"] = ("notifications", ExpertennetzwerkEndpointNames.NotificationPreferencesPage),
    };

    /// <summary>Where the pages live; set by <c>MapExpertennetzwerkPages</c> before the routes are built.</summary>
    public string Prefix { get; set; } = DefaultPrefix;

    /// <summary>Gives each page of the area its path under <see cref="Prefix"/> (read when the routes are built, after mapping).</summary>
    public void Apply(PageRouteModel model)
    {
        var prefix = Prefix.Trim('/');
        if (Routes.TryGetValue(model.ViewEnginePath, out var route))
        {
            var selector = model.Selectors[0];
            model.Selectors.Clear();
            selector.AttributeRouteModel = new AttributeRouteModel { Template = Join(prefix, route.Template), Name = route.Name };
            selector.EndpointMetadata.Add(new EndpointNameMetadata(route.Name));
            model.Selectors.Add(selector);
            return;
        }

        // A page the host adds to the area: its path below the prefix, in lower case.
        foreach (var selector in model.Selectors)
        {
            if (selector.AttributeRouteModel?.Template is { } template && template.StartsWith(Area, StringComparison.OrdinalIgnoreCase))
            {
                selector.AttributeRouteModel.Template = Join(prefix, template[Area.Length..].Trim('/').ToLowerInvariant());
            }
        }
    }

    private static string Join(string prefix, string rest) => rest.Length == 0 ? prefix : prefix.Length == 0 ? rest : prefix + "/" + rest;

    /// <summary>True for the endpoints of the module's area (the host's own pages are left alone).</summary>
    public static bool IsModulePage(EndpointBuilder endpoint) =>
        endpoint.Metadata.OfType<PageActionDescriptor>().Any(d => d.AreaName == Area);

    /// <summary>
    /// Runs a page of the area in its language (the host's request culture when a provider chose one, otherwise
    /// <c>Accept-Language</c>; German unless English is asked for) and keeps its answer out of shared caches.
    /// </summary>
    public static async Task InvokeAsync(HttpContext http, RequestDelegate inner)
    {
        var culture = CultureOf(http);
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.ContentLanguage = culture.TwoLetterISOLanguageName;
        try
        {
            await inner(http).ConfigureAwait(false);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static CultureInfo CultureOf(HttpContext http)
    {
        if (http.Features.Get<IRequestCultureFeature>() is { Provider: not null } chosen)
        {
            return chosen.RequestCulture.UICulture.TwoLetterISOLanguageName == "en" ? English : German;
        }

        return ApiCulture.Of(http).TwoLetterISOLanguageName == "en" ? English : German;
    }
}
