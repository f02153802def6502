using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Tests.Api.Support;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// The order page's consents and thread over HTTP (no browser), on SQLite and PostgreSQL: a refused upload (type, size)
/// is a field error at its field with the rest of the form kept and nothing recorded, a tampered antiforgery token the
/// friendly 400 page, another broker's order the 404 page, and every download goes through the core's access check.
/// </summary>
public sealed partial class OrderPagePartsHandlerTests
{
    private const string ScanField = "consent.Customer.paper.scan";

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_broker_asks_consent_by_link_records_it_on_paper_with_the_scan_checked_at_its_field_and_records_a_withdrawal(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        var orderId = await host.ConsentDraftAsync();
        var orderPage = $"/expertennetzwerk/orders/{orderId:D}";
        using var broker = host.Client(ApiActors.OwningBroker);
        var token = await TokenAsync(broker);
        var html = WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        html.Should().Contain("Einwilligungen").And.Contain("Einwilligungserklärung erzeugen").And.Contain("Noch keine Einwilligungserklärung.");

        // By link: the core mails the link to the address typed; the page lists the request as "angefragt".
        var address = $"einwilligung-{Guid.NewGuid():N}@example.org";
        using (var response = await broker.PostAsync(new Uri(orderPage + "?handler=ConsentLink", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["version"] = Version(html), ["subject"] = "Customer", ["email"] = address, ["culture"] = "de-DE", [token.Name] = token.Value,
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        }

        html = WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        Statuses(html).Should().Equal("angefragt");
        html.Should().Contain("gültig bis");

        // A malformed address: at the e-mail field, typed as it was.
        using (var response = await broker.PostAsync(new Uri(orderPage + "?handler=ConsentLink", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["version"] = Version(html), ["subject"] = "Customer", ["email"] = "kein-at-zeichen", [token.Name] = token.Value,
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var page = await response.Content.ReadAsStringAsync();
            page.Should().MatchRegex("field-validation-error\" data-valmsg-for=\"consent\\.Customer\\.link\\.email\"[^>]*>[^<]+<").And.Contain("value=\"kein-at-zeichen\"");
        }

        // On paper: a refused type, then a file over the size limit — the error at the scan field, the note kept, nothing recorded.
        foreach (var (content, type, name) in new[]
                 {
                     (Encoding.UTF8.GetBytes("MZ kein Scan"), "application/x-msdownload", "scan.exe"),
                     (new byte[(10 * 1024 * 1024) + 1], "application/pdf", "riesig.pdf"),
                 })
        {
            using var form = PaperForm(Version(html), token, content, type, name, "Original im Ordner <b>7</b>");
            using var response = await broker.PostAsync(new Uri(orderPage + "?handler=ConsentPaper", UriKind.Relative), form);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, name);
            var page = await response.Content.ReadAsStringAsync();
            page.Should().MatchRegex($"field-validation-error\" data-valmsg-for=\"{Regex.Escape(ScanField)}\"[^>]*>[^<]+<", "the refusal is shown at the scan field ({0})", name);
            page.Should().Contain("Original im Ordner &lt;b&gt;7&lt;/b&gt;", "the note typed is kept, as text");
        }

        (await ConsentsAsync(host, orderId)).Should().ContainSingle("only the link request exists");

        // A tampered antiforgery token: the friendly 400 page, nothing recorded.
        using (var form = PaperForm(Version(html), ("__RequestVerificationToken", "CfDJ8-tampered"), ApiCalls.Pdf, "application/pdf", "Einwilligung.pdf", null))
        using (var response = await broker.PostAsync(new Uri(orderPage + "?handler=ConsentPaper", UriKind.Relative), form))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("Anfrage nicht möglich").And.NotContain("   at ");
        }

        // Another broker: the order's consent forms answer the 404 page, as does its order page.
        using (var other = host.Client(ApiActors.OtherBroker))
        {
            var otherToken = await TokenAsync(other);
            using var form = PaperForm(Version(html), otherToken, ApiCalls.Pdf, "application/pdf", "Einwilligung.pdf", null);
            using var response = await other.PostAsync(new Uri(orderPage + "?handler=ConsentPaper", UriKind.Relative), form);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            using var link = await other.PostAsync(new Uri(orderPage + "?handler=ConsentLink", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["version"] = Version(html), ["subject"] = "Customer", [otherToken.Name] = otherToken.Value,
            }));
            link.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        (await ConsentsAsync(host, orderId)).Should().ContainSingle();

        // A small PDF: recorded, "erteilt", the scan downloadable by the broker and by nobody else.
        using (var form = PaperForm(Version(html), token, ApiCalls.Pdf, "application/pdf", "Einwilligung.pdf", "Unterschrieben beim Termin"))
        using (var response = await broker.PostAsync(new Uri(orderPage + "?handler=ConsentPaper", UriKind.Relative), form))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        }

        html = WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        Statuses(html).Should().Contain("erteilt");
        html.Should().Contain("auf Papier");
        var consents = await ConsentsAsync(host, orderId);
        var paper = consents.Single(c => c.Channel == ConsentChannel.Paper);
        var scanPath = FileLink(html, $"fileId={paper.Id:D}");
        scanPath.Should().StartWith(orderPage + "?", "the scan is downloaded through the order page's file handler");
        using (var scan = await broker.GetAsync(new Uri(scanPath, UriKind.Relative)))
        {
            scan.StatusCode.Should().Be(HttpStatusCode.OK);
            (await scan.Content.ReadAsByteArrayAsync()).Should().Equal(ApiCalls.Pdf);
        }

        using (var other = host.Client(ApiActors.OtherBroker))
        using (var scan = await other.GetAsync(new Uri(scanPath, UriKind.Relative)))
        {
            scan.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        // A withdrawal by phone: recorded, the consent "widerrufen".
        using (var response = await broker.PostAsync(new Uri(orderPage + "?handler=ConsentWithdrawal", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["version"] = Version(html), ["consentId"] = paper.Id.ToString("D"), ["channel"] = "Phone", ["note"] = "Anruf am Montag", [token.Name] = token.Value,
               })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        }

        html = WebUtility.HtmlDecode(await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative)));
        Statuses(html).Should().Contain("widerrufen");
        (await ConsentsAsync(host, orderId)).Single(c => c.Id == paper.Id).Status.Should().Be(ConsentStatus.Withdrawn);
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_message_with_a_refused_attachment_keeps_its_text_and_one_with_a_pdf_is_sent_and_downloadable_only_by_the_orders_readers(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        var order = await host.InScopeAsync(async services =>
            (await services.GetRequiredService<ExpertOrderQueries>().ListOrdersAsync(ApiActors.OwningBroker, new OrderListQuery { States = [OrderState.InProgress] })).Value.Items
                .First(o => o.ExpertPartyId == ApiActors.AssignedExpert.PartyId));
        var orderPage = $"/expertennetzwerk/orders/{order.Id:D}";
        using var broker = host.Client(ApiActors.OwningBroker);
        var token = await TokenAsync(broker);
        (await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative))).Should().Contain("enctype=\"multipart/form-data\"").And.Contain("name=\"attachments\"");

