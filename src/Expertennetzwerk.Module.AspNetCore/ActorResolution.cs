using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.AspNetCore;

/// <summary>What <see cref="IActorAccessor.Resolve"/> found for the current request.</summary>
public enum ActorResolutionStatus
{
    /// <summary>An actor: the user and the one party it acts for (the module still verifies it against its own rows).</summary>
    Resolved,

    /// <summary>Nobody is signed in (HTTP 401).</summary>
    Anonymous,

    /// <summary>Signed in, but the claims name no usable user id or network (HTTP 403).</summary>
    UnknownUser,

    /// <summary>Signed in, but the user may act for no party (HTTP 403).</summary>
    NoParty,

    /// <summary>The user may act for several parties and the request names none (HTTP 403).</summary>
    PartyNotChosen,

    /// <summary>The acting-party header names a party the user may not act for, or is not an id (HTTP 403).</summary>
    PartyNotAllowed,
}

/// <summary>The actor of a request, or why there is none.</summary>
public sealed class ActorResolution
{
    private ActorResolution(ActorResolutionStatus status, Actor? actor)
    {
        Status = status;
        Actor = actor;
    }

    /// <summary>What was found.</summary>
    public ActorResolutionStatus Status { get; }

    /// <summary>The actor when <see cref="Status"/> is <see cref="ActorResolutionStatus.Resolved"/>; null otherwise.</summary>
    public Actor? Actor { get; }

    /// <summary>An actor was found.</summary>
    public static ActorResolution Resolved(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new ActorResolution(ActorResolutionStatus.Resolved, actor);
    }

    /// <summary>No actor, for the reason <paramref name="status"/> (anything but <see cref="ActorResolutionStatus.Resolved"/>).</summary>
    public static ActorResolution Failed(ActorResolutionStatus status)
    {
        if (status == ActorResolutionStatus.Resolved)
        {
            throw new ArgumentException("A resolved actor needs the actor: use Resolved(actor).", nameof(status));
        }

        return new ActorResolution(status, null);
    }
}
