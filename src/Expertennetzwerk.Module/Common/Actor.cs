namespace Expertennetzwerk.Module.Common;

/// <summary>Who performs a command: a user acting for one party, in one network.</summary>
/// <remarks>
/// The host authenticates the user and names the party the user acts for (at the HTTP edge through
/// <c>IActorAccessor</c>); a host creates actors only with <see cref="Broker"/>, <see cref="Expert"/> and
/// <see cref="Operator"/>. The module does not take the actor on trust: every use case first checks against the
/// module's own rows that the user is a member of the party, that the party has that kind in that network, and that an
/// operator party is the network's operator; otherwise it answers <see cref="ResultStatus.Forbidden"/>. The data
/// subject (through a checked consent link) and the system (background jobs) are created only by the module itself.
/// One person may act for a broker party and an expert party: a command always names the party it acts for.
/// </remarks>
public sealed record Actor
{
    internal Actor(Guid userId, Guid partyId, PartyKind partyKind, Guid networkId)
    {
        UserId = userId;
        PartyId = partyId;
        PartyKind = partyKind;
        NetworkId = networkId;
    }

    /// <summary>The acting user; <see cref="Guid.Empty"/> for the data subject and the system.</summary>
    public Guid UserId { get; }

    /// <summary>The party the user acts for; <see cref="Guid.Empty"/> for the data subject and the system.</summary>
    public Guid PartyId { get; }

    /// <summary>The kind of that party.</summary>
    public PartyKind PartyKind { get; }

    /// <summary>The network the command runs in.</summary>
    public Guid NetworkId { get; }

    /// <summary>A user acting for a broker party.</summary>
    public static Actor Broker(Guid networkId, Guid partyId, Guid userId) => new(userId, partyId, PartyKind.Broker, networkId);

    /// <summary>A user acting for an expert party.</summary>
    public static Actor Expert(Guid networkId, Guid partyId, Guid userId) => new(userId, partyId, PartyKind.Expert, networkId);

    /// <summary>A user acting for the network's operator party.</summary>
    public static Actor Operator(Guid networkId, Guid partyId, Guid userId) => new(userId, partyId, PartyKind.Operator, networkId);

    /// <summary>A data subject (customer, spouse, employee) acting through a checked consent or withdrawal link: no user, no party.</summary>
    internal static Actor DataSubject(Guid networkId) => new(Guid.Empty, Guid.Empty, PartyKind.Customer, networkId);

    /// <summary>The module's background jobs in a network.</summary>
    internal static Actor System(Guid networkId) => new(Guid.Empty, Guid.Empty, PartyKind.System, networkId);

    /// <summary>True for the actors only the module creates (data subject, system): they are not party members.</summary>
    internal bool IsModuleInternal => PartyKind is PartyKind.Customer or PartyKind.System;
}
