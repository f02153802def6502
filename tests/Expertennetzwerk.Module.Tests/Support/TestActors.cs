using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Tests.Support;

/// <summary>Actors a host cannot make (the constructor is internal): for tests of the actor check.</summary>
public static class TestActors
{
    /// <summary>The same party and kind, claimed by another user (verified only when that user is a member).</summary>
    public static Actor WithUser(this Actor actor, Guid userId) => new(userId, actor.PartyId, actor.PartyKind, actor.NetworkId);

    /// <summary>The same user and party, claimed in another network.</summary>
    public static Actor InNetwork(this Actor actor, Guid networkId) => new(actor.UserId, actor.PartyId, actor.PartyKind, networkId);
}
