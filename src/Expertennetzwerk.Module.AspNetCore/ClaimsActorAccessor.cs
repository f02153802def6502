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
    public ActorResolution Resolve()
    {
        var context = httpContextAccessor.HttpContext;
        var user = context?.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return ActorResolution.Failed(ActorResolutionStatus.Anonymous);
        }

        var userIdText = user.FindFirstValue(ExpertennetzwerkClaimTypes.UserId)
                         ?? user.FindFirstValue("sub")
                         ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!Guid.TryParse(userIdText, out var userId))
        {
            return ActorResolution.Failed(ActorResolutionStatus.UnknownUser);
        }

        Guid networkId;
        if (user.FindFirstValue(ExpertennetzwerkClaimTypes.Network) is { } networkText)
        {
            if (!Guid.TryParse(networkText, out networkId))
            {
                return ActorResolution.Failed(ActorResolutionStatus.UnknownUser);
            }
        }
        else if (options.Value.DefaultNetworkId is { } defaultNetwork)
        {
            networkId = defaultNetwork;
        }
        else
        {
            return ActorResolution.Failed(ActorResolutionStatus.UnknownUser);
        }

        var parties = user.FindAll(ExpertennetzwerkClaimTypes.Party)
            .Select(c => ParseParty(c.Value))
            .OfType<(PartyKind Kind, Guid Id)>()
            .ToList();
        var requested = context!.Request.Headers[ExpertennetzwerkClaimTypes.ActingPartyHeader].ToString();
        (PartyKind Kind, Guid Id)? chosen;
        if (requested.Length == 0)
        {
            // Without the header the party is unambiguous only when the user acts for exactly one.
            if (parties.Count != 1)
            {
                return ActorResolution.Failed(parties.Count == 0 ? ActorResolutionStatus.NoParty : ActorResolutionStatus.PartyNotChosen);
            }

            chosen = parties[0];
        }
        else
        {
            // The header may only pick a party the claims allow.
            chosen = Guid.TryParse(requested, out var requestedId)
                ? parties.Where(p => p.Id == requestedId).Cast<(PartyKind Kind, Guid Id)?>().FirstOrDefault()
                : null;
        }

        return chosen switch
        {
            { Kind: PartyKind.Broker } party => ActorResolution.Resolved(Actor.Broker(networkId, party.Id, userId)),
            { Kind: PartyKind.Expert } party => ActorResolution.Resolved(Actor.Expert(networkId, party.Id, userId)),
            { Kind: PartyKind.Operator } party => ActorResolution.Resolved(Actor.Operator(networkId, party.Id, userId)),
            _ => ActorResolution.Failed(ActorResolutionStatus.PartyNotAllowed),
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
