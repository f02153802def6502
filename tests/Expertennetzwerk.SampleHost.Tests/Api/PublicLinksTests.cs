using System.Net;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Api.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api;

/// <summary>Mailed links come from the routes: a host that maps the API and the consent pages elsewhere still mails working links.</summary>
public sealed class PublicLinksTests
{
    [Fact]
    public async Task With_other_prefixes_the_mailed_consent_link_leads_to_the_consent_page()
    {
        await using var host = await ApiHost.StartAsync(ApiDatabase.Sqlite, prefix: "/crm/schnittstelle/enw", settings: new Dictionary<string, string?>
        {
            ["Expertennetzwerk:ConsentPrefix"] = "/kunden/einwilligung",
        });
        var broker = host.Client(Module.Common.Actor.Broker(DemoIds.Network, DemoIds.BrokerMueller, DemoIds.UserMueller));
        using var created = await broker.SendAsync(HttpMethod.Post, host.Path("orders"),
            $$$"""{"serviceId":"{{{DemoIds.ServiceWeiteranlage}}}","customerRef":"K-10001","formData":{"anlagebetrag": 4850000, "faelligkeit": "2026-09-01", "anlagehorizont": "lang", "nachhaltigkeit": true}}""");
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.OriginalString.Should().StartWith("/crm/schnittstelle/enw/orders/");
        var orderId = (await created.JsonAsync()).GetProperty("id").GetGuid();

        using var requested = await broker.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/consents"), """{"dataSubject":"Customer"}""");
        requested.StatusCode.Should().Be(HttpStatusCode.Created, await requested.Content.ReadAsStringAsync());
        var consentUrl = new Uri((await requested.JsonAsync()).GetProperty("consentUrl").GetString()!);
        consentUrl.AbsolutePath.Should().StartWith("/kunden/einwilligung/", "the link follows the consent pages' route");
        consentUrl.GetLeftPart(UriPartial.Authority).Should().Be("http://127.0.0.1:5080", "scheme and host come from PublicBaseUrl");

        (await host.MailWithAsync(consentUrl)).Should().Contain(consentUrl.AbsoluteUri, "the data subject is mailed this link");
        var answer = await host.DecideAsync(consentUrl);
        answer.Should().Contain("Ihre Einwilligung für den Auftrag")
            .And.Contain("http://127.0.0.1:5080/kunden/einwilligung/withdraw/", "the withdrawal link follows the route too");
    }
}
