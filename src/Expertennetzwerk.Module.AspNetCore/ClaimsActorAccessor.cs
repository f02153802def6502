using System.Security.Claims;
using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.AspNetCore;

/// <summary>
/// Maps the request's <see cref="ClaimsPrincipal"/> to an <see cref="Actor"/>: the user id, the parties the user may act
/// for (<see cref="ExpertennetzwerkClaimTypes.Party"/>), the party chosen by the
/// <see cref="ExpertennetzwerkClaimTypes.ActingPartyHeader"/> header (required when there are several; without it the
/// party chosen on the web UI's party switch, kept in a cookie, when the claims still allow it), and the network.
/// Customers and the system never act through this accessor.
/// </summary>
public sealed class ClaimsActorAccessor(IHttpContextAccessor httpContextAccessor, IOptions<ExpertennetzwerkAspNetCoreOptions> options) : IActorAccessor
{
    /// <summary>The cookie the web UI's party switch writes: the id of the party the user chose to act for.</summary>
    internal const string ActingPartyCookie = "enw_acting_party";

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

        var parties = PartiesOf(user);
        var requested = context!.Request.Headers[ExpertennetzwerkClaimTypes.ActingPartyHeader].ToString();
        (PartyKind Kind, Guid Id)? chosen;
        if (requested.Length == 0)
        {
            // Without the header: the party switch's choice if the claims still allow it (a stale cookie of another
            // sign-in is ignored); otherwise the party is unambiguous only when the user acts for exactly one.
            if (parties.Count > 1
                && Guid.TryParse(context!.Request.Cookies[ActingPartyCookie], out var switched)
                && parties.FindIndex(p => p.Id == switched) is var index and >= 0)
            {
                return Resolved(networkId, userId, parties[index]);
            }

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

        return chosen is { } party ? Resolved(networkId, userId, party) : ActorResolution.Failed(ActorResolutionStatus.PartyNotAllowed);
    }

    /// <summary>The party ids and kinds the user's claims allow (one per <see cref="ExpertennetzwerkClaimTypes.Party"/> claim).</summary>
    internal static List<(PartyKind Kind, Guid Id)> PartiesOf(ClaimsPrincipal user) =>
        user.FindAll(ExpertennetzwerkClaimTypes.Party)
            .Select(c => ParseParty(c.Value))
            .OfType<(PartyKind Kind, Guid Id)>()
            .ToList();

    private static ActorResolution Resolved(Guid networkId, Guid userId, (PartyKind Kind, Guid Id) party) => party.Kind switch
    {
        PartyKind.Broker => ActorResolution.Resolved(Actor.Broker(networkId, party.Id, userId)),
        PartyKind.Expert => ActorResolution.Resolved(Actor.Expert(networkId, party.Id, userId)),
        PartyKind.Operator => ActorResolution.Resolved(Actor.Operator(networkId, party.Id, userId)),
        _ => ActorResolution.Failed(ActorResolutionStatus.PartyNotAllowed),
    };

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
