using Expertennetzwerk.Module.AspNetCore.Api.Administration;
using Expertennetzwerk.Module.AspNetCore.Api.Catalog;
using Expertennetzwerk.Module.AspNetCore.Api.DeadLetters;
using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Expertennetzwerk.Module.AspNetCore.Api.Messages;
using Expertennetzwerk.Module.AspNetCore.Api.Notifications;
using Expertennetzwerk.Module.AspNetCore.Api.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

// Lives where users of ASP.NET Core look for endpoint mapping.
// ReSharper disable once CheckNamespace
namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// The module's HTTP API: one route group (the version is in the path) over the core's use cases, JSON in and out,
/// every error as ProblemDetails. Needs <c>AddAspNetCore()</c> and an authentication that signs users in with the
/// claims <c>ClaimsActorAccessor</c> reads (or your own <c>IActorAccessor</c>). See docs/architecture.md, "HTTP API".
/// </summary>
public static class ExpertennetzwerkApiEndpoints
{
    /// <summary>
    /// The OpenAPI group name of the API's endpoints: <c>builder.Services.AddOpenApi(OpenApiDocumentName)</c> makes a
    /// document of exactly this group (with the error answers described), served by <c>app.MapOpenApi()</c>.
    /// </summary>
    public const string OpenApiDocumentName = "expertennetzwerk";

    /// <summary>
    /// Maps the API under <paramref name="prefix"/>. Every endpoint resolves the actor first (401 when nobody is signed
    /// in, 403 without a party to act for), limits its request body (413) and answers the core's outcomes one to one;
    /// an unknown route under the prefix answers 404 ProblemDetails.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">Where the API lives.</param>
    /// <returns>The group, to add the host's conventions (authorization policies, rate limits, a host name).</returns>
    /// <exception cref="InvalidOperationException"><c>AddAspNetCore()</c> was not called.</exception>
    public static RouteGroupBuilder MapExpertennetzwerkApi(this IEndpointRouteBuilder endpoints, string prefix = "/expertennetzwerk/api/v1")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<IdempotencyStore>() is null)
        {
            throw new InvalidOperationException(
                "Expertennetzwerk: MapExpertennetzwerkApi() needs the module's ASP.NET Core services: call AddExpertennetzwerk(...).AddAspNetCore() at start-up.");
        }

        var group = endpoints.MapGroup(prefix);
        ApiPipeline.Apply(group);
        group.WithGroupName(OpenApiDocumentName);
        ApiOpenApiConventions.Apply(group);

        group.MapCatalogEndpoints();
        group.MapOrderEndpoints();
        group.MapMessageEndpoints();
        group.MapNotificationEndpoints();
        group.MapAdministrationEndpoints();
        group.MapDeadLetterEndpoints();

        group.MapFallback("{**path}", (HttpContext http) =>
                ApiProblems.Problem(http, StatusCodes.Status404NotFound, ApiOutcomes.NotFoundCode, ApiProblems.NotFoundText))
            .WithMetadata(ApiAnonymousMetadata.Instance)
            .ExcludeFromDescription();
        return group;
    }
}
