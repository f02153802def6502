using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Api.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api;

/// <summary>The seed's broker and expert stories, driven through the HTTP API alone (and the consent page the data subject uses).</summary>
[Collection(ApiCollection.Name)]
public sealed partial class StoryTests(ApiHosts hosts)
{
    private static readonly Module.Common.Actor Mueller = Module.Common.Actor.Broker(DemoIds.Network, DemoIds.BrokerMueller, DemoIds.UserMueller);
    private static readonly Module.Common.Actor Vogel = Module.Common.Actor.Expert(DemoIds.Network, DemoIds.ExpertFinanzKompass, DemoIds.UserVogel);

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_broker_orders_a_weiteranlage_the_customer_consents_and_the_expert_delivers_all_over_http(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var broker = host.Client(Mueller);
        var expert = host.Client(Vogel);

        // The broker finds the service and its form.
        using var found = await broker.GetAsync(host.Path("catalog/services?q=Weiteranlage"));
        var service = (await found.JsonAsync()).GetProperty("items").EnumerateArray().Single();
        service.GetProperty("isOrderable").GetBoolean().Should().BeTrue();
        var serviceId = service.GetProperty("serviceId").GetGuid();
        using var detail = await broker.GetAsync(host.Path($"catalog/services/{serviceId}"));
        var described = await detail.JsonAsync();
        described.GetProperty("expert").GetProperty("partyId").GetGuid().Should().Be(DemoIds.ExpertFinanzKompass);
        described.GetProperty("form").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Object);

        // Draft, save, preview.
        using var created = await broker.SendAsync(HttpMethod.Post, host.Path("orders"),
            $$$"""{"serviceId":"{{{serviceId}}}","customerRef":"K-10001","formData":{"anlagebetrag": 4850000, "faelligkeit": "2026-09-01", "anlagehorizont": "lang", "nachhaltigkeit": true}}""",
            ("Idempotency-Key", "story-" + Guid.NewGuid()));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var orderId = (await created.JsonAsync()).GetProperty("id").GetGuid();
        using var saved = await broker.SendAsync(HttpMethod.Put, host.Path($"orders/{orderId}/draft"),
            """{"formData":{"anlagebetrag": 5000000, "faelligkeit": "2026-09-01", "anlagehorizont": "lang", "nachhaltigkeit": true}}""", ("If-Match", created.ETag()));
        saved.StatusCode.Should().Be(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        using var preview = await broker.GetAsync(host.Path($"orders/{orderId}/description"));
        preview.StatusCode.Should().Be(HttpStatusCode.OK, await preview.Content.ReadAsStringAsync());
        (await preview.JsonAsync()).GetProperty("text").GetString().Should().NotBeNullOrWhiteSpace();

        // Consent: requested through the API, given by the customer through the link in the mail.
        using var requested = await broker.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/consents"), """{"dataSubject":"Customer"}""",
            ("Idempotency-Key", "story-consent-" + Guid.NewGuid()));
        requested.StatusCode.Should().Be(HttpStatusCode.Created, await requested.Content.ReadAsStringAsync());
        var consentUrl = new Uri((await requested.JsonAsync()).GetProperty("consentUrl").GetString()!);
        await host.MailWithAsync(consentUrl);
        var decision = await host.DecideAsync(consentUrl);
        var withdrawal = WithdrawalLink().Match(decision);
        withdrawal.Success.Should().BeTrue("the page shows the withdrawal link");
        using (var withdrawalPage = await host.Client(ApiActor.Anonymous).GetAsync(new Uri(new Uri(withdrawal.Value).PathAndQuery, UriKind.Relative)))
        {
            withdrawalPage.StatusCode.Should().Be(HttpStatusCode.OK, "the withdrawal link resolves");
        }

        // Place; the expert accepts, documents with an attachment, asks; the broker answers; progress; complete.
        await host.CommandAsync(Mueller, orderId, "place");
        await host.CommandAsync(Vogel, orderId, "accept");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% Anlegerprofil\n%%EOF\n");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Interessen-Check geführt: Anlagehorizont über 10 Jahre."), "text" },
            { new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "attachments", "Anlegerprofil Müller.pdf" },
        };
        using (var documented = await expert.PostAsync(host.Path($"orders/{orderId}/documentation"), form))
        {
            documented.StatusCode.Should().Be(HttpStatusCode.Created, await documented.Content.ReadAsStringAsync());
        }

        await host.CommandAsync(Vogel, orderId, "information-requests", new { question = "Bitte senden Sie den Auszahlungsbetrag der Versicherung." });
        await host.CommandAsync(Mueller, orderId, "information", new { answer = "48.500 € zum 1. September." });
        await host.CommandAsync(Vogel, orderId, "progress", new { step = "Anlagevorschlag erstellt" });
        var completed = await host.CommandAsync(Vogel, orderId, "complete");
        completed.GetProperty("state").GetString().Should().Be("Completed");

        // The broker downloads the attachment.
        using var order = await broker.GetAsync(host.Path($"orders/{orderId}"));
        var orderJson = await order.JsonAsync();
        orderJson.GetProperty("serviceTitle").GetString().Should().Be(service.GetProperty("title").GetString(), "the order names its service version's title");
        var attachment = orderJson.GetProperty("documentation").EnumerateArray().Single().GetProperty("attachments").EnumerateArray().Single();
        using var file = await broker.GetAsync(new Uri(attachment.GetProperty("href").GetString()!, UriKind.Relative));
        file.StatusCode.Should().Be(HttpStatusCode.OK);
        (await file.Content.ReadAsByteArrayAsync()).Should().Equal(pdf);
        file.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        file.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        file.Content.Headers.ContentDisposition.FileNameStar.Should().Be("Anlegerprofil Müller.pdf");
        file.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");

        // Another broker cannot reach the file: the same 404 as for a file that does not exist.
        using var foreign = await host.Client(ApiActor.OtherBroker).GetAsync(new Uri(attachment.GetProperty("href").GetString()!, UriKind.Relative));
        await foreign.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [GeneratedRegex(@"https?://[^\s""<]+/withdraw/[A-Za-z0-9_-]{43}")]
    private static partial Regex WithdrawalLink();
}
