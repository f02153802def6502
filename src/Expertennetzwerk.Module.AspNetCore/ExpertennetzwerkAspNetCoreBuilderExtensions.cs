using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Ports;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// ReSharper disable once CheckNamespace
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the module's ASP.NET Core edge.</summary>
public static class ExpertennetzwerkAspNetCoreBuilderExtensions
{
    /// <summary>
    /// Adds the claims-based <see cref="IActorAccessor"/> (replace it to map your own identity) and antiforgery, which the
    /// consent pages (<c>MapExpertennetzwerkConsentPages()</c>) use against CSRF. <paramref name="configure"/> sets the
    /// edge's options (e.g. <see cref="ExpertennetzwerkAspNetCoreOptions.DefaultNetworkId"/>), validated at start. Also
    /// what the HTTP API (<c>MapExpertennetzwerkApi()</c>) needs: its JSON contracts and its idempotency keys; and the
    /// mailed links from the named routes (<see cref="ExpertennetzwerkEndpointNames"/>) unless you registered your own
    /// <c>IPublicLinks</c>; and the web UI's Razor Pages (<c>MapExpertennetzwerkPages()</c>) with their texts.
    /// </summary>
    public static ExpertennetzwerkBuilder AddAspNetCore(this ExpertennetzwerkBuilder builder, Action<ExpertennetzwerkAspNetCoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ExpertennetzwerkAspNetCoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExpertennetzwerkAspNetCoreOptions>, ExpertennetzwerkAspNetCoreOptionsValidator>());
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddAntiforgery();
        // The LinkGenerator behind the mailed links, also in a host that builds no web app (both calls only add what is missing).
        builder.Services.AddLogging();
        builder.Services.AddRouting();
        builder.Services.TryAddScoped<IActorAccessor, ClaimsActorAccessor>();

        // The HTTP API (MapExpertennetzwerkApi): its JSON contracts in front of the host's resolvers, its idempotency keys.
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            for (var i = ApiJson.Contexts.Count - 1; i >= 0; i--)
            {
                json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJson.Contexts[i]);
            }
        });
        builder.Services.TryAddSingleton<IdempotencyStore>();

        // The web UI (MapExpertennetzwerkPages): Razor Pages, their paths under the mapped prefix, their texts.
        var pageRoutes = new ExpertennetzwerkPageRoutes();
        builder.Services.TryAddSingleton(pageRoutes);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IActionDescriptorChangeProvider>(pageRoutes)); // routes rebuilt when a prefix is mapped
        builder.Services.TryAddSingleton<NetworkZones>();
        builder.Services.TryAddSingleton(sp => new CatalogNames(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddRazorPages(razor =>
            {
                razor.Conventions.AddAreaFolderRouteModelConvention(ExpertennetzwerkPageRoutes.Area, "/", pageRoutes.Apply);
                razor.Conventions.AddAreaFolderApplicationModelConvention(ExpertennetzwerkPageRoutes.Area, "/", page => page.Filters.Add(new AntiforgeryFailurePage()));
            })
            .ConfigureApplicationPartManager(parts =>
            {
                // The pages are found even when the host's discovery misses this package (e.g. a host started by a test).
                var assembly = typeof(ExpertennetzwerkPageRoutes).Assembly;
                if (!parts.ApplicationParts.Any(p => p is AssemblyPart part && part.Assembly == assembly))
                {
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    {
                        parts.ApplicationParts.Add(part);
                    }
                }
            });
        builder.Services.AddLocalization();

        // Mailed links follow the routes (unless the host brought its own IPublicLinks).
        var links = builder.Services.LastOrDefault(d => d.ServiceType == typeof(IPublicLinks));
        if (links is null || links.ImplementationType == typeof(OptionsPublicLinks))
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<IPublicLinks, RoutePublicLinks>());
        }
        return builder;
    }
}
