using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.Module.AspNetCore.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

// Lives where users of ASP.NET Core look for endpoint mapping.
// ReSharper disable once CheckNamespace
namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// The pages a data subject reaches through the links of a consent request (docs/design.md, "Consent and personal data"): the consent declaration with
/// "agree" and "decline", and the withdrawal page — Razor Pages of the module's area (<c>Consent/Decide</c>,
/// <c>Consent/Withdraw</c>), in German or English, replaceable by the host like every page of the area. Showing a page
/// (GET) never uses a link up — mail scanners fetch links; only the POST of a decision does, once, protected against
/// CSRF. Every invalid, expired or used link gets the same neutral page (404).
/// </summary>
public static class ExpertennetzwerkConsentEndpoints
{
    /// <summary>
    /// Maps <c>GET/POST {prefix}/{token}</c> (<see cref="ExpertennetzwerkEndpointNames.ConsentPage"/>) and
    /// <c>GET/POST {prefix}/withdraw/{token}</c> (<see cref="ExpertennetzwerkEndpointNames.ConsentWithdrawalPage"/>), the
    /// routes the mailed links follow. Maps the Razor Pages (as <c>MapExpertennetzwerkPages()</c> does; calling both is
    /// fine). Needs <c>AddAspNetCore()</c>, and for the stylesheet <c>UseStaticFiles()</c> or <c>MapStaticAssets()</c>.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">Where the pages live; the default matches the module's default links.</param>
    /// <returns>A builder whose conventions (rate limiting, a host name) apply to the two consent pages only.</returns>
    public static IEndpointConventionBuilder MapExpertennetzwerkConsentPages(this IEndpointRouteBuilder endpoints, string prefix = "/expertennetzwerk/consent")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var routes = endpoints.ServiceProvider.GetService<ExpertennetzwerkPageRoutes>()
            ?? throw new InvalidOperationException("Expertennetzwerk: call services.AddExpertennetzwerk(…).AddAspNetCore() before MapExpertennetzwerkConsentPages().");
        routes.ConsentPrefix = prefix;
        return new ConsentPagesConventions(routes.MapPages(endpoints));
    }

    private sealed class ConsentPagesConventions(IEndpointConventionBuilder pages) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention) =>
            pages.Add(endpoint =>
            {
                if (ConsentPages.IsConsentPage(endpoint))
                {
                    convention(endpoint);
                }
            });

        public void Finally(Action<EndpointBuilder> finallyConvention) =>
            pages.Finally(endpoint =>
            {
                if (ConsentPages.IsConsentPage(endpoint))
                {
                    finallyConvention(endpoint);
                }
            });
    }
}
