using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>The largest request body an API endpoint accepts; larger ones get 413 before they are read.</summary>
/// <param name="Resolve">The limit in bytes, from the module's options where it depends on them.</param>
internal sealed record ApiBodyLimit(Func<IServiceProvider, long> Resolve)
{
    /// <summary>Of an endpoint that names none: the largest form data the module takes, plus room for the rest of a JSON command.</summary>
    public static readonly ApiBodyLimit Default = new(services => Options(services).MaxFormDataLength + (64 * 1024));

    /// <summary>Of an upload: every attachment the module takes at its largest, plus room for the form's text fields.</summary>
    public static readonly ApiBodyLimit Uploads = new(services =>
        (Options(services).MaxAttachmentBytes * ExpertOrderService.MaxAttachments) + (256 * 1024));

    private static ExpertennetzwerkOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ExpertennetzwerkOptions>>().Value;
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
    /// <summary>Limits the request body to <paramref name="bytes"/> (default <see cref="ApiBodyLimit.Default"/>).</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiBodyLimit(_ => bytes));

    /// <summary>A multipart upload: the body may hold every attachment the module takes (<see cref="ApiBodyLimit.Uploads"/>).</summary>
    public static TBuilder WithUploadBodyLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiBodyLimit.Uploads);

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
