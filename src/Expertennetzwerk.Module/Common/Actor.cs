namespace Expertennetzwerk.Module.Common;

/// <summary>Who performs a command: a user acting for one party, in one network.</summary>
/// <remarks>
/// The host authenticates the user and decides which parties the user may act for; the module trusts the actor it is
/// given (at the HTTP edge it comes from <c>IActorAccessor</c>). One person may act for a broker party and an expert
/// party: a command always names the party it acts for.
/// </remarks>
/// <param name="UserId">The acting user; <see cref="Guid.Empty"/> for <see cref="PartyKind.System"/>.</param>
/// <param name="PartyId">The party the user acts for.</param>
/// <param name="PartyKind">The kind of that party.</param>
/// <param name="NetworkId">The network the command runs in.</param>
public sealed record Actor(Guid UserId, Guid PartyId, PartyKind PartyKind, Guid NetworkId)
{
    /// <summary>A user acting for a broker party.</summary>
    public static Actor Broker(Guid networkId, Guid partyId, Guid userId) => new(userId, partyId, PartyKind.Broker, networkId);

    /// <summary>A user acting for an expert party.</summary>
    public static Actor Expert(Guid networkId, Guid partyId, Guid userId) => new(userId, partyId, PartyKind.Expert, networkId);

    /// <summary>A user acting for the network's operator party.</summary>
    public static Actor Operator(Guid networkId, Guid partyId, Guid userId) => new(userId, partyId, PartyKind.Operator, networkId);

    /// <summary>A data subject (customer, spouse, employee) acting through a consent or withdrawal link: no user, no party.</summary>
    public static Actor DataSubject(Guid networkId) => new(Guid.Empty, Guid.Empty, PartyKind.Customer, networkId);

    /// <summary>The module's background jobs in a network.</summary>
    public static Actor System(Guid networkId) => new(Guid.Empty, Guid.Empty, PartyKind.System, networkId);
}
