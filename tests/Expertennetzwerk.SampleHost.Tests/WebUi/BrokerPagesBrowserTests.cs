using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>The broker's pages in a real browser (headless chromium) against the running sample host.</summary>
public sealed partial class BrokerPagesBrowserTests(WebUiHost web) : IClassFixture<WebUiHost>
{
    [SkippableFact]
    public async Task A_broker_signs_in_and_walks_start_page_catalogue_order_list_and_an_order()
    {
        Chromium.SkipUnlessAvailable();
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;

        // Not signed in: the module's sign-in notice, leading to the sample's demo sign-in.
        var anonymous = await page.GotoAsync("/expertennetzwerk/orders");
        anonymous!.Status.Should().Be(401);
        await page.GetByRole(AriaRole.Link, new() { Name = "Zur Anmeldung" }).ClickAsync();
        await page.WaitForURLAsync("**/demo");
        (await page.Locator("body").InnerTextAsync()).Should().Contain("Vermittler:").And.Contain("Experte:").And.Contain("Betreiber:");
        await WebUiHost.ScreenshotAsync(page, "demo-sign-in");

        await WebUiHost.SignInAsync(page, "Katrin Müller");
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Expertennetzwerk");
        (await page.Locator("[data-testid=signed-in-user]").InnerTextAsync()).Should().Be("Katrin Müller", "the host's layout frames the module's page");
        (await page.Locator("#enw-messages").InnerTextAsync()).Should().Be("Digitale Nachrichten");
        int.Parse(await page.Locator("[data-testid=unread]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(0);
        (await page.Locator("#enw-customers").InnerTextAsync()).Should().Be("Kunden");
        await WebUiHost.ScreenshotAsync(page, "start-page");

        // The stylesheet is the module's own, served locally.
        var css = await page.APIRequest.GetAsync("/_content/Expertennetzwerk.Module.AspNetCore/expertennetzwerk.css");
        css.Status.Should().Be(200);

        // Catalogue by category, with text search, and a service's page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Alle Experten-Dienstleistungen im Überblick" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Experten-Dienstleistungen");
        var titles = await page.Locator(".enw-list h3").AllInnerTextsAsync();
        titles.Should().Contain(t => t.Contains("Weiteranlage")).And.HaveCountGreaterThan(1);
        (await page.Locator("main h2").AllInnerTextsAsync()).Should().NotBeEmpty("the services are grouped by category");
        await WebUiHost.ScreenshotAsync(page, "catalogue");
        await page.Locator("#enw-q").FillAsync("Flotte");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        (await page.Locator(".enw-list h3").AllInnerTextsAsync()).Should().OnlyContain(t => t.Contains("Flotte"));
        await page.Locator(".enw-list h3 a").First.ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().Contain("Flotte");
        (await page.Locator(".enw-facts").InnerTextAsync()).Should().Contain("Experte").And.Contain("Werktage");

        // The order list with its counts per state, filtered by state, and an order's page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Aufträge", Exact = true }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Auftragsliste");
        (await page.Locator(".enw-table tbody tr").CountAsync()).Should().BeGreaterThan(1);
        await WebUiHost.ScreenshotAsync(page, "order-list");
        await page.Locator(".enw-counts a[data-state=Draft]").ClickAsync();
        var rows = page.Locator(".enw-table tbody tr");
        (await rows.Locator("td:nth-child(4)").AllInnerTextsAsync()).Should().NotBeEmpty().And.OnlyContain(s => s == "Entwurf");
        await rows.First.Locator("a").ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().StartWith("Auftrag EA-");
        (await page.Locator("[data-testid=state]").InnerTextAsync()).Should().Be("Entwurf");
        (await page.Locator("main h2").AllInnerTextsAsync()).Should().Contain(["Verlauf", "Dokumentation", "Nachrichten"]);
        await WebUiHost.ScreenshotAsync(page, "order-page");

        // Free text over the customer's name.
        await page.GotoAsync("/expertennetzwerk/orders?q=Schulze");
        (await page.Locator(".enw-table tbody td:nth-child(2)").AllInnerTextsAsync()).Should().NotBeEmpty().And.OnlyContain(n => n.Contains("Schulze"));
        dialogs.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task An_unknown_or_foreign_order_gets_the_not_found_page_the_sample_replaced()
    {
        Chromium.SkipUnlessAvailable();
        var (context, page, _) = await web.NewPageAsync();
        await using var __ = context;
        var muellersOrder = await web.CreateHostileDraftAsync();

        await WebUiHost.SignInAsync(page, "Katrin Müller");
        var unknown = await page.GotoAsync($"/expertennetzwerk/orders/{Guid.NewGuid()}");
        unknown!.Status.Should().Be(404);
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Nicht gefunden");
        (await page.Locator("[data-testid=crm-not-found]").CountAsync()).Should().Be(1, "the sample host overrides the module's 404 page by placing its own at the same path");

        // Another broker's order: the same page, nothing revealed.
        var (other, otherPage, _) = await web.NewPageAsync();
        await using var ___ = other;
        await WebUiHost.SignInAsync(otherPage, "Dr. Petra Schneider");
        var foreign = await otherPage.GotoAsync($"/expertennetzwerk/orders/{muellersOrder}");
        foreign!.Status.Should().Be(404);
        (await otherPage.ContentAsync()).Should().NotContain("K-66666").And.NotContain("Mallory");
    }

    [SkippableFact]
    public async Task An_expert_opening_the_brokers_catalogue_gets_the_forbidden_page()
    {
        Chromium.SkipUnlessAvailable();
        var (context, page, _) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Michael Vogel");
        var response = await page.GotoAsync("/expertennetzwerk/catalog");
        response!.Status.Should().Be(403);
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Kein Zugriff");
    }

    [SkippableFact]
    public async Task Hostile_text_in_a_customer_name_form_data_and_a_message_is_shown_as_text()
    {
        Chromium.SkipUnlessAvailable();
        var orderId = await web.CreateHostileDraftAsync();
        var threadOrder = await web.SendHostileMessageAsync();
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");

        await page.GotoAsync($"/expertennetzwerk/orders/{orderId}");
        (await page.Locator("[data-testid=customer]").InnerTextAsync()).Should().Be(WebUiHost.HostileName);
        (await page.Locator("#enw-f-versicherer").InputValueAsync()).Should().Be("<script>alert('form')</script>", "the draft's form shows the value as typed");

        await page.GotoAsync("/expertennetzwerk/orders?q=B%C3%B6se");
        (await page.Locator(".enw-table tbody td:nth-child(2)").First.InnerTextAsync()).Should().Be(WebUiHost.HostileName);

        await page.GotoAsync($"/expertennetzwerk/orders/{threadOrder}");
        (await page.Locator(".enw-thread .enw-text").AllInnerTextsAsync()).Should().Contain(WebUiHost.HostileMessage);

        // No script of the payloads ran, and the DOM holds none of their elements.
        (await page.EvaluateAsync<bool>("() => window.__xss === undefined")).Should().BeTrue();
        (await page.Locator("main script, main img, main b").CountAsync()).Should().Be(0);
        dialogs.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task The_order_page_speaks_English_when_the_browser_asks_for_it()
    {
        Chromium.SkipUnlessAvailable();
        var (context, page, _) = await web.NewPageAsync("en-GB");
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");
        (await page.Locator("#enw-messages").InnerTextAsync()).Should().Be("Digital messages");
        await page.GotoAsync("/expertennetzwerk/orders?state=Draft");
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Order list");
        await page.Locator(".enw-table tbody tr a").First.ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().StartWith("Order EA-");
        (await page.Locator("[data-testid=state]").InnerTextAsync()).Should().Be("Draft");
        (await page.Locator("main h2").AllInnerTextsAsync()).Should().Contain(["History", "Documentation", "Messages"]);
    }

    [SkippableFact]
    public async Task The_mailed_order_link_is_the_order_page()
    {
        Chromium.SkipUnlessAvailable();
        var orderId = await web.CreateHostileDraftAsync();
        var link = web.Host.Services.GetRequiredService<IPublicLinks>().Order(DemoIds.Network, orderId);
        link.AbsolutePath.Should().Be($"/expertennetzwerk/orders/{orderId:D}");

        var (context, page, _) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");
        var response = await page.GotoAsync(link.AbsolutePath);
        response!.Status.Should().Be(200);
        (await page.Locator("h1").InnerTextAsync()).Should().StartWith("Auftrag EA-");
    }
}
