using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Api.Support;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>The order form over HTTP: the new order, saving the draft, the description preview, and what the order page says in words.</summary>
public sealed partial class PageHandlerTests
{
    private const string PkvCustomer = "K-10004";

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_new_order_shows_the_cores_errors_at_their_fields_keeps_what_was_typed_and_creates_the_draft_when_valid(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        using var broker = host.Client(ApiActors.OwningBroker);
        var newOrder = $"/expertennetzwerk/orders/new?serviceId={DemoIds.ServicePkvTarifwechsel}&customerRef={PkvCustomer}";

        // The form from the service's definition: labels, required marks, bounds, the customer the CRM's link named.
        var form = WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri(newOrder, UriKind.Relative)));
        form.Should().Contain("PKV-Tarifwechsel nach § 204 VVG bestellen")
            .And.Contain("name=\"formData.versicherer\"").And.Contain("name=\"formData.monatsbeitrag\"").And.Contain("name=\"formData.versichertePersonen\"")
            .And.Contain(">Aktueller Tarif<span class=\"enw-required\"").And.Contain("höchstens 100 Zeichen").And.Contain("von 1 bis 10")
            .And.Contain("mindestens 0,01 €").And.Contain("Öztürk").And.Contain($"value=\"{PkvCustomer}\"");
        // In English: the definition's English labels and the page's texts; a customer number from the URL comes back as text.
        using (var english = new HttpRequestMessage(HttpMethod.Get, $"/expertennetzwerk/orders/new?serviceId={DemoIds.ServicePkvTarifwechsel}&customerRef=%3Cscript%3Ex%3C%2Fscript%3E"))
        {
            english.Headers.AcceptLanguage.Clear();
            english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-GB"));
            using var response = await broker.SendAsync(english);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var raw = await response.Content.ReadAsStringAsync();
            WebUtility.HtmlDecode(raw).Should().Contain("Order PKV-Tarifwechsel").And.Contain(">Insurer<").And.Contain(">Monthly premium<").And.Contain("from 1 to 10");
            raw.Should().Contain("value=\"&lt;script&gt;x&lt;/script&gt;\"").And.NotContain("<script>x");
        }

        var drafts = await DraftsOfAsync(host, PkvCustomer);
        var token = await TokenAsync(broker);

        // An amount that is none and a count above the maximum: 400, each error at its field, every value as typed.
        using (var response = await broker.PostAsync(new Uri(newOrder, UriKind.Relative), Form(token, new()
               {
                   ["customerRef"] = PkvCustomer,
                   ["formData.versicherer"] = "Debeka <b>x</b>",
                   ["formData.aktuellerTarif"] = "Komfort 600",
                   ["formData.monatsbeitrag"] = "viel",
                   ["formData.versichertePersonen"] = "12",
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var raw = await response.Content.ReadAsStringAsync();
            var page = WebUtility.HtmlDecode(raw);
            page.Should().MatchRegex("(?s)id=\"enw-f-monatsbeitrag-error\"[^>]*><span[^>]*>Bitte einen Betrag in Euro angeben")
                .And.MatchRegex("(?s)id=\"enw-f-versichertePersonen-error\"[^>]*><span[^>]*>Der Wert darf höchstens 10 betragen")
                .And.Contain("value=\"viel\"").And.Contain("value=\"12\"").And.Contain("value=\"Komfort 600\"");
            raw.Should().Contain("value=\"Debeka &lt;b&gt;x&lt;/b&gt;\"", "a typed value goes back encoded");
        }

        // A customer the CRM does not know: at the customer field, the form data kept.
        using (var response = await broker.PostAsync(new Uri(newOrder, UriKind.Relative), Form(token, new()
               {
                   ["customerRef"] = "K-99999",
                   ["formData.versicherer"] = "Debeka",
                   ["formData.monatsbeitrag"] = "612,40",
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            page.Should().MatchRegex("(?s)id=\"enw-customer-ref-error\"[^>]*><span[^>]*>[^<]+").And.Contain("value=\"K-99999\"").And.Contain("value=\"612,40\"");
        }

        (await DraftsOfAsync(host, PkvCustomer)).Should().Be(drafts, "nothing was created");

        // Valid (an amount typed the German way): the draft, and its page with the values as saved.
        string orderPage;
        using (var response = await broker.PostAsync(new Uri(newOrder, UriKind.Relative), Form(token, new()
               {
                   ["customerRef"] = PkvCustomer,
                   ["formData.versicherer"] = "Debeka",
                   ["formData.aktuellerTarif"] = "",
                   ["formData.monatsbeitrag"] = "1.612,40",
                   ["formData.versichertePersonen"] = "2",
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            orderPage = response.Headers.Location!.OriginalString;
            orderPage.Should().MatchRegex("^/expertennetzwerk/orders/[0-9a-f-]{36}$");
        }

        (await DraftsOfAsync(host, PkvCustomer)).Should().Be(drafts + 1);
        var created = await host.InScopeAsync(async services =>
            (await services.GetRequiredService<ExpertOrderQueries>().GetOrderAsync(ApiActors.OwningBroker, Guid.Parse(orderPage[^36..]))).Value);
        created.FormDataJson.Should().Be("""{"versicherer":"Debeka","monatsbeitrag":161240,"versichertePersonen":2}""");
        var shown = WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        shown.Should().Contain("Auftragsdaten speichern").And.Contain("value=\"1612,40\"").And.Contain("value=\"Debeka\"").And.Contain("Auftragsbeschreibung anzeigen");

        // An unknown service, a service id that is none, another role: the 404 and 403 pages, never a 500.
        foreach (var path in new[] { $"orders/new?serviceId={Guid.NewGuid()}", "orders/new?serviceId=nonsense", "orders/new" })
        {
            using var response = await broker.GetAsync(new Uri("/expertennetzwerk/" + path, UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        }

        using (var response = await broker.PostAsync(new Uri($"/expertennetzwerk/orders/new?serviceId={Guid.NewGuid()}", UriKind.Relative), Form(token, new() { ["customerRef"] = PkvCustomer })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var expert = host.Client(ApiActors.AssignedExpert))
        using (var response = await expert.GetAsync(new Uri(newOrder, UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        // The service's page leads to the form.
        WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri($"/expertennetzwerk/catalog/{DemoIds.ServicePkvTarifwechsel}", UriKind.Relative)))
            .Should().Contain($"href=\"/expertennetzwerk/orders/new?serviceId={DemoIds.ServicePkvTarifwechsel}\"");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Saving_a_draft_keeps_what_was_typed_on_a_field_error_and_on_a_lost_race_and_a_foreign_broker_gets_the_not_found_page(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        var orderId = await host.InScopeAsync(async services =>
        {
            var created = await services.GetRequiredService<ExpertOrderService>().CreateDraftAsync(ApiActors.OwningBroker, new CreateDraftCommand(
                DemoIds.ServicePkvTarifwechsel, PkvCustomer, """{"versicherer": "Debeka", "monatsbeitrag": 45000}"""));
            return created.Value.OrderId;
        });
        using var broker = host.Client(ApiActors.OwningBroker);
        var orderPage = $"/expertennetzwerk/orders/{orderId:D}";
        var html = await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative));
        WebUtility.HtmlDecode(html).Should().Contain("value=\"450,00\"").And.Contain("value=\"Debeka\"");
        var version = Regex.Match(html, "name=\"version\" value=\"(?<v>[0-9]+)\"").Groups["v"].Value;
        var token = await TokenAsync(broker);

        // A field error: 400 at the field, every value as typed, nothing saved.
        using (var response = await broker.PostAsync(new Uri(orderPage + "?handler=Save", UriKind.Relative), Form(token, new()
               {
                   ["version"] = version,
                   ["formData.versicherer"] = "Neue Versicherung AG",
                   ["formData.aktuellerTarif"] = new string('x', 101),
                   ["formData.monatsbeitrag"] = "0",
                   ["formData.versichertePersonen"] = "3",
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            page.Should().MatchRegex("(?s)id=\"enw-f-aktuellerTarif-error\"[^>]*><span[^>]*>Bitte höchstens 100 Zeichen eingeben")
                .And.MatchRegex("(?s)id=\"enw-f-monatsbeitrag-error\"[^>]*><span[^>]*>Der Wert muss mindestens 0,01 € betragen")
                .And.Contain("value=\"Neue Versicherung AG\"").And.Contain("value=\"0\"").And.Contain("value=\"3\"")
                .And.Contain("aria-invalid=\"true\"");
        }

        (await FormDataAsync(host, orderId)).Should().Contain("Debeka", "nothing was saved");

        // Someone else saved meanwhile: 409, "changed meanwhile", every value as typed.
        (await host.InScopeAsync(async services =>
            (await services.GetRequiredService<ExpertOrderService>().SaveDraftAsync(ApiActors.OwningBroker, orderId, """{"versicherer": "HUK"}""")).IsOk)).Should().BeTrue();
        using (var response = await broker.PostAsync(new Uri(orderPage + "?handler=Save", UriKind.Relative), Form(token, new()
               {
                   ["version"] = version,
                   ["formData.versicherer"] = "Neue Versicherung AG",
                   ["formData.monatsbeitrag"] = "99,90",
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Conflict);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            page.Should().Contain("Der Auftrag wurde inzwischen geändert").And.Contain("value=\"Neue Versicherung AG\"").And.Contain("value=\"99,90\"");
        }

        (await FormDataAsync(host, orderId)).Should().Contain("HUK");

        // Another broker: the 404 page, nothing changed.
        using (var other = host.Client(ApiActors.OtherBroker))
        {
            var otherToken = await TokenAsync(other);
            using var response = await other.PostAsync(new Uri(orderPage + "?handler=Save", UriKind.Relative), Form(otherToken, new()
            {
                ["version"] = "1",
                ["formData.versicherer"] = "Fremd",
            }));
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await response.Content.ReadAsStringAsync()).Should().NotContain("HUK");
        }

        // With the current version: saved, back to the order, the history says what and who in words.
        html = await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative));
        version = Regex.Match(html, "name=\"version\" value=\"(?<v>[0-9]+)\"").Groups["v"].Value;
        using (var response = await broker.PostAsync(new Uri(orderPage + "?handler=Save", UriKind.Relative), Form(token, new()
               {
                   ["version"] = version,
                   ["formData.versicherer"] = "Neue Versicherung AG",
                   ["formData.monatsbeitrag"] = "99,90",
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.OriginalString.Should().Be(orderPage);
        }

        (await FormDataAsync(host, orderId)).Should().Be("""{"versicherer":"Neue Versicherung AG","monatsbeitrag":9990}""");
        var after = WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        after.Should().Contain("Vermittler</span> — Auftragsdaten gespeichert").And.NotContain("SaveDraft");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_description_preview_and_the_order_data_speak_in_labels_and_the_readers_language(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        var order = await FirstOrderAsync(host, OrderState.InProgress);
        (await host.InScopeAsync(async services =>
            (await services.GetRequiredService<DigitalMessageService>().SendAsync(ApiActors.OwningBroker, order.Id, "Kurze Frage")).IsOk)).Should().BeTrue();
        var detail = await host.InScopeAsync(async services =>
            (await services.GetRequiredService<ExpertOrderQueries>().GetOrderAsync(ApiActors.OwningBroker, order.Id)).Value);
        detail.FormDefinitionJson.Should().NotBeNullOrEmpty("the broker reads the order's form");
        var definition = Module.Forms.FormDefinition.TryParse(detail.FormDefinitionJson, out _)!;
        using var broker = host.Client(ApiActors.OwningBroker);
        var orderPage = $"/expertennetzwerk/orders/{order.Id:D}";

        // A placed order's data: each field's label, never its key; the history in words.
        var page = WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        page.Should().NotContain("Auftragsdaten speichern", "only a draft is saved");
        var field = definition.Fields.First(f => detail.FormDataJson!.Contains($"\"{f.Key}\"", StringComparison.Ordinal));
        page.Should().Contain($"<dt>{field.Labels["de"]}</dt>").And.NotContain($"<dt>{field.Key}</dt>");
        page.Should().Contain("Nachricht gesendet").And.NotContain("MessageSent").And.Contain(">Vermittler<").And.Contain(">Experte<");

        // The preview: the HTML in a frame without scripts, the text, the shared data.
        var description = await broker.GetStringAsync(new Uri(orderPage + "/description", UriKind.Relative));
        description.Should().Contain("<h1>Auftragsbeschreibung</h1>").And.Contain("sandbox=\"allow-same-origin\"").And.Contain("srcdoc=\"&lt;!DOCTYPE html&gt;");
        WebUtility.HtmlDecode(description).Should().Contain(detail.Number).And.Contain("Rechtsgrundlage").And.Contain(field.Labels["de"]);

        using (var english = new HttpRequestMessage(HttpMethod.Get, orderPage + "/description"))
        {
            english.Headers.AcceptLanguage.Clear();
            english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-GB"));
            using var response = await broker.SendAsync(english);
            var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            text.Should().Contain("<h1>Order description</h1>").And.Contain("Legal basis").And.Contain(field.Labels["en"]);
        }

        // Nobody else: the other broker and an unknown order → 404; anonymous → sign in.
        using (var other = host.Client(ApiActors.OtherBroker))
        using (var response = await other.GetAsync(new Uri(orderPage + "/description", UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await response.Content.ReadAsStringAsync()).Should().NotContain(detail.Number);
        }

        using (var response = await broker.GetAsync(new Uri($"/expertennetzwerk/orders/{Guid.NewGuid()}/description", UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var anonymous = host.Client(ApiActor.Anonymous))
        using (var response = await anonymous.GetAsync(new Uri(orderPage + "/description", UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    private static FormUrlEncodedContent Form((string Name, string Value) token, Dictionary<string, string> fields)
    {
        fields[token.Name] = token.Value;
        return new FormUrlEncodedContent(fields);
    }

    private static Task<int> DraftsOfAsync(ApiHost host, string customerRef) =>
        host.InScopeAsync(async services =>
            (await services.GetRequiredService<ExpertOrderQueries>().ListOrdersAsync(ApiActors.OwningBroker, new OrderListQuery
            {
                CustomerRef = customerRef,
                States = [OrderState.Draft],
                PageSize = 100,
            })).Value.Items.Count);

    private static Task<string?> FormDataAsync(ApiHost host, Guid orderId) =>
        host.InScopeAsync(async services =>
            (await services.GetRequiredService<ExpertOrderQueries>().GetOrderAsync(ApiActors.OwningBroker, orderId)).Value.FormDataJson);
}
