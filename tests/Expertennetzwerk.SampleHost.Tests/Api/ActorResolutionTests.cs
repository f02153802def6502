using System.Net;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Api.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api;

/// <summary>Who the API takes a request to come from: 401 for nobody, 403 with the reason for a signed-in user without a party it may act for.</summary>
[Collection(ApiCollection.Name)]
public sealed class ActorResolutionTests(ApiHosts hosts)
{
    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Each_way_of_not_being_an_actor_has_its_status_and_code(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var services = host.Path("catalog/services");

        using var anonymous = await host.Client(ApiActor.Anonymous).GetAsync(services);
        await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "actor.anonymous");

        using var noParty = await host.ClientWithClaims(DemoIds.UserMueller, []).GetAsync(services);
        await noParty.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "actor.no_party");

        // Hartmann acts for a broker office and an expert party: without the header it is not clear which.
        string[] hartmann = [$"Broker:{DemoIds.BrokerHartmann}", $"Expert:{DemoIds.ExpertHartmannSpezial}"];
        using var notChosen = await host.ClientWithClaims(DemoIds.UserHartmann, hartmann).GetAsync(services);
        await notChosen.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "actor.party_not_chosen");

        using var notAllowed = await host.ClientWithClaims(DemoIds.UserHartmann, hartmann, actingParty: DemoIds.BrokerMueller.ToString()).GetAsync(services);
        await notAllowed.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "actor.party_not_allowed");

        using var malformedHeader = await host.ClientWithClaims(DemoIds.UserHartmann, hartmann, actingParty: "Broker").GetAsync(services);
        await malformedHeader.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "actor.party_not_allowed");

        // The claims name a party whose member the user is not: the module's own rows decide.
        using var foreign = await host.Client(ApiActor.ForeignPartyClaim).GetAsync(services);
        await foreign.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "actor.forbidden");

        using var chosen = await host.ClientWithClaims(DemoIds.UserHartmann, hartmann, actingParty: DemoIds.BrokerHartmann.ToString()).GetAsync(services);
        chosen.StatusCode.Should().Be(HttpStatusCode.OK, await chosen.Content.ReadAsStringAsync());
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task An_anonymous_request_is_401_before_its_body_is_looked_at(ApiDatabase database)
    {
        var host = await hosts.For(database);

        using var response = await host.Client(ApiActor.Anonymous).SendAsync(HttpMethod.Post, host.Path("orders"), "{ not json");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "actor.anonymous");
    }
}
