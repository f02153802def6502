using System.Globalization;
using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Expertennetzwerk.Module.AspNetCore.Pages;

/// <summary>
/// The web UI's routes: the area's pages get fixed, readable paths under the prefix the host maps them at
/// (<c>MapExpertennetzwerkPages(prefix)</c>), and the names of <see cref="ExpertennetzwerkEndpointNames"/>. A host page at
/// the same path in the area (e.g. <c>Areas/Expertennetzwerk/Pages/Orders/Index.cshtml</c>) replaces the module's and
/// gets the same route.
/// </summary>
internal sealed class ExpertennetzwerkPageRoutes : IActionDescriptorChangeProvider
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
        ["/Orders/New"] = ("orders/new", ExpertennetzwerkEndpointNames.NewOrderPage),
        ["/Orders/Description"] = ("orders/{orderId:guid}/description", ExpertennetzwerkEndpointNames.OrderDescriptionPage),
        ["/ActingParty"] = ("acting-party", "Expertennetzwerk.ActingParty"),
        ["/Services/Index"] = ("services", "Expertennetzwerk.OwnServicesPage"),
        ["/Services/Edit"] = ("services/edit/{serviceId:guid?}", "Expertennetzwerk.ServiceEditorPage"),
        ["/Inbox/Index"] = ("inbox", ExpertennetzwerkEndpointNames.InboxPage),
        ["/Notifications/Preferences"] = ("notifications", ExpertennetzwerkEndpointNames.NotificationPreferencesPage),
        ["/Operator/Index"] = ("operator", ExpertennetzwerkEndpointNames.OperatorDashboardPage),
        ["/Operator/Reviews"] = ("operator/reviews", ExpertennetzwerkEndpointNames.ReviewQueuePage),
        ["/Operator/Review"] = ("operator/reviews/{versionId:guid}", ExpertennetzwerkEndpointNames.ReviewPage),
        ["/Operator/Disputes"] = ("operator/disputes", ExpertennetzwerkEndpointNames.DisputeListPage),
        ["/Operator/Dispute"] = ("operator/disputes/{orderId:guid}", ExpertennetzwerkEndpointNames.DisputePage),
        ["/Operator/DeadLetters"] = ("operator/dead-letters", ExpertennetzwerkEndpointNames.DeadLettersPage),
        ["/Operator/Orders"] = ("operator/orders", "Expertennetzwerk.OperatorOrderList"),
        ["/Operator/Order"] = ("operator/orders/{orderId:guid}", "Expertennetzwerk.OperatorOrder"),
    };

    // The data subject's pages live under their own prefix (MapExpertennetzwerkConsentPages), where the mailed links lead.
    private static readonly Dictionary<string, (string Template, string Name)> ConsentRoutes = new(StringComparer.OrdinalIgnoreCase)
    {
        [ConsentPages.DecidePage] = ("{token}", ExpertennetzwerkEndpointNames.ConsentPage),
        [ConsentPages.WithdrawPage] = ("withdraw/{token}", ExpertennetzwerkEndpointNames.ConsentWithdrawalPage),
    };

    private int _mapped;

    /// <summary>Where the pages live; set by <c>MapExpertennetzwerkPages</c> before the routes are built.</summary>
    public string Prefix
    {
        get => _prefix;
        set => Change(ref _prefix, value);
    }

    /// <summary>Where the consent and withdrawal pages live; set by <c>MapExpertennetzwerkConsentPages</c>.</summary>
    public string ConsentPrefix
    {
        get => _consentPrefix;
        set => Change(ref _consentPrefix, value);
    }

    private string _prefix = DefaultPrefix;
    private string _consentPrefix = ConsentPages.DefaultPrefix;
    private CancellationTokenSource _changed = new();

    /// <summary>
    /// Fires when a prefix changes, so MVC builds the pages' routes again: the first <c>MapRazorPages()</c> builds them at
    /// once, and the host maps the consent pages and the other pages in either order.
    /// </summary>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    private void Change(ref string field, string value)
    {
        if (string.Equals(field, value, StringComparison.Ordinal))
        {
            return;
        }

        field = value;
        // Not disposed: a listener may still hold the old token.
        Interlocked.Exchange(ref _changed, new CancellationTokenSource()).Cancel();
    }

    /// <summary>Gives each page of the area its path under <see cref="Prefix"/> (read when the routes are built, after mapping).</summary>
    public void Apply(PageRouteModel model)
    {
        var consent = ConsentRoutes.TryGetValue(model.ViewEnginePath, out var route);
        var prefix = (consent ? ConsentPrefix : Prefix).Trim('/');
        if (consent || Routes.TryGetValue(model.ViewEnginePath, out route))
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

    /// <summary>
    /// Maps the host's and the module's Razor Pages once, whichever of <c>MapExpertennetzwerkPages</c> and
    /// <c>MapExpertennetzwerkConsentPages</c> comes first (both answer the same builder): the module's pages run in their
    /// language, the consent pages with their own headers and without the token in what MVC logs.
    /// </summary>
    public PageActionEndpointConventionBuilder MapPages(IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapRazorPages();
        if (Interlocked.Exchange(ref _mapped, 1) == 0)
        {
            ((IEndpointConventionBuilder)pages).Add(endpoint =>
            {
                if (IsModulePage(endpoint) && endpoint.RequestDelegate is { } inner)
                {
                    RequestDelegate run = ConsentPages.IsConsentPage(endpoint) ? http => ConsentPages.InvokeAsync(http, inner) : inner;
                    endpoint.RequestDelegate = http => InvokeAsync(http, run);
                }
            });
        }

        return pages;
    }

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
