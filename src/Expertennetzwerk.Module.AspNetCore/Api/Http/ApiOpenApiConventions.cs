using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>
/// Describes the error answers of every endpoint of the group for OpenAPI, from what the endpoint declares: 400
/// (ValidationProblemDetails: field errors, also a bad query or cursor), 401, 403 and 409 (a refusal) everywhere; 404 where
/// the route names a resource; 413 where a body is sent; 412 where <c>If-Match</c> is honoured; 422 where
/// <c>Idempotency-Key</c> is. Every error body is <c>application/problem+json</c>.
/// </summary>
internal static class ApiOpenApiConventions
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    /// <summary>Runs after the endpoints' own conventions, so it sees their metadata (and adds nothing they declared).</summary>
    public static void Apply(RouteGroupBuilder group) =>
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            if (metadata.OfType<ApiAnonymousMetadata>().Any())
            {
                return;
            }

            var declared = metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            void Add(int status, Type type)
            {
                if (declared.Add(status))
                {
                    metadata.Add(new ProducesResponseTypeMetadata(status, type, ProblemJson));
                }
            }

            var methods = metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var sendsBody = methods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m) && !HttpMethods.IsDelete(m));
            var namesResource = endpoint is RouteEndpointBuilder route && route.RoutePattern.Parameters.Count > 0;

            Add(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
            Add(StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
            Add(StatusCodes.Status403Forbidden, typeof(ProblemDetails));
            if (namesResource)
            {
                Add(StatusCodes.Status404NotFound, typeof(ProblemDetails));
            }

            Add(StatusCodes.Status409Conflict, typeof(ProblemDetails));
            if (sendsBody && metadata.OfType<ApiOrderVersionMetadata>().Any())
            {
                Add(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails));
            }

            if (sendsBody)
            {
                Add(StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails));
            }

            if (metadata.OfType<ApiIdempotentMetadata>().Any())
            {
                Add(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails));
            }
        });
}
