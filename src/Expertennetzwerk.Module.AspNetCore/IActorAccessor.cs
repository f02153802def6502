using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.AspNetCore;

/// <summary>The acting user and party of the current HTTP request (the only place the module reads ambient identity).</summary>
public interface IActorAccessor
{
    /// <summary>The actor of the current request, or null when the request is anonymous or names no party the user may act for.</summary>
    Actor? GetActor();
}
