using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Api.Support;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// The web UI's page handlers over HTTP (no browser), on SQLite and PostgreSQL, with the pages mapped under another
/// prefix: the mailed link follows, and bad input (cursor, state, long search, missing antiforgery token, a refused or
/// stale action) gets a page of its own, never a 500.
/// </summary>
public sealed partial class PageHandlerTests
{
    private const string Prefix = "/crm/enw";

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Pages_under_another_prefix_answer_each_reader_as_they_may(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database, settings: new Dictionary<string, string?> { ["Expertennetzwerk:PagesPrefix"] = Prefix });
        var draft = await FirstOrderAsync(host, OrderState.Draft);

        // The mailed "Zum Auftrag" link is built from the page's route, under the prefix the host chose.
        var link = host.Services.GetRequiredService<IPublicLinks>().Order(DemoIds.Network, draft.Id);
        link.AbsolutePath.Should().Be($"{Prefix}/orders/{draft.Id:D}");

        using var broker = host.Client(ApiActors.OwningBroker);
        using (var page = await broker.GetAsync(new Uri(link.AbsolutePath, UriKind.Relative)))
        {
            page.StatusCode.Should().Be(HttpStatusCode.OK);
            page.Headers.CacheControl!.NoStore.Should().BeTrue("an order page carries personal data");
            page.Content.Headers.ContentLanguage.Should().Equal("de");
            (await page.Content.ReadAsStringAsync()).Should().Contain($"Auftrag {draft.Number}").And.Contain("Angelegt (Entwurf)", "the history names its events");
        }

        using (var english = new HttpRequestMessage(HttpMethod.Get, $"{Prefix}/orders"))
        {
            english.Headers.AcceptLanguage.Clear();
            english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-GB"));
            using var response = await broker.SendAsync(english);
            (await response.Content.ReadAsStringAsync()).Should().Contain("<h1>Order list</h1>");
        }

