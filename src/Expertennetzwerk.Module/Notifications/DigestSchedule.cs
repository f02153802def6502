namespace Expertennetzwerk.Module.Notifications;

/// <summary>When daily digests go out: once a day at a whole hour of the network's time zone.</summary>
internal static class DigestSchedule
{
    /// <summary>
    /// How long after its slot a digest is sent, so that a notification planned just before the slot but committed just
    /// after it still makes it into that digest.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The first digest time strictly after <paramref name="now"/>: <paramref name="hour"/>:00 local time in
    /// <paramref name="zone"/>, as a UTC instant. On a day whose <paramref name="hour"/>:00 does not exist (clocks jump
    /// forward) the slot is the first existing hour after it; on an ambiguous one, the earlier instant.
    /// </summary>
    public static DateTimeOffset NextSlot(DateTimeOffset now, TimeZoneInfo zone, int hour)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(hour, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);

        var local = TimeZoneInfo.ConvertTime(now, zone);
        for (var day = 0; day < 3; day++)
        {
            var candidate = local.Date.AddDays(day).AddHours(hour);
            while (zone.IsInvalidTime(candidate))
            {
                candidate = candidate.AddHours(1);
            }

            var offset = zone.IsAmbiguousTime(candidate) ? zone.GetAmbiguousTimeOffsets(candidate).Max() : zone.GetUtcOffset(candidate);
            var slot = new DateTimeOffset(candidate, offset).ToUniversalTime();
            if (slot > now)
            {
                return slot;
            }
        }

        throw new InvalidOperationException("No digest slot within three days.");
    }
}
