using System.Security.Claims;
using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.AspNetCore;

/// <summary>
/// Maps the request's <see cref="ClaimsPrincipal"/> to an <see cref="Actor"/>: the user id, the parties the user may act
/// for (<see cref="ExpertennetzwerkClaimTypes.Party"/>), the party chosen by the
/// <see cref="ExpertennetzwerkClaimTypes.ActingPartyHeader"/> header (required when there are several), and the network.
/// Customers and the system never act through this accessor.
/// </summary>
public sealed class ClaimsActorAccessor(IHttpContextAccessor httpContextAccessor, IOptions<ExpertennetzwerkAspNetCoreOptions> options) : IActorAccessor
{
    /// <inheritdoc />
    public Actor? GetActor()
    {
        var context = httpContextAccessor.HttpContext;
        var user = context?.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var userIdText = user.FindFirstValue(ExpertennetzwerkClaimTypes.UserId)
                         ?? user.FindFirstValue("sub")
                         ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!Guid.TryParse(userIdText, out var userId))
        {
            return null;
        }

        Guid networkId;
        if (user.FindFirstValue(ExpertennetzwerkClaimTypes.Network) is { } networkText)
        {
            if (!Guid.TryParse(networkText, out networkId))
            {
                return null;
            }
        }
        else if (options.Value.DefaultNetworkId is { } defaultNetwork)
        {
            networkId = defaultNetwork;
        }
        else
        {
            return null;
        }

        var parties = user.FindAll(ExpertennetzwerkClaimTypes.Party)
            .Select(c => ParseParty(c.Value))
            .OfType<(PartyKind Kind, Guid Id)>()
            .ToList();
        var requested = context!.Request.Headers[ExpertennetzwerkClaimTypes.ActingPartyHeader].ToString();
        (PartyKind Kind, Guid Id)? chosen = null;
        if (requested.Length == 0)
        {
            // Without the header the party is unambiguous only when the user acts for exactly one.
            chosen = parties.Count == 1 ? parties[0] : null;
        }
        else if (Guid.TryParse(requested, out var requestedId))
        {
            // The header may only pick a party the claims allow; anything else yields no actor.
            chosen = parties.Where(p => p.Id == requestedId).Cast<(PartyKind Kind, Guid Id)?>().FirstOrDefault();
        }

        return chosen switch
        {
            { Kind: PartyKind.Broker } party => Actor.Broker(networkId, party.Id, userId),
            { Kind: PartyKind.Expert } party => Actor.Expert(networkId, party.Id, userId),
            { Kind: PartyKind.Operator } party => Actor.Operator(networkId, party.Id, userId),
            _ => null,
        };
    }

    internal static (PartyKind Kind, Guid Id)? ParseParty(string value)
    {
        var separator = value.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0
            || !Enum.TryParse<PartyKind>(value[..separator], ignoreCase: true, out var kind)
            || kind is PartyKind.Customer or PartyKind.System
            || !Guid.TryParse(value[(separator + 1)..], out var id))
        {
            return null;
        }

        return (kind, id);
    }
}
