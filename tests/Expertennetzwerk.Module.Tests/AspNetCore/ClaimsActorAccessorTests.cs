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
        var actor = Accessor(Principal(("enw:party", $"Broker:{BrokerParty}")), header: null, defaultNetwork: Network).GetActor();

        actor.Should().Be(new Actor(User, BrokerParty, PartyKind.Broker, Network));
    }

    [Fact]
    public void A_user_with_two_parties_must_name_one_in_the_header()
    {
        var principal = Principal(("enw:party", $"Broker:{BrokerParty}"), ("enw:party", $"Expert:{ExpertParty}"), ("enw:network", Network.ToString()));

        Accessor(principal, header: null, defaultNetwork: null).GetActor().Should().BeNull();
        Accessor(principal, header: ExpertParty.ToString(), defaultNetwork: null).GetActor()
            .Should().Be(new Actor(User, ExpertParty, PartyKind.Expert, Network));
    }

    [Fact]
    public void The_header_cannot_pick_a_party_the_claims_do_not_grant()
    {
        var principal = Principal(("enw:party", $"Broker:{BrokerParty}"));

        Accessor(principal, header: Guid.CreateVersion7().ToString(), defaultNetwork: Network).GetActor().Should().BeNull();
        Accessor(principal, header: "not-a-guid", defaultNetwork: Network).GetActor().Should().BeNull();
    }

    [Theory]
    [InlineData("Customer:0190a000-0000-7000-8000-000000000001")]
    [InlineData("System:0190a000-0000-7000-8000-000000000001")]
    [InlineData("Broker:nope")]
    [InlineData("nonsense")]
    public void Customers_system_and_malformed_party_claims_never_act(string claim)
    {
        Accessor(Principal(("enw:party", claim)), header: null, defaultNetwork: Network).GetActor().Should().BeNull();
    }

    [Fact]
    public void Anonymous_requests_and_requests_without_a_network_have_no_actor()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        Accessor(anonymous, header: null, defaultNetwork: Network).GetActor().Should().BeNull();
        Accessor(Principal(("enw:party", $"Broker:{BrokerParty}")), header: null, defaultNetwork: null).GetActor().Should().BeNull();
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(
            claims.Select(c => new Claim(c.Type, c.Value)).Append(new Claim(ExpertennetzwerkClaimTypes.UserId, User.ToString())),
            authenticationType: "test"));

    private static ClaimsActorAccessor Accessor(ClaimsPrincipal principal, string? header, Guid? defaultNetwork)
    {
        var context = new DefaultHttpContext { User = principal };
        if (header is not null)
        {
            context.Request.Headers[ExpertennetzwerkClaimTypes.ActingPartyHeader] = header;
        }

        return new ClaimsActorAccessor(
            new HttpContextAccessor { HttpContext = context },
            Options.Create(new ExpertennetzwerkAspNetCoreOptions { DefaultNetworkId = defaultNetwork }));
    }
}
