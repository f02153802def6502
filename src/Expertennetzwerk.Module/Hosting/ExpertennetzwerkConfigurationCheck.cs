using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Hosting;

/// <summary>Checks the module's wiring and says what to do when something is missing.</summary>
internal static class ExpertennetzwerkConfigurationCheck
{
    /// <summary>See <see cref="ExpertennetzwerkServiceProviderExtensions.ValidateExpertennetzwerk"/>.</summary>
    public static void Validate(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = services.GetRequiredService<IOptions<ExpertennetzwerkOptions>>().Value;

        var factory = services.GetService<IModuleDbContextFactory>() ?? throw new InvalidOperationException(
            "Expertennetzwerk has no storage. Call AddExpertennetzwerk(...).UseEntityFrameworkCore(db => db.UseSqlite(...)) " +
            "or .UseDbContext<YourDbContext>().");

        using (var scope = services.CreateScope())
        {
            if (scope.ServiceProvider.GetService<ICustomerDirectory>() is null)
            {
                throw new InvalidOperationException(
                    "Expertennetzwerk needs an ICustomerDirectory to find the brokers' customers. Register one with " +
                    "AddExpertennetzwerk(...).UseCustomerDirectory<YourCustomerDirectory>().");
            }
        }

        DbContext context;
        try
        {
            context = factory.CreateDbContext();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                $"Expertennetzwerk cannot create {factory.ContextType.Name}: register it with services.AddDbContextFactory<{factory.ContextType.Name}>(...).",
                ex);
        }

        using (context)
        {
            if (!ModuleModel.IsApplied(context))
            {
                throw new InvalidOperationException(
                    $"{factory.ContextType.Name} does not map the Expertennetzwerk model. Call modelBuilder.ApplyExpertennetzwerkModel() " +
                    "in its OnModelCreating.");
            }

            var interceptors = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
            if (!interceptors.OfType<ExpertennetzwerkConnectionInterceptor>().Any() || !interceptors.OfType<OutboxWakeUpInterceptor>().Any())
            {
                throw new InvalidOperationException(
                    $"{factory.ContextType.Name} lacks the Expertennetzwerk interceptors. Call options.AddExpertennetzwerkInterceptors() " +
                    "where you configure it (AddDbContextFactory<...>(options => ...)).");
            }
        }

        using (var scope = services.CreateScope())
        {
            if (scope.ServiceProvider.GetService<IPublicLinks>() is OptionsPublicLinks &&
                services.GetRequiredService<IOptions<ExpertennetzwerkOptions>>().Value.PublicBaseUrl is null)
            {
                throw new InvalidOperationException(
                    "Expertennetzwerk needs to know where users reach the host, for the links in mails and consent texts. Set " +
                    "AddExpertennetzwerk(options => options.PublicBaseUrl = new Uri(\"https://crm.example.org/\")) or register your own IPublicLinks.");
            }
        }

        using (var scope = services.CreateScope())
        {
            if (scope.ServiceProvider.GetService<IMailSender>() is null)
            {
                throw new InvalidOperationException(
                    "Expertennetzwerk has no way to send mail. Register a sender with AddExpertennetzwerk(...).UseMailSender<YourMailSender>() " +
                    "(an IMailSender, e.g. the SMTP sender of the ASP.NET Core package), or keep mails in memory for development with " +
                    "AddExpertennetzwerk(...).UseDevelopmentMailbox().");
            }

            var handled = new Dictionary<string, Type>(StringComparer.Ordinal);
            foreach (var handler in scope.ServiceProvider.GetServices<Outbox.IOutboxHandler>())
            {
                foreach (var eventType in handler.EventTypes)
                {
                    if (handled.TryGetValue(eventType, out var other) && other != handler.GetType())
                    {
                        throw new InvalidOperationException(
                            $"Expertennetzwerk: outbox event type \"{eventType}\" has two handlers, {other.Name} and {handler.GetType().Name}. Register one IOutboxHandler per event type.");
                    }

                    handled[eventType] = handler.GetType();
                }
            }
        }
    }
}
