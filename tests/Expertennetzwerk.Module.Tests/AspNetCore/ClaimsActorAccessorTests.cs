using System.Security.Claims;
using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Tests.AspNetCore;

public class ClaimsActorAccessorTests
{
    private static readonly Guid Network = Guid.CreateVersion7();
    private static readonly Guid User = Guid.CreateVersion7();
    private static readonly Guid BrokerParty = Guid.CreateVersion7();
    private static readonly Guid ExpertParty = Guid.CreateVersion7();

    [Fact]
    public void A_user_with_one_party_acts_for_it_in_the_default_network()
    {
        var resolution = Accessor(Principal(("enw:party", $"Broker:{BrokerParty}")), header: null, defaultNetwork: Network).Resolve();

        resolution.Status.Should().Be(ActorResolutionStatus.Resolved);
        resolution.Actor.Should().Be(new Actor(User, BrokerParty, PartyKind.Broker, Network));
    }

    [Fact]
    public void A_user_with_two_parties_must_name_one_in_the_header()
    {
        var principal = Principal(("enw:party", $"Broker:{BrokerParty}"), ("enw:party", $"Expert:{ExpertParty}"), ("enw:network", Network.ToString()));

        Accessor(principal, header: null, defaultNetwork: null).Resolve().Should().Match<ActorResolution>(r => r.Status == ActorResolutionStatus.PartyNotChosen && r.Actor == null);
        Accessor(principal, header: ExpertParty.ToString(), defaultNetwork: null).Resolve().Actor
            .Should().Be(new Actor(User, ExpertParty, PartyKind.Expert, Network));
    }

    [Fact]
    public void The_header_cannot_pick_a_party_the_claims_do_not_grant()
    {
        var principal = Principal(("enw:party", $"Broker:{BrokerParty}"));

        Accessor(principal, header: Guid.CreateVersion7().ToString(), defaultNetwork: Network).Resolve()
            .Should().Match<ActorResolution>(r => r.Status == ActorResolutionStatus.PartyNotAllowed && r.Actor == null);
        Accessor(principal, header: "not-a-guid", defaultNetwork: Network).Resolve()
            .Should().Match<ActorResolution>(r => r.Status == ActorResolutionStatus.PartyNotAllowed && r.Actor == null);
    }

    [Fact]
    public void The_party_switchs_cookie_chooses_among_the_claimed_parties_and_the_header_still_wins()
    {
        var principal = Principal(("enw:party", $"Broker:{BrokerParty}"), ("enw:party", $"Expert:{ExpertParty}"), ("enw:network", Network.ToString()));

        Accessor(principal, header: null, defaultNetwork: null, cookie: ExpertParty.ToString()).Resolve().Actor
            .Should().Be(new Actor(User, ExpertParty, PartyKind.Expert, Network));
        Accessor(principal, header: BrokerParty.ToString(), defaultNetwork: null, cookie: ExpertParty.ToString()).Resolve().Actor
            .Should().Be(new Actor(User, BrokerParty, PartyKind.Broker, Network));

        // A cookie naming a party the claims do not grant (left from another sign-in) or no party at all is ignored.
        Accessor(principal, header: null, defaultNetwork: null, cookie: Guid.CreateVersion7().ToString()).Resolve()
            .Should().Match<ActorResolution>(r => r.Status == ActorResolutionStatus.PartyNotChosen && r.Actor == null);
        Accessor(principal, header: null, defaultNetwork: null, cookie: "not-a-guid").Resolve().Status.Should().Be(ActorResolutionStatus.PartyNotChosen);
    }

    [Theory]
    [InlineData("Customer:0190a000-0000-7000-8000-000000000001")]
    [InlineData("System:0190a000-0000-7000-8000-000000000001")]
    [InlineData("Broker:nope")]
    [InlineData("nonsense")]
    public void Customers_system_and_malformed_party_claims_never_act(string claim)
    {
        Accessor(Principal(("enw:party", claim)), header: null, defaultNetwork: Network).Resolve()
            .Should().Match<ActorResolution>(r => r.Status == ActorResolutionStatus.NoParty && r.Actor == null);
    }

    [Fact]
    public void Anonymous_requests_and_requests_without_a_network_have_no_actor_and_say_why()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        Accessor(anonymous, header: null, defaultNetwork: Network).Resolve()
            .Should().Match<ActorResolution>(r => r.Status == ActorResolutionStatus.Anonymous && r.Actor == null);
        Accessor(Principal(("enw:party", $"Broker:{BrokerParty}")), header: null, defaultNetwork: null).Resolve()
            .Should().Match<ActorResolution>(r => r.Status == ActorResolutionStatus.UnknownUser && r.Actor == null);
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(
            claims.Select(c => new Claim(c.Type, c.Value)).Append(new Claim(ExpertennetzwerkClaimTypes.UserId, User.ToString())),
            authenticationType: "test"));

    private static ClaimsActorAccessor Accessor(ClaimsPrincipal principal, string? header, Guid? defaultNetwork, string? cookie = null)
    {
        var context = new DefaultHttpContext { User = principal };
        if (header is not null)
        {
            context.Request.Headers[ExpertennetzwerkClaimTypes.ActingPartyHeader] = header;
        }

        if (cookie is not null)
        {
            context.Request.Headers.Cookie = "enw_acting_party=" + cookie;
        }

        return new ClaimsActorAccessor(
            new HttpContextAccessor { HttpContext = context },
            Options.Create(new ExpertennetzwerkAspNetCoreOptions { DefaultNetworkId = defaultNetwork }));
    }
}
