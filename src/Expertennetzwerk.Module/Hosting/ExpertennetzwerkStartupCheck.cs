using System.Data.Common;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Expertennetzwerk.Module.Hosting;

/// <summary>
/// Runs <see cref="ExpertennetzwerkServiceProviderExtensions.ValidateExpertennetzwerk"/> when the host starts, then checks that
/// every network's time zone is known (<see cref="CheckNetworkTimeZonesAsync"/>).
/// </summary>
internal sealed class ExpertennetzwerkStartupCheck(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        services.ValidateExpertennetzwerk();
        await CheckNetworkTimeZonesAsync(services, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/>, naming each network and its id, when a network's
    /// <see cref="ExpertNetwork.TimeZoneId"/> is not a zone this system knows. A database whose schema is not there yet
    /// (the host migrates after start) or that cannot be reached is logged and not checked: there is nothing to check
    /// yet, and every use of an unknown zone still fails with <see cref="NetworkTimeZoneException"/>.
    /// </summary>
    internal static async Task CheckNetworkTimeZonesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger<ExpertennetzwerkStartupCheck>() ?? (ILogger)NullLogger.Instance;
        var factory = services.GetRequiredService<IModuleDbContextFactory>();
        var db = factory.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            List<(Guid Id, string Name, string TimeZoneId)> networks;
            try
            {
                networks = (await db.Set<ExpertNetwork>().AsNoTracking()
                        .Select(n => new { n.Id, n.Name, n.TimeZoneId })
                        .ToListAsync(cancellationToken)
                        .ConfigureAwait(false))
                    .Select(n => (n.Id, n.Name, n.TimeZoneId))
                    .ToList();
            }
            catch (DbException ex)
            {
                HostingLog.NetworksUnreadable(logger, ex, ex.GetType().Name);
                return;
            }

            var unknown = networks.Where(n => !NetworkTimeZone.TryFind(n.TimeZoneId, out _)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException(
                    "Expertennetzwerk: " + string.Join("; ", unknown.Select(n => $"network \"{n.Name}\" ({n.Id}) has the time zone \"{n.TimeZoneId}\", which this system does not know")) +
                    ". Set ExpertNetwork.TimeZoneId to an IANA zone id (e.g. \"Europe/Berlin\") or install the time-zone data.");
            }
        }
    }
}
