using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Tests.Api.Support;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// The assigned expert's section of the order page over HTTP, on SQLite and PostgreSQL: every action posts to the core
/// with the version seen; bad input (an empty reason, a step the service does not have, a refused upload) is a field
/// error at its field with the text kept; a stale version answers 409 "changed meanwhile"; another expert gets the 404
/// page; the customer data shared with the expert disappear from the page after a consent withdrawal.
/// </summary>
public sealed partial class OrderPagePartsHandlerTests
{
    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_assigned_expert_accepts_sets_a_step_documents_with_a_file_asks_resumes_and_completes_on_the_order_page(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        var orderId = await host.OrderInStateAsync("Placed");
        var orderPage = $"/expertennetzwerk/orders/{orderId:D}";
        using var expert = host.Client(ApiActors.AssignedExpert);
        var token = await TokenAsync(expert);
        var html = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        html.Should().Contain("Auftrag bearbeiten").And.Contain(">Annehmen<").And.Contain(">Ablehnen<").And.NotContain(">Abschließen<");
        html.Should().Contain("data-testid=\"shared-data\"", "the expert sees the customer data shared for the placed order");

        // Another expert: the 404 page for the page and for an action on it.
        using (var other = host.Client(ApiActors.OtherExpert))
        {
            (await other.GetAsync(new Uri(orderPage, UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
            var otherToken = await TokenAsync(other);
            using var response = await PostAsync(other, orderPage, "Accept", otherToken, ("version", Version(html)));
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        // Declining without a reason: at the reason field.
        using (var response = await PostAsync(expert, orderPage, "Decline", token, ("version", Version(html)), (OrderModelFields.DeclineReason, "  ")))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync()).Should().MatchRegex(ErrorAt(OrderModelFields.DeclineReason));
        }

        // A stale version: "changed meanwhile", nothing changed.
        using (var response = await PostAsync(expert, orderPage, "Accept", token, ("version", (long.Parse(Version(html)) - 1).ToString())))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Conflict);
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("inzwischen geändert");
        }

        (await StateAsync(host, orderId)).Should().Be(OrderState.Placed);
        await PostOkAsync(expert, orderPage, "Accept", token, ("version", Version(html)));
        html = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        (await StateAsync(host, orderId)).Should().Be(OrderState.InProgress);
        html.Should().NotContain(">Annehmen<").And.Contain("<option value=\"Ausschreibung läuft\"", "the steps of the order's service version are offered");

        // A step the service does not have: at the step field.
        using (var response = await PostAsync(expert, orderPage, "Progress", token, ("version", Version(html)), ("step", "Frei erfunden")))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync()).Should().MatchRegex(ErrorAt("step"));
        }

        await PostOkAsync(expert, orderPage, "Progress", token, ("version", Version(html)), ("step", "Ausschreibung läuft"));
        html = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        html.Should().Contain("<dd>Ausschreibung läuft</dd>");

        // Documentation: a refused type at the file field with the text kept; a PDF stored and downloadable.
        using (var form = DocumentationForm(Version(html), token, "Ausschreibung <b>gestartet</b>", Encoding.UTF8.GetBytes("MZ"), "application/x-msdownload", "tool.exe"))
        using (var response = await expert.PostAsync(new Uri(orderPage + "?handler=Document", UriKind.Relative), form))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var page = await response.Content.ReadAsStringAsync();
            page.Should().MatchRegex(ErrorAt(OrderModelFields.DocumentationFiles)).And.Contain("Ausschreibung &lt;b&gt;gestartet&lt;/b&gt;</textarea>");
        }

        using (var form = DocumentationForm(Version(html), token, "Ausschreibung gestartet", ApiCalls.Pdf, "application/pdf", "Ausschreibung.pdf"))
        using (var response = await expert.PostAsync(new Uri(orderPage + "?handler=Document", UriKind.Relative), form))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        }

        html = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        var link = Regex.Match(html, "<a[^>]*href=\"(?<href>[^\"]+handler=File[^\"]*)\"[^>]*>Ausschreibung.pdf<").Groups["href"].Value;
        link.Should().NotBeEmpty();
        foreach (var reader in new[] { ApiActors.AssignedExpert, ApiActors.OwningBroker })
        {
            using var client = host.Client(reader);
            using var file = await client.GetAsync(new Uri(link, UriKind.Relative));
            file.StatusCode.Should().Be(HttpStatusCode.OK);
            (await file.Content.ReadAsByteArrayAsync()).Should().Equal(ApiCalls.Pdf);
        }

        using (var other = host.Client(ApiActors.OtherExpert))
        using (var file = await other.GetAsync(new Uri(link, UriKind.Relative)))
        {
            file.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        // A question: empty at its field; then sent, the order awaits information; the expert resumes with a note.
        using (var response = await PostAsync(expert, orderPage, "Question", token, ("version", Version(html)), ("question", "")))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync()).Should().MatchRegex(ErrorAt("question"));
        }

        await PostOkAsync(expert, orderPage, "Question", token, ("version", Version(html)), ("question", "Bitte die Fahrzeugliste senden."));
        (await StateAsync(host, orderId)).Should().Be(OrderState.AwaitingInformation);
        html = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        html.Should().Contain("Bitte die Fahrzeugliste senden.", "the question is in the history").And.Contain(">Bearbeitung fortsetzen<").And.NotContain(">Abschließen<");
        await PostOkAsync(expert, orderPage, "Answer", token, ("version", Version(html)), ("answer", "Liste kam per Nachricht."));
        html = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        await PostOkAsync(expert, orderPage, "Complete", token, ("version", Version(html)));
        (await StateAsync(host, orderId)).Should().Be(OrderState.Completed);
        html = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        html.Should().NotContain(">Abschließen<").And.NotContain(">Stornieren<");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_expert_declines_and_cancels_with_a_reason_and_the_shared_data_leave_the_page_after_a_withdrawal(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        using var expert = host.Client(ApiActors.AssignedExpert);
        var token = await TokenAsync(expert);

        // Decline with a reason.
        var declined = await host.OrderInStateAsync("Placed");
        var page = $"/expertennetzwerk/orders/{declined:D}";
        var html = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(page, UriKind.Relative)));
        await PostOkAsync(expert, page, "Decline", token, ("version", Version(html)), (OrderModelFields.DeclineReason, "Keine Kapazität im Januar."));
        (await StateAsync(host, declined)).Should().Be(OrderState.Declined);
        WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(page, UriKind.Relative))).Should().Contain("Keine Kapazität im Januar.").And.NotContain(">Annehmen<").And.NotContain(">Ablehnen<");

        // Cancel: without a reason at the field, with the text of another field untouched; then with a reason.
        var cancelled = await host.OrderInStateAsync("InProgress");
        page = $"/expertennetzwerk/orders/{cancelled:D}";
        html = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(page, UriKind.Relative)));
        using (var response = await PostAsync(expert, page, "Cancel", token, ("version", Version(html)), (OrderModelFields.CancelReason, "")))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync()).Should().MatchRegex(ErrorAt(OrderModelFields.CancelReason));
        }

        await PostOkAsync(expert, page, "Cancel", token, ("version", Version(html)), (OrderModelFields.CancelReason, "Kunde nicht erreichbar."));
        (await StateAsync(host, cancelled)).Should().Be(OrderState.Cancelled);

        // The expert opens a dispute with a reason (the form the order page shows the expert too).
        var disputed = await host.OrderInStateAsync("InProgress");
        page = $"/expertennetzwerk/orders/{disputed:D}";
        html = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(page, UriKind.Relative)));
        await PostOkAsync(expert, page, "Dispute", token, ("version", Version(html)), ("disputeReason", "Der Makler antwortet nicht."));
        (await StateAsync(host, disputed)).Should().Be(OrderState.Disputed);

        // A consent order: the shared data are on the expert's page until the customer withdraws.
        var orderId = await host.ConsentDraftAsync();
        await host.InScopeAsync(async services => (await services.GetRequiredService<ExpertOrderService>().SaveDraftAsync(ApiActors.OwningBroker, orderId,
            """{"versicherer": "Allgemeine Krankenversicherung AG", "aktuellerTarif": "Komfort 600", "monatsbeitrag": 45000, "versichertePersonen": 2}""")).IsOk.Should().BeTrue());
        var consentId = await host.GiveConsentAsync(orderId);
        await host.CommandAsync(ApiActors.OwningBroker, orderId, "place");
        await host.CommandAsync(ApiActors.AssignedExpert, orderId, "accept");
        page = $"/expertennetzwerk/orders/{orderId:D}";
        html = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(page, UriKind.Relative)));
        html.Should().Contain("data-testid=\"shared-data\"");
        var customer = Regex.Match(html, "data-testid=\"customer\">(?<name>[^<]+)<").Groups["name"].Value;
        customer.Should().NotBeNullOrWhiteSpace();

        await host.InScopeAsync(async services =>
            (await services.GetRequiredService<ConsentService>().RecordWithdrawalAsync(ApiActors.OwningBroker, orderId, consentId, ConsentChannel.Phone)).IsOk.Should().BeTrue());
        html = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(page, UriKind.Relative)));
        html.Should().NotContain("data-testid=\"shared-data\"").And.NotContain(customer).And.Contain("Die Einwilligung wurde widerrufen");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_experts_start_page_shows_the_new_order_with_its_notice_and_the_list_opens_on_the_open_orders(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        var placed = await host.OrderInStateAsync("Placed");
        var number = await host.InScopeAsync(async services => (await services.GetRequiredService<ExpertOrderQueries>().GetOrderAsync(ApiActors.OwningBroker, placed)).Value.Number);
        using var expert = host.Client(ApiActors.AssignedExpert);

        var start = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri("/expertennetzwerk", UriKind.Relative)));
        var open = Regex.Match(start, "(?s)<ul class=\"enw-list\" data-testid=\"open-orders\">(?<list>.*?)</ul>").Groups["list"].Value;
        open.Should().Contain($"Auftrag {number}").And.MatchRegex("annehmen bis [0-9]{2}\\.[0-9]{2}\\.[0-9]{4}", "a placed order shows by when to accept it");
        Regex.Match(start, "(?s)data-testid=\"newest-unread\">(?<list>.*?)</ul>").Groups["list"].Value.Should().Contain(number, "the system notice of the new order is among the newest unread");

        // The list opens on the open states for the expert; an explicit empty filter shows every state.
        var list = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri("/expertennetzwerk/orders", UriKind.Relative)));
        foreach (var state in new[] { "Placed", "InProgress", "AwaitingInformation" })
        {
            list.Should().MatchRegex($"name=\"state\" value=\"{state}\" checked=\"checked\"");
        }

        list.Should().NotMatchRegex("name=\"state\" value=\"Completed\" checked").And.Contain(number);
        var all = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri("/expertennetzwerk/orders?state=", UriKind.Relative)));
        all.Should().NotContain("checked=\"checked\"");

        // The broker's list keeps every state.
        using var broker = host.Client(ApiActors.OwningBroker);
        WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri("/expertennetzwerk/orders", UriKind.Relative))).Should().NotContain("checked=\"checked\"");
    }

    /// <summary>The expert section's field names (as the page model names them).</summary>
    private static class OrderModelFields
    {
        public const string DeclineReason = "declineReason";
        public const string CancelReason = "cancelReason";
        public const string DocumentationFiles = "documentationFiles";
    }

    private static string ErrorAt(string field) => $"field-validation-error\" data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>[^<]+<";

    private static Task<OrderState> StateAsync(ApiHost host, Guid orderId) =>
        host.InScopeAsync(async services => (await services.GetRequiredService<ExpertOrderQueries>().GetOrderAsync(ApiActors.OwningBroker, orderId)).Value.State);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, (string Name, string Value) token, params (string Name, string Value)[] fields)
    {
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        values[token.Name] = token.Value;
        return client.PostAsync(new Uri($"{page}?handler={handler}", UriKind.Relative), new FormUrlEncodedContent(values));
    }

    private static async Task PostOkAsync(HttpClient client, string page, string handler, (string Name, string Value) token, params (string Name, string Value)[] fields)
    {
        using var response = await PostAsync(client, page, handler, token, fields);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "{0} answered {1}", handler, await response.Content.ReadAsStringAsync());
    }

    private static MultipartFormDataContent DocumentationForm(string version, (string Name, string Value) token, string text, byte[] content, string type, string fileName) =>
        new()
        {
            { new StringContent(version), "version" },
            { new StringContent(text), "documentationText" },
            { new StringContent(token.Value), token.Name },
            { new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(type) } }, "documentationFiles", fileName },
        };
}
