using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

// Lives where users of health checks look for registration methods.
// ReSharper disable once CheckNamespace
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the module's health check to a host's health checks.</summary>
public static class ExpertennetzwerkHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds the check <paramref name="name"/>: Unhealthy when the module's database cannot be reached, has migrations of the
    /// host's context not yet applied or lacks the module's tables; Degraded when the outbox backlog or the dead letters
    /// exceed the thresholds of <see cref="ExpertennetzwerkHealthCheckOptions"/>; else Healthy. Map it as usual, e.g.
    /// <c>services.AddHealthChecks().AddExpertennetzwerkHealthChecks()</c> and <c>app.MapHealthChecks("/health")</c>.
    /// </summary>
    /// <param name="builder">The host's health checks.</param>
    /// <param name="configure">Changes the thresholds.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="tags">Tags to filter checks by (e.g. "ready").</param>
    public static IHealthChecksBuilder AddExpertennetzwerkHealthChecks(
        this IHealthChecksBuilder builder, Action<ExpertennetzwerkHealthCheckOptions>? configure = null, string name = "expertennetzwerk", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ExpertennetzwerkHealthCheckOptions();
        configure?.Invoke(options);
        if (options.OutboxBacklogThreshold < 0 || options.DeadLetterThreshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), "Expertennetzwerk health check: the thresholds must not be negative.");
        }

        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new ExpertennetzwerkHealthCheck(sp.GetRequiredService<IModuleDbContextFactory>(), options),
            HealthStatus.Unhealthy,
            tags));
    }
}
