using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Network;

/// <summary>
/// The one time-zone rule: everything a person reads as a calendar day or a clock time (the year in an order number,
/// business days such as the expert's "accept by", dates and times in mails and digests, the digest hour) is in the
/// network's zone, <see cref="ExpertNetwork.TimeZoneId"/>. An unknown zone id is an error of the deployment: it fails
/// with <see cref="NetworkTimeZoneException"/> (and the start-up check names the network), never silently UTC or Berlin.
/// </summary>
internal static class NetworkTimeZone
{
    /// <summary>The zone <paramref name="timeZoneId"/> (IANA, or what the system knows); throws when the system does not know it.</summary>
    public static TimeZoneInfo Find(string? timeZoneId) =>
        TryFind(timeZoneId, out var zone) ? zone : throw new NetworkTimeZoneException(null, timeZoneId);

    /// <summary>The zone of <paramref name="network"/>; throws, naming the network and the id, when the system does not know it.</summary>
    public static TimeZoneInfo Of(ExpertNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return TryFind(network.TimeZoneId, out var zone) ? zone : throw new NetworkTimeZoneException(network.Id, network.TimeZoneId);
    }

    /// <summary>The zone of the network <paramref name="networkId"/>, read from the database; throws for an unknown network or zone.</summary>
    public static async Task<TimeZoneInfo> OfAsync(DbContext db, Guid networkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = await db.Set<ExpertNetwork>().AsNoTracking()
            .Where(n => n.Id == networkId)
            .Select(n => n.TimeZoneId)
            .SingleOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return TryFind(id, out var zone) ? zone : throw new NetworkTimeZoneException(networkId, id);
    }

    /// <summary>True when the system knows <paramref name="timeZoneId"/>.</summary>
    public static bool TryFind(string? timeZoneId, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        return !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out zone!);
    }

    /// <summary>The calendar day of <paramref name="moment"/> in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset moment, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, zone).DateTime);
}

/// <summary>A network's <see cref="ExpertNetwork.TimeZoneId"/> is not a zone this system knows.</summary>
internal sealed class NetworkTimeZoneException : InvalidOperationException
{
    public NetworkTimeZoneException(Guid? networkId, string? timeZoneId)
        : base(networkId is { } id
            ? $"Expertennetzwerk: network {id} has the time zone \"{timeZoneId}\", which this system does not know. Set ExpertNetwork.TimeZoneId to an IANA zone id (e.g. \"Europe/Berlin\") or install the time-zone data."
            : $"Expertennetzwerk: the time zone \"{timeZoneId}\" is not known to this system. Use an IANA zone id (e.g. \"Europe/Berlin\") or install the time-zone data.")
    {
        NetworkId = networkId;
        TimeZoneId = timeZoneId;
    }

    public NetworkTimeZoneException()
    {
    }

    public NetworkTimeZoneException(string message)
        : base(message)
    {
    }

    public NetworkTimeZoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The network, when known.</summary>
    public Guid? NetworkId { get; }

    /// <summary>The unknown id.</summary>
    public string? TimeZoneId { get; }
}
