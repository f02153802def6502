namespace Expertennetzwerk.Module.AspNetCore;

/// <summary>The acting user and party of the current HTTP request (the only place the module reads ambient identity).</summary>
public interface IActorAccessor
{
    /// <summary>
    /// The actor of the current request, or why there is none: nobody signed in (the API answers 401) or a signed-in
    /// user without a party it may act for here (403).
    /// </summary>
    ActorResolution Resolve();
}
