using System.Text.RegularExpressions;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>The order form in a real browser: ordering from the catalogue, saving the draft, the description preview.</summary>
public sealed partial class BrokerPagesBrowserTests
{
    [SkippableFact]
    public async Task A_broker_orders_a_service_for_a_customer_fixes_an_invalid_value_saves_comes_back_and_previews_the_description()
    {
        Chromium.SkipUnlessAvailable();
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");

        // From the catalogue to the service's order form.
        await page.GotoAsync($"/expertennetzwerk/catalog/{DemoIds.ServiceWeiteranlage}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bestellen", Exact = true }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Weiteranlage – Interessen-Check bestellen");
        (await page.Locator("label[for=enw-f-anlagebetrag]").InnerTextAsync()).Should().Be("Anlagebetrag *");
        (await page.Locator("#enw-f-anlagebetrag-bounds").InnerTextAsync()).Should().Be("mindestens 1.000,00 €");

        // One value below the minimum: the error at its field, everything typed still there.
        await page.Locator("#enw-customer-ref").FillAsync("K-10004");
        await page.Locator("#enw-f-anlagebetrag").FillAsync("500");
        await page.Locator("#enw-f-faelligkeit").FillAsync("2027-03-31");
        await page.Locator("#enw-f-anlagehorizont").SelectOptionAsync("mittel");
        await page.Locator("#enw-f-nachhaltigkeit").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Experten-Dienstleistung bestellen" }).ClickAsync();
        await Expect(page.Locator("#enw-f-anlagebetrag-error")).ToHaveTextAsync("Der Wert muss mindestens 1.000,00 € betragen.", new() { Timeout = 90_000 });
        (await page.Locator("#enw-f-anlagebetrag").GetAttributeAsync("aria-invalid")).Should().Be("true");
        (await page.Locator("#enw-f-anlagebetrag").InputValueAsync()).Should().Be("500");
        (await page.Locator("#enw-f-faelligkeit").InputValueAsync()).Should().Be("2027-03-31");
        (await page.Locator("#enw-f-anlagehorizont").InputValueAsync()).Should().Be("mittel");
        (await page.Locator("#enw-f-nachhaltigkeit").IsCheckedAsync()).Should().BeTrue();
        (await page.Locator("#enw-customer-ref").InputValueAsync()).Should().Be("K-10004");
        await WebUiHost.ScreenshotAsync(page, "order-form");

        // Fixed: the draft, on its order page with the form filled.
        await page.Locator("#enw-f-anlagebetrag").FillAsync("25.000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Experten-Dienstleistung bestellen" }).ClickAsync();
        await page.WaitForURLAsync(OrderUrl());
        (await page.Locator("h1").InnerTextAsync()).Should().StartWith("Auftrag EA-");
        (await page.Locator("[data-testid=state]").InnerTextAsync()).Should().Be("Entwurf");
        (await page.Locator("[data-testid=customer]").InnerTextAsync()).Should().Be("Jürgen Öztürk");
        (await page.Locator("#enw-f-anlagebetrag").InputValueAsync()).Should().Be("25000,00");
        var orderUrl = page.Url;

        // Saved with a change, left, and found as saved on coming back.
        await page.Locator("#enw-f-anlagehorizont").SelectOptionAsync("lang");
        await page.GetByRole(AriaRole.Button, new() { Name = "Auftragsdaten speichern" }).ClickAsync();
        await Expect(page.Locator(".enw-history")).ToContainTextAsync("Vermittler — Auftragsdaten gespeichert", new() { Timeout = 90_000 });
        page.Url.Should().Be(orderUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Aufträge", Exact = true }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Auftragsliste");
        await page.GotoAsync(orderUrl);
        (await page.Locator("#enw-f-anlagehorizont").InputValueAsync()).Should().Be("lang");
        (await page.Locator("#enw-f-anlagebetrag").InputValueAsync()).Should().Be("25000,00");
        (await page.Locator("#enw-f-nachhaltigkeit").IsCheckedAsync()).Should().BeTrue();
        (await page.Locator(".enw-history").InnerTextAsync()).Should().Contain("Vermittler — Auftragsdaten gespeichert");

        // The description as the expert will receive it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Auftragsbeschreibung anzeigen" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Auftragsbeschreibung");
        var description = page.FrameLocator("[data-testid=description-html]");
        (await description.Locator("body").InnerTextAsync()).Should().Contain("25.000,00 €").And.Contain("über 10 Jahre").And.Contain("Jürgen Öztürk");
        (await page.Locator("[data-testid=description-text]").TextContentAsync()).Should().Contain("Anlagebetrag: 25.000,00 €");
        (await page.Locator("[data-testid=shared-data]").InnerTextAsync()).Should().Contain("Jürgen Öztürk");
        await WebUiHost.ScreenshotAsync(page, "order-description");
        dialogs.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Hostile_text_typed_into_the_order_form_stays_text_on_the_order_page_and_in_the_description()
    {
        Chromium.SkipUnlessAvailable();
        const string Script = "<script>window.__xss=3;alert(1)</script>";
        const string Markup = "<b>x</b> {{ 7*7 }}";
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");

        await page.GotoAsync($"/expertennetzwerk/orders/new?serviceId={DemoIds.ServicePkvTarifwechsel}&customerRef=K-10005");
        (await page.Locator("[data-testid=customer-name]").InnerTextAsync()).Should().Be("Spedition Krüger e.K.");
        await page.Locator("#enw-f-versicherer").FillAsync(Script);
        await page.Locator("#enw-f-aktuellerTarif").FillAsync(Markup);
        await page.Locator("#enw-f-monatsbeitrag").FillAsync("300");
        await page.Locator("#enw-f-versichertePersonen").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Experten-Dienstleistung bestellen" }).ClickAsync();
        await page.WaitForURLAsync(OrderUrl());

        // The order page: the values as typed, in the inputs, nothing of them run or parsed.
        (await page.Locator("#enw-f-versicherer").InputValueAsync()).Should().Be(Script);
        (await page.Locator("#enw-f-aktuellerTarif").InputValueAsync()).Should().Be(Markup);
        (await page.Locator("main script, main b").CountAsync()).Should().Be(0);

        // The description: the same text in the frame's DOM and in the text version; the template did not evaluate {{ 7*7 }}.
        await page.GetByRole(AriaRole.Link, new() { Name = "Auftragsbeschreibung anzeigen" }).ClickAsync();
        var description = page.FrameLocator("[data-testid=description-html]");
        var text = await description.Locator("body").InnerTextAsync();
        text.Should().Contain(Script).And.Contain(Markup, "the value is data: {{ 7*7 }} is not evaluated");
        (await description.Locator("script, b").CountAsync()).Should().Be(0);
        (await page.Locator("[data-testid=description-text]").TextContentAsync()).Should().Contain(Script).And.Contain(Markup);
        (await page.Locator("main script, main b").CountAsync()).Should().Be(0);
        (await page.EvaluateAsync<bool>("() => window.__xss === undefined")).Should().BeTrue();
        dialogs.Should().BeEmpty();
    }

    [GeneratedRegex("/expertennetzwerk/orders/[0-9a-f]{8}-[0-9a-f-]{27}$")]
    private static partial Regex OrderUrl();
}
