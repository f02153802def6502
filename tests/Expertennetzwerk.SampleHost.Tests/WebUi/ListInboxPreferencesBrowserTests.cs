using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>The broker's order list (every filter, bad input, English, hostile input), inbox and notification preferences in a real browser.</summary>
[Collection(WebUiQualityCollection.Name)]
public sealed class ListInboxPreferencesBrowserTests(WebUiHost web)
{
    [SkippableFact]
    public async Task The_order_list_filters_by_several_states_keeps_the_values_and_shows_bad_input_at_its_field()
    {
        Chromium.SkipUnlessAvailable();
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");
        await page.GotoAsync("/expertennetzwerk/orders");

        // Two states ticked, the form sent by its button (GET, no script needed): only those states, the boxes still ticked.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Entwurf", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "In Bearbeitung", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        await page.WaitForURLAsync("**/orders?*state=Draft&state=InProgress*");
        (await page.Locator(".enw-table tbody td:nth-child(4)").AllInnerTextsAsync()).Should().NotBeEmpty()
            .And.OnlyContain(s => s == "Entwurf" || s == "In Bearbeitung").And.Contain("Entwurf").And.Contain("In Bearbeitung");
        (await page.GetByRole(AriaRole.Checkbox, new() { Name = "Entwurf", Exact = true }).IsCheckedAsync()).Should().BeTrue();
        (await page.GetByRole(AriaRole.Checkbox, new() { Name = "Erledigt", Exact = true }).IsCheckedAsync()).Should().BeFalse();

        // A range that ends before it starts, an unreadable day, an overlong text: each at its field, the values kept.
        await page.GotoAsync("/expertennetzwerk/orders?q=Schulze&from=2026-05-01&to=2020-01-01&updatedFrom=31.02.2026");
        (await page.Locator("#enw-to-error").InnerTextAsync()).Should().Be("Das Bis-Datum liegt vor dem Von-Datum.");
        (await page.Locator("#enw-to").GetAttributeAsync("aria-invalid")).Should().Be("true");
        (await page.Locator("#enw-to").GetAttributeAsync("aria-describedby")).Should().Be("enw-to-error");
        (await page.Locator("#enw-updatedFrom-error").InnerTextAsync()).Should().StartWith("Bitte ein Datum angeben");
        (await page.Locator("#enw-q").InputValueAsync()).Should().Be("Schulze");
        (await page.Locator("#enw-from").InputValueAsync()).Should().Be("2026-05-01");
        (await page.Locator("#enw-q-error").InnerTextAsync()).Should().BeEmpty();
        (await page.Locator(".enw-table tbody td:nth-child(2)").AllInnerTextsAsync()).Should().NotBeEmpty().And.OnlyContain(n => n.Contains("Schulze"), "the valid filter still applies");

        var tooLong = await page.GotoAsync("/expertennetzwerk/orders?q=" + new string('x', 101));
        tooLong!.Status.Should().Be(200);
        (await page.Locator("#enw-q-error").InnerTextAsync()).Should().Be("Bitte höchstens 100 Zeichen eingeben.");

        // A next-page link someone changed: a clear message and the first page, not an error page.
        var tampered = await page.GotoAsync("/expertennetzwerk/orders?state=Draft&cursor=AAAA-not-ours");
        tampered!.Status.Should().Be(200);
        (await page.Locator("[data-testid=cursor-problem]").InnerTextAsync()).Should().Contain("Link zur nächsten Seite ist ungültig");
        (await page.Locator(".enw-table tbody tr").CountAsync()).Should().BeGreaterThan(0);

        // The counts per state are links that filter by their state.
        await page.Locator(".enw-counts a[data-state=Completed]").ClickAsync();
        await page.WaitForURLAsync("**/orders?state=Completed");
        (await page.Locator(".enw-table tbody td:nth-child(4)").AllInnerTextsAsync()).Should().OnlyContain(s => s == "Erledigt");
        dialogs.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task The_list_and_the_order_page_speak_English_and_show_hostile_filter_values_as_text()
    {
        Chromium.SkipUnlessAvailable();
        var (context, page, dialogs) = await web.NewPageAsync("en-GB");
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");

        const string script = "<script>alert(1)</script>";
        const string bold = "<b>x</b>";
        var response = await page.GotoAsync("/expertennetzwerk/orders?q=" + Uri.EscapeDataString(script) + "&customer=" + Uri.EscapeDataString(bold)
            + "&from=" + Uri.EscapeDataString("<b>1</b>") + "&to=2020-01-01&state=" + Uri.EscapeDataString("<i>Draft</i>"));
        response!.Status.Should().Be(200);
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Order list");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).CountAsync()).Should().Be(1);
        (await page.GetByRole(AriaRole.Link, new() { Name = "Reset filters" }).CountAsync()).Should().Be(1);
        (await page.Locator("legend").First.InnerTextAsync()).Should().Be("State");
        (await page.Locator("#enw-q").InputValueAsync()).Should().Be(script, "the typed text is kept, as text");
        (await page.Locator("#enw-customer").InputValueAsync()).Should().Be(bold);
        (await page.Locator("#enw-from-error").InnerTextAsync()).Should().Be("Please enter a date, e.g. 2026-05-31 or 31.05.2026.");
        (await page.Locator("#enw-state-error").InnerTextAsync()).Should().Be("This value is not allowed here.");
        (await page.Locator("main script, main b, main i").CountAsync()).Should().Be(0);

        // The order page in English: headings, the navigation.
        await page.GotoAsync("/expertennetzwerk/orders?state=InProgress");
        await page.Locator(".enw-table tbody tr a").First.ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().StartWith("Order EA-");
        (await page.Locator("[data-testid=state]").InnerTextAsync()).Should().Be("In progress");
        (await page.Locator("main h2").AllInnerTextsAsync()).Should().Contain(["History", "Documentation", "Messages"]);
        (await page.Locator(".enw-nav a").AllInnerTextsAsync()).Should().Contain(["Overview", "Orders", "Inbox", "Notifications"]);
        (await page.EvaluateAsync<bool>("() => window.__xss === undefined")).Should().BeTrue();
        dialogs.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Opening_an_unread_message_from_the_inbox_marks_it_read_and_leads_to_its_order()
    {
        Chromium.SkipUnlessAvailable();
        var orderId = await SendToMuellerAsync("Bitte senden Sie die Police <b>bis Freitag</b>.");
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");

        // The start page counts it and links to the inbox.
        var unreadBefore = int.Parse(await page.Locator("[data-testid=unread]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        unreadBefore.Should().BeGreaterThan(0);
        (await page.Locator("[data-testid=newest-unread] li").CountAsync()).Should().BeGreaterThan(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Zum Posteingang" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Posteingang");

        var message = page.Locator("li[data-unread=true]", new() { HasText = "Bitte senden Sie die Police" });
        (await message.CountAsync()).Should().Be(1);
        (await message.Locator(".enw-text").InnerTextAsync()).Should().Be("Bitte senden Sie die Police <b>bis Freitag</b>.");
        (await message.Locator(".enw-badge").InnerTextAsync()).Should().Be("Ungelesen");
        await message.GetByRole(AriaRole.Button).ClickAsync();
        await page.WaitForURLAsync($"**/expertennetzwerk/orders/{orderId:D}");

        await page.GotoAsync("/expertennetzwerk/inbox");
        (await page.Locator("li[data-unread=true]", new() { HasText = "Bitte senden Sie die Police" }).CountAsync()).Should().Be(0, "opening marked it read");
        int.Parse(await page.Locator("[data-testid=unread]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture).Should().BeLessThan(unreadBefore);

        // Only unread: the opened one is not listed.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Nur ungelesene" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await page.WaitForURLAsync("**/inbox?unread=1");
        (await page.Locator("li", new() { HasText = "Bitte senden Sie die Police" }).CountAsync()).Should().Be(0);
        (await page.Locator("main b").CountAsync()).Should().Be(0);
        dialogs.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task A_broker_changes_a_notification_preference_and_sees_it_kept()
    {
        Chromium.SkipUnlessAvailable();
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, "Katrin Müller");
        await page.GetByRole(AriaRole.Link, new() { Name = "Benachrichtigungen" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Benachrichtigungen");
        (await page.Locator("legend").AllInnerTextsAsync()).Should().Contain("Eine Nachricht zu einem Auftrag ist eingegangen")
            .And.NotContain("Eine Zustellung ist endgültig gescheitert", "dead letters reach the operator, not a broker");

        var messages = page.Locator("fieldset[data-kind=MessageReceived]");
        await messages.GetByLabel("Einmal täglich gesammelt per E-Mail").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Einstellungen speichern" }).ClickAsync();
        await page.WaitForURLAsync("**/notifications?saved=True");
        (await page.Locator("[data-testid=saved]").InnerTextAsync()).Should().Be("Ihre Einstellungen wurden gespeichert.");
        (await messages.GetByLabel("Einmal täglich gesammelt per E-Mail").IsCheckedAsync()).Should().BeTrue();
        (await DeliveryAsync(NotificationKind.MessageReceived)).Should().Be(NotificationDelivery.DailyDigest);

        // Back to a mail right away (the demo's other tests expect it).
        await messages.GetByLabel("Sofort per E-Mail").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Einstellungen speichern" }).ClickAsync();
        await page.WaitForURLAsync("**/notifications?saved=True");
        (await DeliveryAsync(NotificationKind.MessageReceived)).Should().Be(NotificationDelivery.Immediate);
        dialogs.Should().BeEmpty();
    }

    private Task<NotificationDelivery> DeliveryAsync(NotificationKind kind) =>
        web.Host.InScopeAsync(async services =>
            (await services.GetRequiredService<NotificationPreferences>().GetAsync(WebUiHost.Mueller)).Value.Single(p => p.Kind == kind).Delivery);

    /// <summary>The assigned expert writes to Müller on an order in progress; answers the order.</summary>
    private Task<Guid> SendToMuellerAsync(string text) =>
        web.Host.InScopeAsync(async services =>
        {
            var list = await services.GetRequiredService<ExpertOrderQueries>().ListOrdersAsync(WebUiHost.Mueller, new OrderListQuery { States = [OrderState.InProgress] });
            var order = list.Value.Items.First();
            var expert = order.ExpertPartyId == DemoIds.ExpertFinanzKompass
                ? Actor.Expert(DemoIds.Network, DemoIds.ExpertFinanzKompass, DemoIds.UserVogel)
                : Actor.Expert(DemoIds.Network, DemoIds.ExpertHartmannSpezial, DemoIds.UserKrause);
            var sent = await services.GetRequiredService<DigitalMessageService>().SendAsync(expert, order.Id, text);
            sent.IsOk.Should().BeTrue(sent.ToString());
            return order.Id;
        });
}
