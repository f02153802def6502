using System.Collections.Concurrent;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.AspNetCore.Pages;

/// <summary>
/// The network's time zone for the pages (days a user types into a filter, times a page shows), read once per network
/// through the core's one time-zone rule (<see cref="NetworkTimeZone"/>). An unknown zone id fails loudly there.
/// </summary>
internal sealed class NetworkZones(IServiceProvider services)
{
    private readonly ConcurrentDictionary<Guid, TimeZoneInfo> _zones = new();

    public async ValueTask<TimeZoneInfo> GetAsync(Guid networkId, CancellationToken cancellationToken)
    {
        if (_zones.TryGetValue(networkId, out var zone))
        {
            return zone;
        }

        await using var db = services.GetRequiredService<IModuleDbContextFactory>().CreateDbContext();
        zone = await NetworkTimeZone.OfAsync(db, networkId, cancellationToken).ConfigureAwait(false);
        return _zones.GetOrAdd(networkId, zone);
    }

    /// <summary>The first instant of <paramref name="day"/> in <paramref name="zone"/> (a day that starts in a gap starts when the gap ends).</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
