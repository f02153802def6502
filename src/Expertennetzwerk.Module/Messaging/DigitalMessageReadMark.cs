namespace Expertennetzwerk.Module.Messaging;

/// <summary>
/// How far one user, acting for one party, has read one order's thread: a watermark on the messages' per-order
/// <see cref="DigitalMessage.Sequence"/>. Every message to the party with a higher sequence is unread for the user.
/// With <see cref="ReadCount"/> and the party's <see cref="DigitalMessageThreadCount"/> the unread counts are a
/// subtraction per thread, never a scan of messages.
/// </summary>
internal sealed class DigitalMessageReadMark
{
    /// <summary>Creates a mark.</summary>
    internal DigitalMessageReadMark(Guid networkId, Guid partyId, Guid userId, Guid orderId)
    {
        NetworkId = networkId;
        PartyId = partyId;
        UserId = userId;
        OrderId = orderId;
    }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>The party the user reads for.</summary>
    public Guid PartyId { get; private set; }

    /// <summary>The reading user.</summary>
    public Guid UserId { get; private set; }

    /// <summary>The order whose thread it is.</summary>
    public Guid OrderId { get; private set; }

    /// <summary>Every message up to and including this sequence counts as read; only ever grows (a concurrency token).</summary>
    public int ReadUpToSequence { get; internal set; }

    /// <summary>How many messages to the party have a sequence up to <see cref="ReadUpToSequence"/>.</summary>
    public int ReadCount { get; internal set; }

    /// <summary>When the user last marked read.</summary>
    public DateTimeOffset ReadAt { get; internal set; }
}
