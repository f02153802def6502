namespace Expertennetzwerk.Module.Messaging;

/// <summary>
/// How many thread messages one party has received on one order, kept in the commit of each message. A user's unread
/// count is this minus the user's <see cref="DigitalMessageReadMark.ReadCount"/>, per order or summed over the party's
/// threads.
/// </summary>
internal sealed class DigitalMessageThreadCount
{
    /// <summary>Creates a counter at zero.</summary>
    internal DigitalMessageThreadCount(Guid networkId, Guid partyId, Guid orderId)
    {
        NetworkId = networkId;
        PartyId = partyId;
        OrderId = orderId;
    }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>The receiving party.</summary>
    public Guid PartyId { get; private set; }

    /// <summary>The order.</summary>
    public Guid OrderId { get; private set; }

    /// <summary>Messages the party received on the order.</summary>
    public int ReceivedCount { get; internal set; }

    /// <summary>When the last one arrived.</summary>
    public DateTimeOffset? LastReceivedAt { get; internal set; }
}
