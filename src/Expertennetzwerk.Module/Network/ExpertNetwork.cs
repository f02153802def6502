namespace Expertennetzwerk.Module.Network;

/// <summary>One expert network (Expertennetzwerk), run by one operator party. A deployment may host several.</summary>
public sealed class ExpertNetwork
{
    /// <summary>Creates a network.</summary>
    public ExpertNetwork(Guid id, string name, string orderNumberPrefix = "EA", string timeZoneId = "Europe/Berlin")
    {
        Id = id;
        Name = name;
        OrderNumberPrefix = orderNumberPrefix;
        TimeZoneId = timeZoneId;
    }

    /// <summary>The network's id; every module row carries it.</summary>
    public Guid Id { get; private set; }

    /// <summary>Display name.</summary>
    public string Name { get; set; }

    /// <summary>Prefix of readable order numbers, e.g. <c>EA</c> in <c>EA-2026-000123</c>.</summary>
    public string OrderNumberPrefix { get; set; }

    /// <summary>
    /// IANA time zone of every calendar day and clock time people read: the year in order numbers, business days (the
    /// expert's "accept by"), dates and times in mails and digests, the digest hour. An id the system does not know stops
    /// the host at start-up.
    /// </summary>
    public string TimeZoneId { get; set; }

    /// <summary>The operator party (Netzwerkorganisation), once created.</summary>
    public Guid? OperatorPartyId { get; set; }
}
