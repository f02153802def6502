namespace Expertennetzwerk.Module.AspNetCore;

/// <summary>The claims <see cref="ClaimsActorAccessor"/> reads. A host maps its own identity onto them (or replaces the accessor).</summary>
public static class ExpertennetzwerkClaimTypes
{
    /// <summary>The user's id (a Guid); falls back to <c>sub</c> / NameIdentifier.</summary>
    public const string UserId = "enw:user";

    /// <summary>A party the user may act for, as <c>{kind}:{partyId}</c> (e.g. <c>Broker:0190…</c>); one claim per party.</summary>
    public const string Party = "enw:party";

    /// <summary>The network (a Guid); optional when <see cref="ExpertennetzwerkAspNetCoreOptions.DefaultNetworkId"/> is set.</summary>
    public const string Network = "enw:network";

    /// <summary>Request header naming the party the user acts for when the user may act for several.</summary>
    public const string ActingPartyHeader = "X-Expertennetzwerk-Party";
}
