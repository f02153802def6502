using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>The largest request body an API endpoint accepts; larger ones get 413 before they are read.</summary>
/// <param name="Bytes">The limit in bytes.</param>
internal sealed record ApiBodyLimit(long Bytes)
{
    /// <summary>Of an endpoint that names none: enough for any JSON command of the module (form data included).</summary>
    public const long DefaultBytes = 256 * 1024;
}

/// <summary>Marks a creating endpoint that honours <c>Idempotency-Key</c> (<see cref="ApiIdempotency"/>).</summary>
internal sealed class ApiIdempotentMetadata
{
    public static readonly ApiIdempotentMetadata Instance = new();
}

/// <summary>Marks an endpoint of the group that needs no actor (the unknown-route answer).</summary>
internal sealed class ApiAnonymousMetadata
{
    public static readonly ApiAnonymousMetadata Instance = new();
}

/// <summary>The conventions the API's endpoints declare their HTTP behaviour with.</summary>
internal static class ApiEndpointConventions
{
    /// <summary>Limits the request body to <paramref name="bytes"/> (default <see cref="ApiBodyLimit.DefaultBytes"/>).</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiBodyLimit(bytes));

    /// <summary>
    /// Lets clients retry this creating request with <c>Idempotency-Key</c>: the same key and body within 24 hours answer
    /// the first response again (nothing new is created), the same key with another body 422.
    /// </summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiIdempotentMetadata.Instance);

    /// <summary>Routes that carry the order's <c>ETag</c> and honour <c>If-Match</c> (documentation only; the pipeline reads the header).</summary>
    public static TBuilder WithOrderVersion<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiOrderVersionMetadata());
}

/// <summary>Marks an endpoint whose responses carry the order's version as <c>ETag</c> and that honours <c>If-Match</c>.</summary>
internal sealed class ApiOrderVersionMetadata;
