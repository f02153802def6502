using System.Web;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>The sample CRM's own pages in a real browser: sign-in from the list, customers, the order tab, the party switch.</summary>
public sealed class CrmBrowserTests(WebUiHost web) : IClassFixture<WebUiHost>
{
    [SkippableFact]
    public async Task A_broker_creates_a_customer_with_one_invalid_field_then_orders_a_service_from_its_tab()
    {
        Chromium.SkipUnlessAvailable();
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;

        // The list says who is who.
        await page.GotoAsync("/demo");
        (await page.Locator("[data-testid=demo-users]").InnerTextAsync()).Should()
            .Contain("(Versicherungsmakler)").And.Contain("(Versicherungsberater)").And.Contain("Experte: FinanzKompass")
            .And.Contain("Betreiber:").And.Contain("handelt für mehrere Parteien");
        await WebUiHost.SignInAsync(page, "Katrin Müller");

        // From the module's start page to the CRM's customers, and a new one.
        await page.GetByRole(AriaRole.Link, new() { Name = "Zu den Kundendaten" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Kundendaten");
        await page.GetByRole(AriaRole.Link, new() { Name = "Neuen Kunden anlegen" }).ClickAsync();
        await page.Locator("#Input_FirstName").FillAsync("Greta");
        await page.Locator("#Input_LastName").FillAsync("Weber");
        await page.Locator("#Input_Street").FillAsync("Große Bleiche 12");
        await page.Locator("#Input_PostalCode").FillAsync("5511");
        await page.Locator("#Input_City").FillAsync("Mainz");
        await page.Locator("#Input_Email").FillAsync("greta.weber@example.de");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kunden anlegen" }).ClickAsync();

        // The one invalid field: its message beside it, marked invalid; everything typed still there.
        (await page.Locator("[data-testid=error-PostalCode]").InnerTextAsync()).Should().Be("Die Postleitzahl hat fünf Ziffern.");
        (await page.Locator("#Input_PostalCode").GetAttributeAsync("aria-invalid")).Should().Be("true");
        (await page.Locator(".crm-error[data-testid^=error-]").CountAsync()).Should().Be(1);
        (await page.Locator("#Input_FirstName").InputValueAsync()).Should().Be("Greta");
        (await page.Locator("#Input_Street").InputValueAsync()).Should().Be("Große Bleiche 12");
        (await page.Locator("#Input_PostalCode").InputValueAsync()).Should().Be("5511");
        (await page.Locator("#Input_Email").InputValueAsync()).Should().Be("greta.weber@example.de");

        await page.Locator("#Input_PostalCode").FillAsync("55116");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kunden anlegen" }).ClickAsync();
        await page.WaitForURLAsync("**/kunden/K-*");
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Greta Weber");
        var customerRef = await page.Locator("[data-testid=customer-ref]").InnerTextAsync();

        // The tab "neue Experten-Dienstleistung": choose the service, the button opens the module's order form for the customer.
        await page.GetByRole(AriaRole.Link, new() { Name = "neue Experten-Dienstleistung" }).ClickAsync();
        await page.GetByLabel("Weiteranlage – Interessen-Check").CheckAsync();
        await WebUiHost.ScreenshotAsync(page, "customer-order-tab");
        // Where the button leads is what counts here (the module's order form answers there).
        var request = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Experten-Dienstleistung bestellen" }).ClickAsync(),
            r => r.IsNavigationRequest && r.Url.Contains("/orders/new", StringComparison.Ordinal));
        request.Method.Should().Be("GET");
        var url = new Uri(request.Url);
        url.AbsolutePath.Should().Be("/expertennetzwerk/orders/new");
        var query = HttpUtility.ParseQueryString(url.Query);
        query["serviceId"].Should().Be(DemoIds.ServiceWeiteranlage.ToString());
        query["customerRef"].Should().Be(customerRef);
        dialogs.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task The_user_who_is_broker_and_expert_switches_parties_and_a_broker_page_refuses_the_expert()
    {
        Chromium.SkipUnlessAvailable();
        var (context, page, _) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Jonas Hartmann");

        // Two parties, none chosen yet: the module says so and offers the switch.
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Kein Zugriff");
        await page.Locator("#enw-acting-party").SelectOptionAsync(new SelectOptionValue { Label = "Vermittler" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Wechseln" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Expertennetzwerk");

        var catalog = await page.GotoAsync("/expertennetzwerk/catalog");
        catalog!.Status.Should().Be(200);
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Experten-Dienstleistungen");
        await page.GotoAsync("/kunden");
        (await page.Locator("tbody").InnerTextAsync()).Should().Contain("K-20001").And.NotContain("K-10001");

        // As expert: the broker's catalogue and the customers answer 403.
        await page.GotoAsync("/expertennetzwerk/catalog");
        await page.Locator("#enw-acting-party").SelectOptionAsync(new SelectOptionValue { Label = "Experte" });
        var switched = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Wechseln" }).ClickAsync(),
            response => response.Url.EndsWith("/expertennetzwerk/catalog", StringComparison.Ordinal) && response.Request.Method == "GET");
        switched.Status.Should().Be(403, "the switch leads back to the catalogue, which is the broker's");
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Kein Zugriff");
        (await page.Locator("#enw-acting-party option:checked").InnerTextAsync()).Should().Be("Experte");
        var customers = await page.GotoAsync("/kunden");
        customers!.Status.Should().Be(403);
        (await page.Locator("[data-testid=crm-forbidden]").CountAsync()).Should().Be(1);
        var orders = await page.GotoAsync("/expertennetzwerk/orders");
        orders!.Status.Should().Be(200, "the order list is the expert's too");
    }

    [SkippableFact]
    public async Task A_hostile_customer_name_is_text_on_the_customer_pages_and_the_modules_order_pages()
    {
        Chromium.SkipUnlessAvailable();
        const string Hostile = "<script>alert(1)</script>";
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");

        await page.GotoAsync("/kunden/neu");
        await page.Locator("#Input_FirstName").FillAsync("Eve");
        await page.Locator("#Input_LastName").FillAsync(Hostile);
        await page.Locator("#Input_City").FillAsync("<img src=x onerror=alert(2)>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kunden anlegen" }).ClickAsync();
        await page.WaitForURLAsync("**/kunden/K-*");
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Eve " + Hostile);
        var customerRef = await page.Locator("[data-testid=customer-ref]").InnerTextAsync();
        (await page.Locator("main script, main img, .crm-main script, .crm-main img").CountAsync()).Should().Be(0);

        await page.GotoAsync("/kunden?q=Eve");
        (await page.Locator("[data-testid=customer-link]").AllInnerTextsAsync()).Should().Contain("Eve " + Hostile);
        await page.GotoAsync($"/kunden/{customerRef}/bearbeiten");
        (await page.Locator("#Input_LastName").InputValueAsync()).Should().Be(Hostile);

        // An order for the customer: the module's order page and list show the name as text.
        var orderId = await web.Host.InScopeAsync(async services =>
        {
            var created = await services.GetRequiredService<ExpertOrderService>().CreateDraftAsync(WebUiHost.Mueller, new CreateDraftCommand(
                DemoIds.ServicePkvTarifwechsel, customerRef, """{"versicherer": "Allgemeine Krankenversicherung AG", "aktuellerTarif": "Komfort 600", "versichertePersonen": 1}"""));
            created.IsOk.Should().BeTrue(created.ToString());
            return created.Value.OrderId;
        });
        await page.GotoAsync($"/expertennetzwerk/orders/{orderId}");
        (await page.Locator("[data-testid=customer]").InnerTextAsync()).Should().Be("Eve " + Hostile);
        await page.GotoAsync("/expertennetzwerk/orders?q=Eve");
        (await page.Locator(".enw-table tbody td:nth-child(2)").AllInnerTextsAsync()).Should().Contain("Eve " + Hostile);
        (await page.Locator(".crm-main script, .crm-main img").CountAsync()).Should().Be(0);
        dialogs.Should().BeEmpty("no script of the name ran");
    }
}
