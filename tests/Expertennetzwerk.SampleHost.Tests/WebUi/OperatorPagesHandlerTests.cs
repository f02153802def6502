using System.Net;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Tests.Api.Support;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// The operator's pages over HTTP (no browser), on SQLite and PostgreSQL: each answers the operator and the 403 page for
/// a broker or an expert (every page mapped under the operator's prefix, read from the host's endpoints); a rejection without a reason is a field error; a dispute's texts and thread appear only after
/// a stated purpose, which the core historises; a dead letter goes back into delivery.
/// </summary>
public sealed partial class OperatorPagesHandlerTests
{
    private const string Prefix = "/expertennetzwerk/operator";

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Every_operator_page_answers_the_operator_and_the_403_page_for_a_broker_and_an_expert(ApiDatabase database)
    {
        await using var host = await StartAsync(database);
        var (_, versionId) = await host.SubmittedServiceAsync();
        var orderId = await host.OrderInStateAsync("Disputed");
        var deadLetter = await host.DeadLetterAsync();
        var pages = new Dictionary<string, string>
        {
            [Prefix] = "Netzwerkorganisation",
            [Prefix + "/reviews"] = "Prüfliste: Versionen zur Freigabe",
            [$"{Prefix}/reviews/{versionId}"] = "Prüfung: Gewerbe-Check",
            [Prefix + "/disputes"] = "Offene Reklamationen",
            [$"{Prefix}/disputes/{orderId}"] = "(Netzwerkorganisation)",
            [Prefix + "/dead-letters"] = "Unzustellbare Nachrichten",
            [Prefix + "/orders"] = "Aufträge im Netzwerk",
            [$"{Prefix}/orders/{orderId}"] = "(Netzwerkorganisation)",
        };

        // Every page the module maps under the operator's prefix is in the list (a new page cannot miss the 403 check).
        var routes = await host.InScopeAsync(services => Task.FromResult(services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(t => t.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)).Distinct().ToList()));
        routes.Should().NotBeEmpty();
        foreach (var route in routes)
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(route), @"\\\{[^}]*}", "[^/]+") + "$";
            pages.Keys.Should().Contain(p => Regex.IsMatch(p, pattern), "the operator page {0} is checked", route);
        }

        using var operatorClient = host.Client(ApiActors.Operator);
        foreach (var (path, heading) in pages)
        {
            using var response = await operatorClient.GetAsync(new Uri(path, UriKind.Relative));
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            Heading(html).Should().Contain(heading, path);
        }

        var start = WebUtility.HtmlDecode(await operatorClient.GetStringAsync(new Uri(Prefix, UriKind.Relative)));
        Badge(start, "open-disputes").Should().BeGreaterThanOrEqualTo(1);
        Badge(start, "awaiting-review").Should().BeGreaterThanOrEqualTo(1);
        start.Should().Contain("data-testid=\"dead-letters\">").And.Contain("href=\"/expertennetzwerk/operator/dead-letters\"", "the operator's nav and the dashboard link the pages");

        foreach (var actor in new[] { ApiActors.OwningBroker, ApiActors.AssignedExpert })
        {
            using var client = host.Client(actor);
            foreach (var path in pages.Keys)
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{actor.PartyKind} {path}");
                WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().NotContain("enw-purpose").And.NotContain("Der Kunde ist nicht erreichbar");
            }

            (await client.GetStringAsync(new Uri("/expertennetzwerk", UriKind.Relative))).Should().NotContain("/expertennetzwerk/operator", "only the operator sees the operator's links");
            var token = await TokenAsync(client);
            using var requeue = await client.PostAsync(new Uri(Prefix + "/dead-letters?handler=Requeue", UriKind.Relative), Form(token, ("id", deadLetter.ToString())));
            requeue.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        (await StatusOfAsync(host, deadLetter)).Should().Be(OutboxStatus.DeadLettered, "nobody but the operator re-queues");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_review_shows_the_new_version_beside_the_published_one_rejects_only_with_a_reason_and_approves(ApiDatabase database)
    {
        await using var host = await StartAsync(database);
        var versionId = await host.InScopeAsync(async services =>
        {
            var administration = services.GetRequiredService<ServiceAdministration>();
            var service = (await administration.GetServiceAsync(ApiActors.AssignedExpert, ApiActors.Service)).Value;
            var published = (await administration.GetVersionAsync(ApiActors.AssignedExpert, service.PublishedVersionId!.Value)).Value.Content;
            var saved = await administration.SaveVersionAsync(ApiActors.AssignedExpert, ApiActors.Service, published with { PriceCents = 123456, Title = published.Title + " <b>neu</b>" });
            saved.IsOk.Should().BeTrue(saved.ToString());
            (await administration.SubmitAsync(ApiActors.AssignedExpert, saved.Value.VersionId)).IsOk.Should().BeTrue();
            return saved.Value.VersionId;
        });

        using var operatorClient = host.Client(ApiActors.Operator);
        var reviewPath = $"{Prefix}/reviews/{versionId}";
        (await operatorClient.GetStringAsync(new Uri(Prefix + "/reviews", UriKind.Relative))).Should().Contain(reviewPath);
        var html = await operatorClient.GetStringAsync(new Uri(reviewPath, UriKind.Relative));
        html.Should().Contain("&lt;b&gt;neu&lt;/b&gt;", "the title is text");
        var price = Row(WebUtility.HtmlDecode(html), "Preis");
        price.Should().Contain("data-changed=\"true\"").And.Contain("<ins>1.234,56 €</ins>").And.Contain("<del>");
        Row(WebUtility.HtmlDecode(html), "Fristen").Should().Contain("data-changed=\"false\"");

        var token = await TokenAsync(operatorClient);
        foreach (var blank in new[] { "  ", string.Empty })
        {
            using var response = await operatorClient.PostAsync(new Uri(reviewPath + "?handler=Reject", UriKind.Relative), Form(token, ("rejectReason", blank)));
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
            body.Should().MatchRegex("field-validation-error\" data-valmsg-for=\"rejectReason\"[^>]*>[^<]+<");
        }

        (await StatusAsync(host, versionId)).Should().Be(ServiceVersionStatus.PendingApproval);
        using (var response = await operatorClient.PostAsync(new Uri(reviewPath + "?handler=Reject", UriKind.Relative), Form(token, ("rejectReason", "Preis bitte begründen"))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        }

        (await StatusAsync(host, versionId)).Should().Be(ServiceVersionStatus.Rejected);
        WebUtility.HtmlDecode(await operatorClient.GetStringAsync(new Uri(reviewPath, UriKind.Relative))).Should().Contain("Preis bitte begründen").And.NotContain("handler=Approve");

        // Approving what is no longer pending: the refusal above the page (409).
        using (var response = await operatorClient.PostAsync(new Uri(reviewPath + "?handler=Approve", UriKind.Relative), Form(token)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await response.Content.ReadAsStringAsync()).Should().Contain("enw-problem");
        }

        var (_, fresh) = await host.SubmittedServiceAsync();
        using (var response = await operatorClient.PostAsync(new Uri($"{Prefix}/reviews/{fresh}?handler=Approve", UriKind.Relative), Form(token)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        (await StatusAsync(host, fresh)).Should().Be(ServiceVersionStatus.Published);
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_dispute_shows_its_texts_and_thread_only_after_a_recorded_purpose_and_is_resolved_with_an_outcome_and_a_note(ApiDatabase database)
    {
        await using var host = await StartAsync(database);
        var orderId = await host.OrderInStateAsync("AwaitingInformation");
        await host.SendMessageAsync(ApiActors.OwningBroker, orderId, "Die Fahrzeugliste kommt morgen.");
        await host.CommandAsync(ApiActors.OwningBroker, orderId, "information", new { answer = "Die Fahrzeugliste liegt bei." });
        await host.CommandAsync(ApiActors.AssignedExpert, orderId, "disputes", new { reason = "Der Kunde ist nicht erreichbar." });
        var path = $"{Prefix}/disputes/{orderId}";
        using var operatorClient = host.Client(ApiActors.Operator);

        (await operatorClient.GetStringAsync(new Uri(Prefix + "/disputes", UriKind.Relative))).Should().Contain(path);
        var html = WebUtility.HtmlDecode(await operatorClient.GetStringAsync(new Uri(path, UriKind.Relative)));
        html.Should().Contain("purpose-form").And.NotContain("Der Kunde ist nicht erreichbar").And.NotContain("Fahrzeugliste").And.NotContain("data-testid=\"thread\"");
        var accesses = await AccessesAsync(host, orderId);

        var token = await TokenAsync(operatorClient);
        using (var response = await operatorClient.PostAsync(new Uri(path + "?handler=Purpose", UriKind.Relative), Form(token, ("purpose", " "))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            page.Should().MatchRegex("field-validation-error\" data-valmsg-for=\"purpose\"[^>]*>[^<]+<").And.NotContain("Der Kunde ist nicht erreichbar");
        }

        (await AccessesAsync(host, orderId)).Should().Be(accesses, "no look without a purpose");
        using (var response = await operatorClient.PostAsync(new Uri(path + "?handler=Purpose", UriKind.Relative), Form(token, ("purpose", "Reklamation <prüfen>"))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            page.Should().Contain("Der Kunde ist nicht erreichbar").And.Contain("Die Fahrzeugliste kommt morgen.").And.NotContain("purpose-form");
            response.Headers.TryGetValues("Set-Cookie", out var cookies).Should().BeTrue();
            cookies!.Single(c => c.StartsWith("enw-purpose=", StringComparison.Ordinal)).Should().Contain("httponly").And.Contain("samesite=strict").And.NotContain("prüfen");
        }

        (await AccessesAsync(host, orderId)).Should().BeGreaterThan(accesses, "the core historised the look");

        // Asked once per visit: the next view of this order shows the details without asking again.
        html = WebUtility.HtmlDecode(await operatorClient.GetStringAsync(new Uri(path, UriKind.Relative)));
        html.Should().Contain("Die Fahrzeugliste kommt morgen.").And.Contain("Reklamation <prüfen>").And.NotContain("purpose-form");
        var version = VersionField().Match(html).Groups["v"].Value;

        // Resolving without an outcome or note: every error at its field, nothing changed.
        using (var response = await operatorClient.PostAsync(new Uri(path + "?handler=Resolve", UriKind.Relative), Form(token, ("version", version))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var page = await response.Content.ReadAsStringAsync();
            page.Should().MatchRegex("field-validation-error\" data-valmsg-for=\"resolution\"[^>]*>[^<]+<").And.MatchRegex("field-validation-error\" data-valmsg-for=\"note\"[^>]*>[^<]+<");
        }

        // A stale version: the lost race above the page (409), the note kept.
        using (var response = await operatorClient.PostAsync(new Uri(path + "?handler=Resolve", UriKind.Relative), Form(token, ("version", "1"), ("resolution", "Resume"), ("note", "Weiter <so>"))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await response.Content.ReadAsStringAsync()).Should().Contain("enw-problem").And.Contain("Weiter &lt;so&gt;");
        }

        using (var response = await operatorClient.PostAsync(new Uri(path + "?handler=Resolve", UriKind.Relative), Form(token, ("version", version), ("resolution", "Resume"), ("note", "Bitte fortsetzen."))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        }

        var state = await host.InScopeAsync(async services => (await services.GetRequiredService<ExpertOrderQueries>().GetOrderAsync(ApiActors.OwningBroker, orderId)).Value.State);
        state.Should().Be(OrderState.InProgress);

        // Another order: the stored purpose is this order's only.
        var other = await host.OrderInStateAsync("Disputed");
        (await operatorClient.GetStringAsync(new Uri($"{Prefix}/disputes/{other}", UriKind.Relative))).Should().Contain("purpose-form");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_operator_re_queues_a_dead_letter_and_an_unknown_one_is_the_404_page(ApiDatabase database)
    {
        await using var host = await StartAsync(database);
        var deadLetter = await host.DeadLetterAsync();
        using var operatorClient = host.Client(ApiActors.Operator);
        var html = WebUtility.HtmlDecode(await operatorClient.GetStringAsync(new Uri(Prefix + "/dead-letters", UriKind.Relative)));
        html.Should().Contain("test.no_handler").And.Contain("test: no handler").And.Contain($"value=\"{deadLetter}\"");

        var token = await TokenAsync(operatorClient);
        using (var response = await operatorClient.PostAsync(new Uri(Prefix + "/dead-letters?handler=Requeue", UriKind.Relative), Form(token, ("id", deadLetter.ToString()))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        }

        // Re-queued: pending again (or already re-tried by the dispatcher, which counts a fresh attempt).
        var attempts = await host.InScopeAsync(async services =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<SampleCrmDbContext>>().CreateDbContextAsync();
            return await db.Set<OutboxMessage>().Where(m => m.Id == deadLetter).Select(m => m.Attempts).SingleAsync();
        });
        attempts.Should().BeLessThan(5, "the attempts start again");

        using (var response = await operatorClient.PostAsync(new Uri(Prefix + "/dead-letters?handler=Requeue", UriKind.Relative), Form(token, ("id", Guid.NewGuid().ToString()))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        // A handler the page does not have (typed into the URL): the 404 page, not an error.
        using (var response = await operatorClient.PostAsync(new Uri(Prefix + "/dead-letters?handler=Nonsense", UriKind.Relative), Form(token, ("id", deadLetter.ToString()))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var response = await operatorClient.GetAsync(new Uri($"{Prefix}/reviews/{Guid.NewGuid()}?handler=Nonsense", UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var response = await operatorClient.PostAsync(new Uri(Prefix + "/dead-letters?handler=Requeue", UriKind.Relative), Form(("__RequestVerificationToken", "CfDJ8-tampered"), ("id", deadLetter.ToString()))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }
    }

    private static async Task<ApiHost> StartAsync(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        return await ApiHost.StartAsync(database);
    }

    private static Task<OutboxStatus> StatusOfAsync(ApiHost host, Guid id) =>
        host.InScopeAsync(async services =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<SampleCrmDbContext>>().CreateDbContextAsync();
            return await db.Set<OutboxMessage>().Where(m => m.Id == id).Select(m => m.Status).SingleAsync();
        });

    private static Task<ServiceVersionStatus> StatusAsync(ApiHost host, Guid versionId) =>
        host.InScopeAsync(async services => (await services.GetRequiredService<ServiceAdministration>().GetVersionAsync(ApiActors.Operator, versionId)).Value.Summary.Status);

    /// <summary>How often the operator's looks at the order's data were historised.</summary>
    private static Task<int> AccessesAsync(ApiHost host, Guid orderId) =>
        host.InScopeAsync(async services => (await services.GetRequiredService<ExpertOrderQueries>().GetOrderAsync(ApiActors.OwningBroker, orderId)).Value
            .History.Count(h => h.Event is ExpertOrderQueries.OperatorAccessEvent or "OperatorMessageAccess"));

    private static FormUrlEncodedContent Form((string Name, string Value) token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new KeyValuePair<string, string>(token.Name, token.Value)));

    private static string Heading(string html) => Regex.Match(html, "<h1>(?<h>.*?)</h1>", RegexOptions.Singleline).Groups["h"].Value;

    private static int Badge(string html, string testId) =>
        int.Parse(Regex.Match(html, $"data-testid=\"{testId}\">(?<n>[0-9]+)").Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The review table's row whose heading starts with <paramref name="label"/>.</summary>
    private static string Row(string html, string label) =>
        Regex.Matches(html, "<tr[^>]*>.*?</tr>", RegexOptions.Singleline).Select(m => m.Value).First(r => r.Contains($"<th scope=\"row\">{label}", StringComparison.Ordinal));

    private static async Task<(string Name, string Value)> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(new Uri("/demo", UriKind.Relative));
        var match = AntiforgeryField().Match(html);
        match.Success.Should().BeTrue("the demo page has forms with the antiforgery token");
        return (match.Groups["name"].Value, match.Groups["value"].Value);
    }

    [GeneratedRegex("name=\"version\" value=\"(?<v>[0-9]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
