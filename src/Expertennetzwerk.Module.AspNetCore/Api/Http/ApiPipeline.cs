using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>
/// Wraps every endpoint of the API group, before its parameters are bound: the body limit (413 before anything is
/// read), the actor (401/403 before the body is parsed), <c>Idempotency-Key</c>, and the guarantee that every error
/// body is ProblemDetails and no exception text or stack trace reaches a client (in Development too: binding errors
/// the framework would throw to the developer exception page are answered here).
/// </summary>
internal static partial class ApiPipeline
{
    private const long ServerLimitMargin = 1024 * 1024;

    /// <summary>Adds the wrapper to every endpoint of <paramref name="group"/>, also those mapped into it later.</summary>
    public static void Apply(RouteGroupBuilder group) =>
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            if (endpoint.RequestDelegate is { } inner)
            {
                endpoint.RequestDelegate = http => InvokeAsync(http, inner);
            }
        });

    private static async Task InvokeAsync(HttpContext http, RequestDelegate inner)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store"; // personal data: never in a shared cache
        headers.XContentTypeOptions = "nosniff";

        var metadata = http.GetEndpoint()?.Metadata;
        var limit = (metadata?.GetMetadata<ApiBodyLimit>() ?? ApiBodyLimit.Default).Resolve(http.RequestServices);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // The server's own limit is only the backstop (a body is cut at `limit` by ApiBodyLimitStream, answered 413):
            // its exception would reach the framework's binding first, which takes it for a broken connection.
            size.MaxRequestBodySize = limit + ServerLimitMargin;
        }

        try
        {
            if (http.Request.ContentLength > limit)
            {
                await ProblemAsync(http, StatusCodes.Status413PayloadTooLarge).ConfigureAwait(false);
                return;
            }

            http.Request.Body = new ApiBodyLimitStream(http.Request.Body, limit);

            if (metadata?.GetMetadata<ApiAnonymousMetadata>() is null)
            {
                var resolution = http.RequestServices.GetRequiredService<IActorAccessor>().Resolve();
                if (resolution.Actor is null)
                {
                    await ApiActorProblems.For(http, resolution.Status).ExecuteAsync(http).ConfigureAwait(false);
                    return;
                }

                ApiRequest.SetActor(http, resolution.Actor);
                if (await ApiJsonBody.RefuseDuplicateKeysAsync(http, limit).ConfigureAwait(false) is { } duplicateKeys)
                {
                    await duplicateKeys.ExecuteAsync(http).ConfigureAwait(false);
                    return;
                }

                if (metadata?.GetMetadata<ApiIdempotentMetadata>() is not null
                    && http.Request.Headers.ContainsKey(ApiIdempotency.Header))
                {
                    await ApiIdempotency.InvokeAsync(http, resolution.Actor, limit, inner).ConfigureAwait(false);
                    await ProblemForBareStatusAsync(http).ConfigureAwait(false);
                    return;
                }
            }

            await inner(http).ConfigureAwait(false);
            await ProblemForBareStatusAsync(http).ConfigureAwait(false);
        }
        catch (ApiBodyTooLargeException) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            await ProblemAsync(http, StatusCodes.Status413PayloadTooLarge).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
        {
            // Malformed JSON, a wrong type, a body over the limit (Kestrel), a form the server refused: the client's fault.
            http.Response.Clear();
            await ProblemAsync(http, ex.StatusCode).ConfigureAwait(false);
        }
        catch (Exception ex) when (!http.Response.HasStarted && ex is not OperationCanceledException)
        {
            // A fault of ours: logged at Error (so tests and operators see it), answered without any of its text.
            Log.UnhandledFault(Logger(http), ex, http.Request.Method, http.GetEndpoint()?.DisplayName);
            http.Response.Clear();
            await ProblemAsync(http, StatusCodes.Status500InternalServerError).ConfigureAwait(false);
        }
    }

    /// <summary>A status the framework set without a body (e.g. 415, or 400 when it does not throw) gets its ProblemDetails.</summary>
    private static Task ProblemForBareStatusAsync(HttpContext http) =>
        http.Response is { StatusCode: >= 400, HasStarted: false, ContentType: null } && http.Response.ContentLength is null or 0
            ? ProblemAsync(http, http.Response.StatusCode)
            : Task.CompletedTask;

    private static Task ProblemAsync(HttpContext http, int status)
    {
        var (code, title) = ApiProblems.ForStatus(status);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return ApiProblems.Problem(http, status, code, title).ExecuteAsync(http);
    }

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Expertennetzwerk.Module.AspNetCore.Api");

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "The API request {Method} {Endpoint} failed.")]
        public static partial void UnhandledFault(ILogger logger, Exception exception, string method, string? endpoint);
    }
}
