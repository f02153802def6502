using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Api;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// The order page's consents and thread, and the data subject's consent page, in a real browser (headless chromium)
/// against the running sample host: the link travels through the development mailbox into a fresh browser context.
/// </summary>
public sealed partial class ConsentAndThreadBrowserTests(WebUiHost web) : IClassFixture<WebUiHost>
{
    private const float Wait = 90_000; // the machine may be busy: as long as the fixture's page timeouts

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% Einwilligung\n%%EOF\n");

    [SkippableFact]
    public async Task A_broker_creates_a_consent_declaration_by_link_the_customer_agrees_from_the_mailbox_and_the_order_shows_it_given()
    {
        Chromium.SkipUnlessAvailable();
        var orderId = await CreateConsentDraftAsync();
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");
        await page.GotoAsync($"/expertennetzwerk/orders/{orderId}");
        var customer = page.Locator("article[data-subject=Customer]");
        (await customer.Locator("[data-testid=consent-status]").InnerTextAsync()).Should().Be("Noch keine Einwilligungserklärung.");

        // "Einwilligungserklärung erzeugen" by link to the address typed.
        var address = $"kunde-{Guid.NewGuid():N}@example.org";
        await customer.Locator("#enw-consent-customer-email").FillAsync(address);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Einwilligungserklärung erzeugen", Exact = true }).ClickAsync();
        await Expect(customer.Locator("[data-testid=consent-status]")).ToHaveTextAsync(new[] { "angefragt" }, new() { Timeout = Wait });
        await WebUiHost.ScreenshotAsync(page, "order-consents");

        // The data subject: the link from the development mailbox, in a browser of its own (no cookies, no sign-in).
        var link = await ConsentLinkMailedToAsync(address);
        var (subjectContext, subject, subjectDialogs) = await web.NewPageAsync();
        await using (subjectContext)
        {
            var opened = await subject.GotoAsync(link);
            opened!.Status.Should().Be(200);
            (await subject.Locator("html").GetAttributeAsync("lang")).Should().Be("de");
            (await subject.TitleAsync()).Should().StartWith("Einwilligungserklärung");
            (await subject.Locator(".enw-declaration").InnerTextAsync()).Should().Contain("Einwilligung");
            (await subject.Locator("nav").CountAsync()).Should().Be(0, "the data subject sees no navigation of the CRM or the module");
            await WebUiHost.ScreenshotAsync(subject, "consent-page");
            await subject.GetByRole(AriaRole.Button, new() { Name = "Ich willige ein", Exact = true }).ClickAsync();
            await Expect(subject.Locator("h1")).ToHaveTextAsync("Ihre Entscheidung ist gespeichert", new() { Timeout = Wait });
            (await subject.Locator("[data-testid=consent-outcome]").InnerTextAsync()).Should().Contain("ist erteilt");
            (await subject.Locator("a[href*='/expertennetzwerk/consent/withdraw/']").CountAsync()).Should().Be(1, "the working withdrawal link is shown");

            // Used up: the same link again is the neutral 404 page.
            var again = await subject.GotoAsync(link);
            again!.Status.Should().Be(404);
            (await subject.Locator(".enw-notice").InnerTextAsync()).Should().Be("Dieser Link ist ungültig oder abgelaufen.");
            subjectDialogs.Should().BeEmpty();
        }

        // The broker's order page: the consent is given.
        await page.ReloadAsync();
        await Expect(customer.Locator("[data-testid=consent-status]")).ToHaveTextAsync(new[] { "erteilt" }, new() { Timeout = Wait });
        (await customer.InnerTextAsync()).Should().Contain("entschieden am");
        dialogs.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task The_consent_page_speaks_English_to_a_data_subject_whose_browser_asks_for_it()
    {
        Chromium.SkipUnlessAvailable();
        var orderId = await CreateConsentDraftAsync();
        var requested = await web.Host.InScopeAsync(async services =>
            await services.GetRequiredService<ConsentService>().RequestConsentAsync(WebUiHost.Mueller, orderId, new RequestConsentCommand(DataSubjectKind.Customer, Culture: "en")));
        requested.IsOk.Should().BeTrue(requested.ToString());
        var link = requested.Value.ConsentUrl.PathAndQuery;

        var (context, page, dialogs) = await web.NewPageAsync("en-GB");
        await using var _ = context;
        await page.GotoAsync(link);
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("en");
        (await page.TitleAsync()).Should().StartWith("Consent declaration");
        (await page.Locator("main").InnerTextAsync()).Should().Contain("Please decide whether you consent.");
        await page.GetByRole(AriaRole.Button, new() { Name = "I do not consent", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your decision is saved", new() { Timeout = Wait });
        (await page.Locator("[data-testid=consent-outcome]").InnerTextAsync()).Should().StartWith("You did not consent.");
        dialogs.Should().BeEmpty();

        // The same link in a German browser is the German neutral page now (used up).
        var (germanContext, german, _) = await web.NewPageAsync();
        await using (germanContext)
        {
            (await german.GotoAsync(link))!.Status.Should().Be(404);
            (await german.Locator("h1").InnerTextAsync()).Should().Be("Link ungültig");
        }
    }

    [SkippableFact]
    public async Task A_broker_records_a_paper_consent_with_a_small_pdf_scan_and_downloads_it()
    {
        Chromium.SkipUnlessAvailable();
        var orderId = await CreateConsentDraftAsync();
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");
        await page.GotoAsync($"/expertennetzwerk/orders/{orderId}");
        var customer = page.Locator("article[data-subject=Customer]");

        // A file of a refused type first: the error at the scan field, the note kept.
        await customer.Locator("#enw-consent-customer-scan").SetInputFilesAsync(new FilePayload { Name = "scan.exe", MimeType = "application/x-msdownload", Buffer = Encoding.ASCII.GetBytes("MZ") });
        await customer.Locator("#enw-consent-customer-note").FillAsync("Original im Ordner 7");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Papier-Einwilligung speichern" }).ClickAsync();
        await Expect(customer.Locator("[data-testid=scan-error]")).ToHaveTextAsync("Dieser Dateityp wird nicht angenommen.", new() { Timeout = Wait });
        (await customer.Locator("#enw-consent-customer-note").InputValueAsync()).Should().Be("Original im Ordner 7");

        await customer.Locator("#enw-consent-customer-scan").SetInputFilesAsync(new FilePayload { Name = "einwilligung.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await customer.GetByRole(AriaRole.Button, new() { Name = "Papier-Einwilligung speichern" }).ClickAsync();
        await Expect(customer.Locator("[data-testid=consent-status]")).ToHaveTextAsync(new[] { "erteilt" }, new() { Timeout = Wait });
        (await customer.InnerTextAsync()).Should().Contain("auf Papier");

        var download = await page.RunAndWaitForDownloadAsync(() => customer.GetByRole(AriaRole.Link, new() { Name = "Scan der Erklärung" }).ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var content = new MemoryStream();
        await stream.CopyToAsync(content);
        content.ToArray().Should().Equal(Pdf);
        dialogs.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task A_message_with_an_attachment_is_sent_and_downloaded_and_hostile_text_in_it_stays_text()
    {
        Chromium.SkipUnlessAvailable();
        var orderId = await web.Host.InScopeAsync(async services =>
            (await services.GetRequiredService<ExpertOrderQueries>().ListOrdersAsync(WebUiHost.Mueller, new OrderListQuery { States = [OrderState.InProgress] })).Value.Items.First().Id);
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");
        await page.GotoAsync($"/expertennetzwerk/orders/{orderId}");

        const string Hostile = "<script>alert(1)</script> <b>x</b> {{ 7*7 }}";
        var fileName = $"rueckfrage-{Guid.NewGuid():N}.pdf";
        await page.Locator("#enw-message").FillAsync(Hostile);
        await page.Locator("#enw-attachments").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Senden", Exact = true }).ClickAsync();
        var message = page.Locator(".enw-thread > li", new() { HasText = fileName });
        await Expect(message).ToHaveCountAsync(1, new() { Timeout = Wait });
        (await message.Locator(".enw-text").InnerTextAsync()).Should().Be(Hostile, "the payloads are shown as typed: no markup, no template evaluated");
        (await page.Locator(".enw-thread script, .enw-thread b").CountAsync()).Should().Be(0);

        var download = await page.RunAndWaitForDownloadAsync(() => message.GetByRole(AriaRole.Link, new() { Name = fileName }).ClickAsync());
        download.SuggestedFilename.Should().Be(fileName);
        await using var stream = await download.CreateReadStreamAsync();
        using var content = new MemoryStream();
        await stream.CopyToAsync(content);
        content.ToArray().Should().Equal(Pdf);
        dialogs.Should().BeEmpty("no script of the message ran");
    }

    private Task<Guid> CreateConsentDraftAsync() =>
        web.Host.InScopeAsync(async services =>
        {
            var created = await services.GetRequiredService<ExpertOrderService>().CreateDraftAsync(WebUiHost.Mueller, new CreateDraftCommand(
                DemoIds.ServicePkvTarifwechsel, "K-10004", """{"versicherer": "Allgemeine Krankenversicherung AG", "aktuellerTarif": "Komfort 600", "versichertePersonen": 2}"""));
            created.IsOk.Should().BeTrue(created.ToString());
            return created.Value.OrderId;
        });

    /// <summary>The consent link of the mail to <paramref name="address"/> in the sample's development mailbox (its path).</summary>
    private async Task<string> ConsentLinkMailedToAsync(string address)
    {
        for (var i = 0; i < 240; i++)
        {
            var mails = (await web.Host.Client.GetFromJsonAsync<List<MailboxItem>>(new Uri("/api/mailbox", UriKind.Relative)))!;
            if (mails.FirstOrDefault(m => m.To.Any(t => t.Contains(address, StringComparison.OrdinalIgnoreCase))) is { } mail)
            {
                var match = ConsentLink().Match(mail.Text);
                match.Success.Should().BeTrue("the mail carries the consent link");
                return match.Groups["path"].Value;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No mail to {address} arrived in the development mailbox.");
    }

    [GeneratedRegex(@"https?://[^/\s""]+(?<path>/expertennetzwerk/consent/[A-Za-z0-9_-]{43})")]
    private static partial Regex ConsentLink();
}
