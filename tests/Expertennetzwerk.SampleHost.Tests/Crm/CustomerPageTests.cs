using System.Net;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Api.Support;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.Crm;

/// <summary>
/// The CRM's customer pages and the module's party switch over HTTP (no browser), on SQLite and PostgreSQL: server-side
/// validation with the message at the field and the values kept, antiforgery, the broker party's own customers only.
/// </summary>
public sealed partial class CustomerPageTests
{
    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Creating_a_customer_checks_every_field_on_the_server_and_keeps_what_was_typed(ApiDatabase database)
    {
        SkipUnlessAvailable(database);
        await using var host = await ApiHost.StartAsync(database);
        using var broker = host.Client(ApiActors.OwningBroker);
        var token = await TokenAsync(broker, "/kunden/neu");

        // No token: refused, nothing stored.
        using (var response = await broker.PostAsync(new Uri("/kunden/neu", UriKind.Relative), Form(("Input.FirstName", "Anna"), ("Input.LastName", "Ohne Token"))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        // A missing last name, a four-digit postal code, a broken mail address, a birth date in the future: 400, each
        // message at its field, every typed value still in the form.
        using (var response = await broker.PostAsync(new Uri("/kunden/neu", UriKind.Relative), Form(
                   ("Input.FirstName", "Anna"), ("Input.LastName", "  "), ("Input.Street", "Rheinstraße 7"), ("Input.PostalCode", "6518"),
                   ("Input.City", "Wiesbaden"), ("Input.Email", "anna(at)example"), ("Input.BirthDate", "2999-01-01"), token)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Error(html, "LastName").Should().Be("Bitte geben Sie den Nachnamen an.");
            Error(html, "PostalCode").Should().Be("Die Postleitzahl hat fünf Ziffern.");
            Error(html, "Email").Should().StartWith("Bitte geben Sie eine gültige E-Mail-Adresse an");
            Error(html, "BirthDate").Should().Be("Das Geburtsdatum muss zwischen 1900 und heute liegen.");
            Error(html, "FirstName").Should().BeNull("a valid field carries no message");
            Value(html, "FirstName").Should().Be("Anna");
            Value(html, "Street").Should().Be("Rheinstraße 7");
            Value(html, "PostalCode").Should().Be("6518");
            Value(html, "Email").Should().Be("anna(at)example");
            html.Should().Contain("aria-describedby=\"Input_PostalCode-error\"");
        }

        (await CustomersAsync(host, DemoIds.BrokerMueller)).Should().NotContain(c => c.FirstName == "Anna");

        // Corrected: stored under the broker party with the next customer number, then its page.
        using (var response = await broker.PostAsync(new Uri("/kunden/neu", UriKind.Relative), Form(
                   ("Input.FirstName", "Anna"), ("Input.LastName", "Schmidt"), ("Input.Street", "Rheinstraße 7"), ("Input.PostalCode", "65185"),
                   ("Input.City", "Wiesbaden"), ("Input.Email", "anna.schmidt@example.de"), ("Input.BirthDate", "1980-05-17"), token)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.OriginalString.Should().Be("/kunden/K-10006", "Müller's demo customers end at K-10005");
        }

        var anna = (await CustomersAsync(host, DemoIds.BrokerMueller)).Single(c => c.FirstName == "Anna");
        (anna.CustomerRef, anna.LastName, anna.PostalCode, anna.BirthDate, anna.NetworkId).Should().Be(("K-10006", "Schmidt", "65185", new DateOnly(1980, 5, 17), DemoIds.Network));
        anna.Title.Should().BeNull("a blank optional field is stored as nothing");
        WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri("/kunden/K-10006", UriKind.Relative))).Should().Contain("Anna Schmidt").And.Contain("65185 Wiesbaden");

        // The module finds the new customer through the customer directory (what an order for it needs).
        var record = await host.InScopeAsync(async services => await services.GetRequiredService<Module.Ports.ICustomerDirectory>().FindAsync(DemoIds.Network, DemoIds.BrokerMueller, "K-10006"));
        record!.DisplayName.Should().Be("Anna Schmidt");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Editing_a_customer_validates_at_the_field_and_reaches_only_the_brokers_own_customers(ApiDatabase database)
    {
        SkipUnlessAvailable(database);
        await using var host = await ApiHost.StartAsync(database);
        using var broker = host.Client(ApiActors.OwningBroker);
        var token = await TokenAsync(broker, "/kunden/K-10004/bearbeiten");
        var form = WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri("/kunden/K-10004/bearbeiten", UriKind.Relative)));
        Value(form, "LastName").Should().Be("Öztürk", "the form starts with the stored values");

        using (var response = await broker.PostAsync(new Uri("/kunden/K-10004/bearbeiten", UriKind.Relative), Form(
                   ("Input.FirstName", "Jürgen"), ("Input.LastName", "Öztürk-Berg"), ("Input.Phone", "0176 <b>12</b>"), ("Input.PostalCode", "64283"), token)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var html = await response.Content.ReadAsStringAsync();
            Error(WebUtility.HtmlDecode(html), "Phone").Should().Be("Bitte nur Ziffern, Leerzeichen und + / ( ) -.");
            Value(WebUtility.HtmlDecode(html), "LastName").Should().Be("Öztürk-Berg");
            html.Should().Contain("0176 &lt;b&gt;12&lt;/b&gt;").And.NotContain("<b>12</b>", "what was typed comes back as text");
        }

        (await CustomersAsync(host, DemoIds.BrokerMueller)).Single(c => c.CustomerRef == "K-10004").LastName.Should().Be("Öztürk", "nothing changed");

        using (var response = await broker.PostAsync(new Uri("/kunden/K-10004/bearbeiten", UriKind.Relative), Form(
                   ("Input.FirstName", "Jürgen"), ("Input.LastName", "Öztürk-Berg"), ("Input.Phone", "0176 1234567"), ("Input.PostalCode", "64283"), token)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.OriginalString.Should().Be("/kunden/K-10004?gespeichert=true");
        }

        (await CustomersAsync(host, DemoIds.BrokerMueller)).Single(c => c.CustomerRef == "K-10004").LastName.Should().Be("Öztürk-Berg");

        // Another broker's customer: not found, for reading and for writing; an expert: no access; nobody: to the sign-in.
        using var other = host.Client(ApiActors.OtherBroker);
        var otherToken = await TokenAsync(other, "/kunden/neu");
        (await other.GetAsync(new Uri("/kunden/K-10004", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var response = await other.PostAsync(new Uri("/kunden/K-10004/bearbeiten", UriKind.Relative), Form(("Input.FirstName", "X"), ("Input.LastName", "Y"), otherToken)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await response.Content.ReadAsStringAsync()).Should().NotContain("Öztürk");
        }

        (await CustomersAsync(host, DemoIds.BrokerMueller)).Single(c => c.CustomerRef == "K-10004").FirstName.Should().Be("Jürgen");
        (await other.GetStringAsync(new Uri("/kunden", UriKind.Relative))).Should().Contain("K-30001").And.NotContain("K-10004");

        using var expert = host.Client(ApiActors.OtherExpert);
        (await expert.GetAsync(new Uri("/kunden", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var anonymous = host.Client(ApiActor.Anonymous);
        using (var response = await anonymous.GetAsync(new Uri("/kunden", UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.OriginalString.Should().Be("/demo");
        }
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_customer_list_searches_and_the_order_tab_leads_to_the_modules_new_order_page(ApiDatabase database)
    {
        SkipUnlessAvailable(database);
        await using var host = await ApiHost.StartAsync(database);
        using var broker = host.Client(ApiActors.OwningBroker);

        var all = await broker.GetStringAsync(new Uri("/kunden", UriKind.Relative));
        CustomerRefs(all).Should().BeEquivalentTo(["K-10001", "K-10002", "K-10003", "K-10004", "K-10005"], "the broker party's customers, no one else's");
        CustomerRefs(await broker.GetStringAsync(new Uri("/kunden?q=b%C3%A4ckerei", UriKind.Relative))).Should().Equal("K-10002");
        CustomerRefs(await broker.GetStringAsync(new Uri("/kunden?q=darmstadt", UriKind.Relative))).Should().Equal("K-10004");
        (await broker.GetStringAsync(new Uri("/kunden?q=%25", UriKind.Relative))).Should().Contain("Keine Kunden gefunden");

        var tab = WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri("/kunden/K-10001?tab=neue-experten-dienstleistung", UriKind.Relative)));
        tab.Should().Contain("<form method=\"get\" action=\"/expertennetzwerk/orders/new\"")
            .And.Contain($"value=\"{DemoIds.ServiceWeiteranlage}\"")
            .And.Contain("<input type=\"hidden\" name=\"customerRef\" value=\"K-10001\" />")
            .And.Contain("Experten-Dienstleistung bestellen");

        // The advisor may not order a service with a revenue share: shown, not choosable, with the core's reason.
        using var advisor = host.Client(ApiActors.OtherBroker);
        var advisorTab = WebUtility.HtmlDecode(await advisor.GetStringAsync(new Uri("/kunden/K-30002?tab=neue-experten-dienstleistung", UriKind.Relative)));
        advisorTab.Should().MatchRegex($"value=\"{DemoIds.ServicePkvTarifwechsel}\"[^>]*disabled").And.Contain("nicht bestellbar:");

        // The timeline shows the module's host events for the customer, with links to the orders.
        string timeline = string.Empty;
        for (var i = 0; i < 120 && !timeline.Contains("Auftrag abgeschlossen", StringComparison.Ordinal); i++)
        {
            await Task.Delay(500);
            timeline = WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri("/kunden/K-10001?tab=verlauf", UriKind.Relative)));
        }

        timeline.Should().Contain("Auftrag verbindlich erteilt").And.Contain("Auftrag abgeschlossen").And.MatchRegex("href=\"/expertennetzwerk/orders/[0-9a-f-]{36}\">Auftrag EA-");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_user_of_two_parties_switches_the_acting_party_and_the_pages_follow_the_choice(ApiDatabase database)
    {
        SkipUnlessAvailable(database);
        await using var host = await ApiHost.StartAsync(database);
        using var hartmann = host.ClientWithClaims(DemoIds.UserHartmann, [$"Broker:{DemoIds.BrokerHartmann}", $"Expert:{DemoIds.ExpertHartmannSpezial}"]);
        hartmann.DefaultRequestHeaders.Add(TestAuthenticationHandler.NetworkHeader, DemoIds.Network.ToString());
        var token = await TokenAsync(hartmann, "/demo");

        // No choice yet: the 403 page says so and offers the switch.
        using (var response = await hartmann.GetAsync(new Uri("/expertennetzwerk", UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            html.Should().Contain("für mehrere Parteien handeln").And.Contain("Handeln als").And.Contain($"<option value=\"{DemoIds.ExpertHartmannSpezial}\">Experte</option>");
        }

        // As expert: the broker's catalogue and the CRM's customers are refused.
        (await SwitchAsync(hartmann, DemoIds.ExpertHartmannSpezial, token)).Should().Be(HttpStatusCode.Redirect);
        (await hartmann.GetAsync(new Uri("/expertennetzwerk/catalog", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await hartmann.GetAsync(new Uri("/kunden", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        WebUtility.HtmlDecode(await hartmann.GetStringAsync(new Uri("/expertennetzwerk/orders", UriKind.Relative)))
            .Should().Contain($"<option value=\"{DemoIds.ExpertHartmannSpezial}\" selected=\"selected\">Experte</option>");

        // As broker: both open, with his own customers.
        (await SwitchAsync(hartmann, DemoIds.BrokerHartmann, token)).Should().Be(HttpStatusCode.Redirect);
        (await hartmann.GetAsync(new Uri("/expertennetzwerk/catalog", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await hartmann.GetStringAsync(new Uri("/kunden", UriKind.Relative))).Should().Contain("K-20001").And.NotContain("K-10001");

        // A party not in the claims is refused and changes nothing; without the token the switch is refused too.
        (await SwitchAsync(hartmann, DemoIds.BrokerMueller, token)).Should().Be(HttpStatusCode.Forbidden);
        (await SwitchAsync(hartmann, DemoIds.ExpertHartmannSpezial, null)).Should().Be(HttpStatusCode.BadRequest);
        (await hartmann.GetAsync(new Uri("/expertennetzwerk/catalog", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, "still the broker");

        // The header of an API client still wins over the switch.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/expertennetzwerk/catalog");
        request.Headers.Add(ExpertennetzwerkClaimTypes.ActingPartyHeader, DemoIds.ExpertHartmannSpezial.ToString());
        (await hartmann.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // A cookie naming a party of someone else (e.g. left from another sign-in) is ignored.
        using var other = host.ClientWithClaims(DemoIds.UserMueller, [$"Broker:{DemoIds.BrokerMueller}", $"Expert:{DemoIds.ExpertFinanzKompass}"]);
        other.DefaultRequestHeaders.Add("Cookie", $"enw_acting_party={DemoIds.BrokerHartmann}");
        (await other.GetAsync(new Uri("/expertennetzwerk/catalog", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static void SkipUnlessAvailable(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }
    }

    private static async Task<HttpStatusCode> SwitchAsync(HttpClient client, Guid partyId, (string Name, string Value)? token)
    {
        var fields = new List<(string, string)> { ("partyId", partyId.ToString()), ("returnUrl", "/expertennetzwerk/orders") };
        if (token is { } t)
        {
            fields.Add(t);
        }

        using var response = await client.PostAsync(new Uri("/expertennetzwerk/acting-party", UriKind.Relative), Form([.. fields]));
        return response.StatusCode;
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static Task<List<Customer>> CustomersAsync(ApiHost host, Guid brokerPartyId) =>
        host.InScopeAsync(async services =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<SampleCrmDbContext>>().CreateDbContextAsync();
            return await db.Customers.AsNoTracking().Where(c => c.BrokerPartyId == brokerPartyId).ToListAsync();
        });

    /// <summary>The message shown at the field, or null.</summary>
    private static string? Error(string html, string field) =>
        Regex.Match(html, $"<span class=\"crm-error\" id=\"Input_{field}-error\" data-testid=\"error-{field}\">(?<m>[^<]*)</span>") is { Success: true } m ? m.Groups["m"].Value : null;

    /// <summary>The value the form shows in the field.</summary>
    private static string? Value(string html, string field) =>
        Regex.Match(html, $"<input id=\"Input_{field}\" name=\"Input.{field}\" type=\"[a-z]+\" value=\"(?<v>[^\"]*)\"") is { Success: true } m ? m.Groups["v"].Value : null;

    private static List<string> CustomerRefs(string html) => [.. CustomerRef().Matches(html).Select(m => m.Groups["ref"].Value)];

    private static async Task<(string Name, string Value)> TokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var match = AntiforgeryField().Match(html);
        match.Success.Should().BeTrue($"{path} has a form with the antiforgery token");
        return (match.Groups["name"].Value, match.Groups["value"].Value);
    }

    [GeneratedRegex("<tr>\\s*<td>(?<ref>K-[0-9]+)</td>")]
    private static partial Regex CustomerRef();

    [GeneratedRegex("<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
