using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Orders;

/// <summary>
/// One append-only line of an order's history (Historie): who did what when, and the state before and after.
/// Holds no customer data; <see cref="Text"/> is what a party wrote (a reason, a question) and is pseudonymised on erasure.
/// </summary>
public sealed class OrderHistoryEntry
{
#pragma warning disable CS8618 // EF Core materialises through this constructor and sets every property.
    private OrderHistoryEntry()
    {
    }
#pragma warning restore CS8618

    /// <summary>Creates an entry.</summary>
    public OrderHistoryEntry(
        Guid id,
        Guid networkId,
        Guid orderId,
        int sequence,
        DateTimeOffset at,
        Guid userId,
        Guid partyId,
        PartyKind partyKind,
        string eventName,
        OrderState fromState,
        OrderState toState,
        string? text)
    {
        Id = id;
        NetworkId = networkId;
        OrderId = orderId;
        Sequence = sequence;
        At = at;
        UserId = userId;
        PartyId = partyId;
        PartyKind = partyKind;
        Event = eventName;
        FromState = fromState;
        ToState = toState;
        Text = text;
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>The order.</summary>
    public Guid OrderId { get; private set; }

    /// <summary>1, 2, 3, … per order.</summary>
    public int Sequence { get; private set; }

    /// <summary>When it happened (UTC).</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>The acting user (<see cref="Guid.Empty"/> for the system).</summary>
    public Guid UserId { get; private set; }

    /// <summary>The party the user acted for.</summary>
    public Guid PartyId { get; private set; }

    /// <summary>The kind of that party.</summary>
    public PartyKind PartyKind { get; private set; }

    /// <summary>What happened: a trigger name (e.g. <c>Accept</c>) or an event such as <c>Created</c> or <c>OperatorAccess</c>.</summary>
    public string Event { get; private set; }

    /// <summary>State before.</summary>
    public OrderState FromState { get; private set; }

    /// <summary>State after (equal to <see cref="FromState"/> for internal transitions).</summary>
    public OrderState ToState { get; private set; }

    /// <summary>What the party wrote with it (reason, question, answer, progress step, purpose), if anything.</summary>
    public string? Text { get; private set; }

    /// <summary>
    /// The entry's link in the order's hash chain: SHA-256 over the previous entry's hash and this entry's fields but its
    /// <see cref="Text"/> (see <c>HistoryChain</c>). Null for entries written before the chain existed.
    /// </summary>
    public byte[]? Hash { get; internal set; }

    /// <summary>True when the state changed.</summary>
    public bool IsStateChange => FromState != ToState;
}
