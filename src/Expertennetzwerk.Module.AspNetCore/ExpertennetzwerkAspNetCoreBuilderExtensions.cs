using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.Module.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

// ReSharper disable once CheckNamespace
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the module's ASP.NET Core edge.</summary>
public static class ExpertennetzwerkAspNetCoreBuilderExtensions
{
    /// <summary>
    /// Adds the claims-based <see cref="IActorAccessor"/> (replace it to map your own identity) and antiforgery, which the
    /// consent pages (<c>MapExpertennetzwerkConsentPages()</c>) use against CSRF.
    /// </summary>
    public static ExpertennetzwerkBuilder AddAspNetCore(this ExpertennetzwerkBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddAntiforgery();
        builder.Services.TryAddScoped<IActorAccessor, ClaimsActorAccessor>();
        return builder;
    }
}
