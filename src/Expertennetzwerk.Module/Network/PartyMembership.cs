namespace Expertennetzwerk.Module.Network;

/// <summary>That a user may act for a party.</summary>
public sealed class PartyMembership
{
    /// <summary>Creates a membership.</summary>
    public PartyMembership(Guid networkId, Guid userId, Guid partyId)
    {
        NetworkId = networkId;
        UserId = userId;
        PartyId = partyId;
    }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>The user.</summary>
    public Guid UserId { get; private set; }

    /// <summary>The party the user may act for.</summary>
    public Guid PartyId { get; private set; }
}
