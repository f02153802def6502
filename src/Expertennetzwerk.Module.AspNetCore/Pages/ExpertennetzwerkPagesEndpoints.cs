using Expertennetzwerk.Module.AspNetCore.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

// Lives where users of ASP.NET Core look for endpoint mapping.
// ReSharper disable once CheckNamespace
namespace Microsoft.AspNetCore.Routing;

/// <summary>The module's web UI: server-rendered Razor Pages (area <c>Expertennetzwerk</c>) for brokers, experts and the operator.</summary>
public static class ExpertennetzwerkPagesEndpoints
{
    /// <summary>
    /// Maps the pages under <paramref name="prefix"/>: the start page, the catalogue, the order list and the order page,
    /// each a named endpoint (<c>ExpertennetzwerkEndpointNames</c>), so mailed links lead to them. This maps the host's
    /// own Razor Pages as well (one <c>MapRazorPages()</c>). Needs <c>AddAspNetCore()</c>, <c>UseAuthentication()</c>,
    /// and for the stylesheet <c>UseStaticFiles()</c> or <c>MapStaticAssets()</c>. A host page at the same path in the
    /// area (<c>Areas/Expertennetzwerk/Pages/…</c>) replaces the module's page; the host's <c>_Layout</c> frames the pages
    /// when it has one.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">Where the pages live.</param>
    /// <returns>The Razor Pages' convention builder, to require authorization or add the host's conventions.</returns>
    public static PageActionEndpointConventionBuilder MapExpertennetzwerkPages(this IEndpointRouteBuilder endpoints, string prefix = "/expertennetzwerk")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var routes = endpoints.ServiceProvider.GetService<ExpertennetzwerkPageRoutes>()
            ?? throw new InvalidOperationException("Expertennetzwerk: call services.AddExpertennetzwerk(…).AddAspNetCore() before MapExpertennetzwerkPages().");
        routes.Prefix = prefix;
        return routes.MapPages(endpoints);
    }
}
