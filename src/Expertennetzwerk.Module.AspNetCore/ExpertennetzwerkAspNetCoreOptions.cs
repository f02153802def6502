namespace Expertennetzwerk.Module.AspNetCore;

/// <summary>Settings of the module's ASP.NET Core edge, validated at start-up.</summary>
public sealed class ExpertennetzwerkAspNetCoreOptions
{
    /// <summary>
    /// The network of a single-network host: <see cref="ClaimsActorAccessor"/> uses it when the user's claims name none
    /// (<see cref="ExpertennetzwerkClaimTypes.Network"/>). Leave it unset when every user carries the claim.
    /// </summary>
    public Guid? DefaultNetworkId { get; set; }

    /// <summary>
    /// The host's customer list, linked from the web UI's start page ("Kunden"); no link when unset. A path of the host
    /// (<c>/crm/customers</c>) or an absolute http(s) address, checked at start.
    /// </summary>
    public string? CustomersUrl { get; set; }

    /// <summary>
    /// Where the web UI sends a visitor who is not signed in; without it the page only asks to sign in. A path of the host
    /// or an absolute http(s) address, checked at start.
    /// </summary>
    public string? SignInUrl { get; set; }
}
