using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.HostEvents;
using Expertennetzwerk.Module.Documents;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Listing;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Persistence;
using Microsoft.Extensions.Logging;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Templates;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// Lives where users of Microsoft.Extensions.DependencyInjection look for registration methods.
// ReSharper disable once CheckNamespace
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Expertennetzwerk module.</summary>
public static class ExpertennetzwerkServiceCollectionExtensions
{
    /// <summary>
    /// Adds the module: application services, defaults for its ports (via <c>TryAdd*</c>) and start-up checks. Choose
    /// storage on the returned builder with <c>UseEntityFrameworkCore(...)</c> or <c>UseDbContext&lt;T&gt;()</c> and
    /// register an <see cref="ICustomerDirectory"/>; a missing or invalid setting fails at start with what to do.
    /// </summary>
    public static ExpertennetzwerkBuilder AddExpertennetzwerk(this IServiceCollection services, Action<ExpertennetzwerkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ExpertennetzwerkOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExpertennetzwerkOptions>, ExpertennetzwerkOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RefusalDescriber(sp.GetServices<Refusal>()));
        services.TryAddSingleton<CursorProtector>();
        services.TryAddSingleton(new TemplateRendererOptions());
        services.TryAddSingleton(sp => new TemplateRenderer(sp.GetRequiredService<TemplateRendererOptions>()));
        services.TryAddSingleton(sp => new TemplateResolver(sp.GetService<ITemplateSource>()));
        services.TryAddSingleton(sp => new TemplateService(sp.GetRequiredService<TemplateRenderer>(), sp.GetRequiredService<TemplateResolver>()));
        services.TryAddScoped<IDocumentStore, DatabaseDocumentStore>();
        services.TryAddSingleton<IPublicLinks, OptionsPublicLinks>();
        services.TryAddSingleton(sp => new ExpertennetzwerkMetrics(
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetService<IModuleDbContextFactory>, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ActorVerifier(
            sp.GetRequiredService<IModuleDbContextFactory>,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<ActorVerifier>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<ActorVerifier>.Instance));
        services.TryAddScoped(sp => new OrderUnitOfWork(
            sp.GetRequiredService<IModuleDbContextFactory>(),
            sp.GetRequiredService<ActorVerifier>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetServices<IOrderWorkflowExtension>(),
            sp.GetService<ILogger<OrderUnitOfWork>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<OrderUnitOfWork>.Instance,
            sp.GetRequiredService<RefusalDescriber>(),
            sp.GetRequiredService<ExpertennetzwerkMetrics>()));
        services.TryAddScoped(sp => new ExpertOrderService(
            sp.GetRequiredService<IModuleDbContextFactory>(),
            sp.GetRequiredService<ActorVerifier>(),
            sp.GetRequiredService<ICustomerDirectory>(),
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ExpertennetzwerkOptions>>(),
            sp.GetRequiredService<OrderUnitOfWork>(),
            sp.GetRequiredService<RefusalDescriber>()));
        services.TryAddScoped(sp => new ServiceCatalog(sp.GetRequiredService<IModuleDbContextFactory>(), sp.GetRequiredService<ActorVerifier>(), sp.GetRequiredService<RefusalDescriber>()));
        services.TryAddScoped(sp => new ServiceAdministration(
            sp.GetRequiredService<IModuleDbContextFactory>(), sp.GetRequiredService<ActorVerifier>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<RefusalDescriber>()));
        services.TryAddScoped(sp => new ExpertOrderQueries(
            sp.GetRequiredService<IModuleDbContextFactory>(),
            sp.GetRequiredService<ActorVerifier>(),
            sp.GetRequiredService<CursorProtector>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetServices<IOrderWorkflowExtension>(),
            sp.GetRequiredService<TemplateService>(),
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<RefusalDescriber>()));
        services.TryAddScoped(sp => new ConsentService(
            sp.GetRequiredService<IModuleDbContextFactory>(),
            sp.GetRequiredService<ActorVerifier>(),
            sp.GetRequiredService<OrderUnitOfWork>(),
            sp.GetRequiredService<TemplateService>(),
            sp.GetRequiredService<IPublicLinks>(),
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ExpertennetzwerkOptions>>(),
            sp.GetRequiredService<RefusalDescriber>()));
        services.TryAddScoped(sp => new DigitalMessageService(
            sp.GetRequiredService<IModuleDbContextFactory>(),
            sp.GetRequiredService<ActorVerifier>(),
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ExpertennetzwerkOptions>>(),
            sp.GetService<ILogger<DigitalMessageService>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<DigitalMessageService>.Instance,
            sp.GetRequiredService<RefusalDescriber>()));
        services.TryAddScoped(sp => new DigitalMessageQueries(
            sp.GetRequiredService<IModuleDbContextFactory>(),
            sp.GetRequiredService<ActorVerifier>(),
            sp.GetRequiredService<CursorProtector>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<RefusalDescriber>()));

        // Notifications: the planner and the digest turn event rows into delivery rows (resolved by the dispatcher per scope).
        services.TryAddScoped<IRecipientDirectory>(sp => new ModuleRecipientDirectory(sp.GetRequiredService<IModuleDbContextFactory>()));
        services.TryAddScoped(sp => new NotificationPreferences(
            sp.GetRequiredService<IModuleDbContextFactory>(), sp.GetRequiredService<ActorVerifier>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<RefusalDescriber>()));
        services.TryAddScoped(sp => new HostEventOutbox(sp.GetServices<IExpertennetzwerkHostEventHandler>()));
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxHandler, HostEventOutboxHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxHandler, NotificationPlanner>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxHandler, DigestHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxDeliveryHooks, NotificationOutboxHooks>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ExpertennetzwerkStartupCheck>());
        AddOutbox(services);
        return new ExpertennetzwerkBuilder(services);
    }

    private static void AddOutbox(IServiceCollection services)
    {
        // No IMailSender default: the start-up check demands UseMailSender<T>() or UseDevelopmentMailbox().
        services.TryAddSingleton<IDigitalMessageChannel, ModuleOnlyDigitalMessageChannel>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxHandler, MailOutboxHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxHandler, DigitalMessageOutboxHandler>());
        services.TryAddSingleton<OutboxSignal>();
        if (services.Any(d => d.ServiceType == typeof(OutboxDispatcher)))
        {
            return; // AddExpertennetzwerk ran before: one dispatcher per host
        }

        services.AddSingleton(sp => new OutboxDispatcher(
            sp,
            () => sp.GetRequiredService<IOptions<ExpertennetzwerkOptions>>().Value.Outbox,
            sp.GetService<ILoggerFactory>()?.CreateLogger<OutboxDispatcher>() ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddScoped(sp => new OutboxAdministration(
            sp.GetRequiredService<IModuleDbContextFactory>(),
            sp.GetRequiredService<ActorVerifier>(),
            sp.GetRequiredService<CursorProtector>(),
            sp.GetRequiredService<OutboxSignal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<RefusalDescriber>()));
    }
}
