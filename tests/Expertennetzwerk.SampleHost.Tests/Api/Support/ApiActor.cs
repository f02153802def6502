using Expertennetzwerk.Module.Common;
using Expertennetzwerk.SampleHost.Demo;

namespace Expertennetzwerk.SampleHost.Tests.Api.Support;

/// <summary>The callers of the authorization matrix, relative to an order of <see cref="ApiActors.OwningBroker"/> for a service of <see cref="ApiActors.AssignedExpert"/>'s party.</summary>
public enum ApiActor
{
    OwningBroker,
    OtherBroker,
    AssignedExpert,
    OtherExpert,
    OperatorWithoutPurpose,
    OperatorWithPurpose,
    OtherNetworkUser,
    ForeignPartyClaim,
    Anonymous,
}

/// <summary>Who each <see cref="ApiActor"/> is in the sample's demo network (and the second network the tests add).</summary>
public static class ApiActors
{
    /// <summary>The service the matrix orders: the fleet check needs no consent, so a draft can be placed at once.</summary>
    public static readonly Guid Service = DemoIds.ServiceKfzFlotte;

    /// <summary>A customer of the owning broker in the sample CRM.</summary>
    public const string CustomerRef = "K-10002";

    public const string FleetFormData = """{"anzahlFahrzeuge": 7, "aktuellerVersicherer": "Rheinische Kraftfahrt VVaG", "hauptfaelligkeit": "2027-01-01"}""";

    /// <summary>The purpose the operator names to read an order's details (<c>X-Expertennetzwerk-Purpose</c>).</summary>
    public const string Purpose = "Pr%C3%BCfung%20einer%20Beschwerde";

    public static readonly Actor OwningBroker = Actor.Broker(DemoIds.Network, DemoIds.BrokerMueller, DemoIds.UserMueller);
    public static readonly Actor OtherBroker = Actor.Broker(DemoIds.Network, DemoIds.AdvisorSchneider, DemoIds.UserSchneider);
    public static readonly Actor AssignedExpert = Actor.Expert(DemoIds.Network, DemoIds.ExpertHartmannSpezial, DemoIds.UserKrause);
    public static readonly Actor OtherExpert = Actor.Expert(DemoIds.Network, DemoIds.ExpertFinanzKompass, DemoIds.UserVogel);
    public static readonly Actor Operator = Actor.Operator(DemoIds.Network, DemoIds.OperatorParty, DemoIds.UserKoch);

    /// <summary>A broker of a second network (<see cref="ApiHost"/> adds it): a real, verified actor that sees nothing of the demo network.</summary>
    public static readonly Actor OtherNetworkBroker = Actor.Broker(
        Guid.Parse("0190a000-0000-7000-8000-00000000a001"), Guid.Parse("0190a000-0000-7000-8000-00000000a111"), Guid.Parse("0190a000-0000-7000-8000-00000000a211"));

    /// <summary>The other broker's user claiming the owning broker's party: the claims say so, the module's rows do not.</summary>
    public static readonly Actor ForeignPartyClaim = Actor.Broker(DemoIds.Network, DemoIds.BrokerMueller, DemoIds.UserSchneider);

    public static Actor? Of(ApiActor actor) => actor switch
    {
        ApiActor.OwningBroker => OwningBroker,
        ApiActor.OtherBroker => OtherBroker,
        ApiActor.AssignedExpert => AssignedExpert,
        ApiActor.OtherExpert => OtherExpert,
        ApiActor.OperatorWithoutPurpose or ApiActor.OperatorWithPurpose => Operator,
        ApiActor.OtherNetworkUser => OtherNetworkBroker,
        ApiActor.ForeignPartyClaim => ForeignPartyClaim,
        ApiActor.Anonymous => null,
        _ => throw new ArgumentOutOfRangeException(nameof(actor)),
    };
}