        // Who may not: anonymous → sign in (401), another broker → 404, an expert in the catalogue → 403.
        using (var anonymous = host.Client(ApiActor.Anonymous))
        using (var response = await anonymous.GetAsync(new Uri(link.AbsolutePath, UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await response.Content.ReadAsStringAsync()).Should().Contain("Bitte melden Sie sich an").And.NotContain(draft.Number);
        }

        using (var other = host.Client(ApiActors.OtherBroker))
        using (var response = await other.GetAsync(new Uri(link.AbsolutePath, UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await response.Content.ReadAsStringAsync()).Should().NotContain(draft.Number);
        }

        using (var expert = host.Client(ApiActors.OtherExpert))
        using (var response = await expert.GetAsync(new Uri($"{Prefix}/catalog", UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await response.Content.ReadAsStringAsync()).Should().Contain("Kein Zugriff");
        }

        // A user of two parties without a choice (no header, nothing chosen on the party switch): 403 with the reason in words.
        using (var both = host.ClientWithClaims(DemoIds.UserHartmann, [$"Broker:{DemoIds.BrokerHartmann}", $"Expert:{DemoIds.ExpertHartmannSpezial}"]))
        using (var response = await both.GetAsync(new Uri($"{Prefix}/orders", UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("für mehrere Parteien handeln");
        }

        // Typed into the URL: a broken cursor, a state that is none, an overlong search — a page, never a 500.
        foreach (var path in new[] { "orders?cursor=not-a-cursor", "orders?state=Nonsense", "orders?q=" + new string('x', 500), "catalog?q=" + new string('y', 500), "catalog?category=nope", "orders?from=nonsense&to=2026-13-45", "orders?service=x&category=y", "orders?from=2026-05-01&to=2020-01-01" })
        {
            using var response = await broker.GetAsync(new Uri($"{Prefix}/{path}", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        }

        // The list's filters: by service (another service's orders are not listed), by the day of creation.
        var otherService = await host.InScopeAsync(async services =>
            (await services.GetRequiredService<ExpertOrderQueries>().ListOrdersAsync(ApiActors.OwningBroker, new OrderListQuery { PageSize = 100 })).Value.Items.First(o => o.ServiceId != draft.ServiceId));
        var byService = await broker.GetStringAsync(new Uri($"{Prefix}/orders?service={draft.ServiceId}", UriKind.Relative));
        byService.Should().Contain(draft.Number).And.NotContain(otherService.Number);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await broker.GetStringAsync(new Uri($"{Prefix}/orders?from={today}&to={today}", UriKind.Relative))).Should().Contain(draft.Number);
        (await broker.GetStringAsync(new Uri($"{Prefix}/orders?to=2000-01-01", UriKind.Relative))).Should().NotContain(draft.Number);
        WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri($"{Prefix}/catalog", UriKind.Relative))).Should().Contain("<h2>Kfz-Geschäft</h2>", "the catalogue is grouped by the network's categories");

        using (var response = await broker.GetAsync(new Uri($"{Prefix}/orders/{Guid.NewGuid()}", UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Placing_from_the_order_page_needs_the_antiforgery_token_and_shows_the_cores_answer(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        var draft = await FirstOrderAsync(host, OrderState.Draft);
        using var broker = host.Client(ApiActors.OwningBroker);
        var orderPath = $"/expertennetzwerk/orders/{draft.Id:D}?handler=Place";

        // No token: refused before the handler runs, nothing changes.
        using (var response = await broker.PostAsync(new Uri(orderPath, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = "1" })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("Anfrage nicht möglich", "the module's friendly 400 page, not an empty answer");
        }

        // A tampered token: the same page.
        using (var response = await broker.PostAsync(new Uri(orderPath, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["version"] = "1",
                   ["__RequestVerificationToken"] = "CfDJ8-tampered",
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("Anfrage nicht möglich");
        }

        // With the token (from any form of the signed-in user) and a version that is not the order's: the page again,
        // 409, with the reason in words; the draft is still a draft.
        var token = await TokenAsync(broker);

        // A handler the page does not have, typed into the URL: a GET shows the page (Razor Pages falls back to OnGet),
        // a POST — which has no handler to fall back to — is the 404 page, never an error.
        foreach (var path in new[] { $"/expertennetzwerk/orders/{draft.Id:D}?handler=Nonsense", "/expertennetzwerk/orders?handler=Nonsense", "/expertennetzwerk/?handler=Nonsense" })
        {
            using (var get = await broker.GetAsync(new Uri(path, UriKind.Relative)))
            {
                get.StatusCode.Should().Be(HttpStatusCode.OK, path);
            }

            using var post = await broker.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { [token.Name] = token.Value }));
            post.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            (await post.Content.ReadAsStringAsync()).Should().NotContain(draft.Number, path);
        }

        using (var response = await broker.PostAsync(new Uri(orderPath, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["version"] = "999999",
                   [token.Name] = token.Value,
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Conflict);
            var html = await response.Content.ReadAsStringAsync();
            html.Should().Contain("enw-problem").And.Contain($"Auftrag {draft.Number}");
        }

        (await FirstOrderAsync(host, OrderState.Draft)).Id.Should().Be(draft.Id);
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_broker_writes_a_message_and_opens_a_dispute_from_the_order_page_with_the_text_checked_at_its_field(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        var order = await FirstOrderAsync(host, OrderState.InProgress);
        using var broker = host.Client(ApiActors.OwningBroker);
        var orderPage = $"/expertennetzwerk/orders/{order.Id:D}";
        var html = WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        html.Should().Contain("Reklamation eröffnen", "the core permits the broker a dispute on an order in progress")
            .And.NotContain("Verbindlich weiterleiten", "placing is not permitted on a placed order");
        var version = Regex.Match(html, "name=\"version\" value=\"(?<v>[0-9]+)\"").Groups["v"].Value;
        var token = await TokenAsync(broker);

        // Only blanks: 400, the message next to the field, the text as typed.
        using (var response = await broker.PostAsync(new Uri(orderPage + "?handler=Dispute", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["version"] = version, ["disputeReason"] = "   ", [token.Name] = token.Value,
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            page.Should().MatchRegex("(?s)enw-dispute-reason.*Bitte füllen Sie dieses Feld aus\\.");
        }

        (await FirstOrderAsync(host, OrderState.InProgress)).Id.Should().Be(order.Id, "nothing changed");

        // A message in the thread: blank → at its field; with text → sent, shown in the thread.
        using (var response = await broker.PostAsync(new Uri(orderPage + "?handler=Message", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["message"] = "", [token.Name] = token.Value,
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().MatchRegex("(?s)enw-message.*Bitte füllen Sie dieses Feld aus\\.");
        }

        using (var response = await broker.PostAsync(new Uri(orderPage + "?handler=Message", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["message"] = "Bitte bis Freitag.", [token.Name] = token.Value,
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        (await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative))).Should().Contain("Bitte bis Freitag.");
        version = Regex.Match(await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative)), "name=\"version\" value=\"(?<v>[0-9]+)\"").Groups["v"].Value;

        // With a reason (hostile, too): back to the order (post/redirect/get), now disputed, the reason in the history as text.
        using (var response = await broker.PostAsync(new Uri(orderPage + "?handler=Dispute", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["version"] = version, ["disputeReason"] = "Nur drei Angebote <script>alert(1)</script>", [token.Name] = token.Value,
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.OriginalString.Should().Be(orderPage);
        }

        var after = await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative));
        WebUtility.HtmlDecode(after).Should().Contain("Reklamiert");
        after.Should().Contain("Nur drei Angebote &lt;script&gt;alert(1)&lt;/script&gt;").And.NotContain("<script>alert(1)");
    }

    private static Task<OrderListItem> FirstOrderAsync(ApiHost host, OrderState state) =>
        host.InScopeAsync(async services =>
        {
            var page = await services.GetRequiredService<ExpertOrderQueries>().ListOrdersAsync(ApiActors.OwningBroker, new OrderListQuery { States = [state] });
            return page.Value.Items.First();
        });

    private static async Task<(string Name, string Value)> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(new Uri("/demo", UriKind.Relative));
        var match = AntiforgeryField().Match(html);
        match.Success.Should().BeTrue("the demo page has forms with the antiforgery token");
        return (match.Groups["name"].Value, match.Groups["value"].Value);
    }

    [GeneratedRegex("<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