        foreach (var (content, type) in new[] { (Encoding.UTF8.GetBytes("MZ"), "application/x-msdownload"), (new byte[(10 * 1024 * 1024) + 1], "application/pdf") })
        {
            using var form = MessageForm(token, "Anbei die Police <i>neu</i>", content, type, "police.pdf");
            using var response = await broker.PostAsync(new Uri(orderPage + "?handler=Message", UriKind.Relative), form);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, type);
            var page = await response.Content.ReadAsStringAsync();
            page.Should().MatchRegex("field-validation-error\" data-valmsg-for=\"attachments\"[^>]*>[^<]+<", "the refusal is at the file field ({0})", type);
            page.Should().MatchRegex("<textarea id=\"enw-message\"[^>]*>Anbei die Police &lt;i&gt;neu&lt;/i&gt;</textarea>", "the text typed is kept");
        }

        (await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative))).Should().NotContain("police.pdf", "nothing was sent");

        using (var form = MessageForm(token, "Anbei die Police", ApiCalls.Pdf, "application/pdf", "police.pdf"))
        using (var response = await broker.PostAsync(new Uri(orderPage + "?handler=Message", UriKind.Relative), form))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        }

        var html = await broker.GetStringAsync(new Uri(orderPage, UriKind.Relative));
        var link = WebUtility.HtmlDecode(Regex.Match(html, "<a[^>]*href=\"(?<href>[^\"]+handler=File[^\"]*)\"[^>]*>police.pdf<").Groups["href"].Value);
        link.Should().NotBeEmpty("the attachment is listed with its download");
        using (var file = await broker.GetAsync(new Uri(link, UriKind.Relative)))
        {
            file.StatusCode.Should().Be(HttpStatusCode.OK);
            file.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
            (await file.Content.ReadAsByteArrayAsync()).Should().Equal(ApiCalls.Pdf);
        }

        using (var expert = host.Client(ApiActors.AssignedExpert))
        using (var file = await expert.GetAsync(new Uri(link, UriKind.Relative)))
        {
            file.StatusCode.Should().Be(HttpStatusCode.OK, "the order's expert reads the thread too");
        }

        foreach (var stranger in new[] { ApiActors.OtherBroker, ApiActors.OtherExpert })
        {
            using var other = host.Client(stranger);
            using var file = await other.GetAsync(new Uri(link, UriKind.Relative));
            file.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    private static MultipartFormDataContent PaperForm(string version, (string Name, string Value) token, byte[] content, string type, string fileName, string? note)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(version), "version" },
            { new StringContent("Customer"), "subject" },
            { new StringContent("de-DE"), "culture" },
            { new StringContent(token.Value), token.Name },
            { new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(type) } }, "scan", fileName },
        };
        if (note is not null)
        {
            form.Add(new StringContent(note), "note");
        }

        return form;
    }

    private static MultipartFormDataContent MessageForm((string Name, string Value) token, string text, byte[] content, string type, string fileName) =>
        new()
        {
            { new StringContent(text), "message" },
            { new StringContent(token.Value), token.Name },
            { new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(type) } }, "attachments", fileName },
        };

    private static Task<IReadOnlyList<ConsentSummary>> ConsentsAsync(ApiHost host, Guid orderId) =>
        host.InScopeAsync(async services => (await services.GetRequiredService<ConsentService>().ListAsync(ApiActors.OwningBroker, orderId)).Value);

    private static List<string> Statuses(string html) =>
        StatusText().Matches(html).Select(m => m.Groups["status"].Value).ToList();

    /// <summary>The href of the download link whose query has <paramref name="part"/> (from decoded HTML).</summary>
    private static string FileLink(string html, string part) =>
        Regex.Matches(html, "href=\"(?<href>[^\"]*)\"").Select(m => m.Groups["href"].Value)
            .FirstOrDefault(h => h.Contains("handler=File", StringComparison.Ordinal) && h.Contains(part, StringComparison.Ordinal)) ?? string.Empty;

    private static string Version(string html) => VersionField().Match(html).Groups["v"].Value;

    private static async Task<(string Name, string Value)> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(new Uri("/demo", UriKind.Relative));
        var match = AntiforgeryField().Match(html);
        match.Success.Should().BeTrue("the demo page has forms with the antiforgery token");
        return (match.Groups["name"].Value, match.Groups["value"].Value);
    }

    [GeneratedRegex("<strong data-testid=\"consent-status\">(?<status>[^<]+)</strong>")]
    private static partial Regex StatusText();

    [GeneratedRegex("name=\"version\" value=\"(?<v>[0-9]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
