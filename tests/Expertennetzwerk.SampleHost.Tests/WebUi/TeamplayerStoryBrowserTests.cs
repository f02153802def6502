using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Common;
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
/// The Teamplayer story in a real browser, from the sign-in to the order placed bindingly, and afterwards — once the
/// expert's and the operator's stories ran on the same host too — every link in the development mailbox opened by its
/// recipient and by others.
/// </summary>
public sealed partial class TeamplayerStoryBrowserTests(WebUiHost web) : IClassFixture<WebUiHost>
{
    private const float Wait = 90_000;

    /// <summary>The story runs once per host; the mailbox test waits for it (or runs it) so that its mails are there.</summary>
    private static readonly ConcurrentDictionary<WebUiHost, Lazy<Task<Story>>> Stories = new();

    /// <summary>The demo users by their mail address, with the kind of party they act for (Jonas Hartmann acts for two).</summary>
    private static readonly Dictionary<string, string> Users = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sabine.koch@maklerverbund-rhein-main.example.de"] = "Sabine Koch",
        ["k.mueller@mueller-partner.example.de"] = "Katrin Müller",
        ["jonas@hartmann-makler.example.de"] = "Jonas Hartmann",
        ["schneider@versicherungsberatung-schneider.example.de"] = "Dr. Petra Schneider",
        ["m.vogel@finanzkompass.example.de"] = "Michael Vogel",
        ["l.krause@hartmann-spezialkonzepte.example.de"] = "Lea Krause",
    };

    [SkippableFact]
    public async Task The_Teamplayer_orders_Weiteranlage_for_a_new_customer_who_consents_from_the_mailbox_and_places_it_bindingly()
    {
        Chromium.SkipUnlessAvailable();
        var story = await StoryAsync();
        story.OrderNumber.Should().StartWith("EA-");
    }

    [SkippableFact]
    public async Task Every_link_in_the_mailbox_after_the_stories_opens_its_page_for_its_recipient_and_not_for_anyone_else()
    {
        Chromium.SkipUnlessAvailable();
        var story = await StoryAsync();

        // The expert's and the operator's stories on this host too, so that their mails (new order, completion with the
        // rating link, dispute opened, the resolution to both sides) are in the mailbox when the links are opened.
        await new ExpertStoryBrowserTests(web).The_expert_accepts_documents_asks_and_completes_and_the_broker_answers_and_downloads_the_attachment();
        await new OperatorStoryBrowserTests(web).A_broker_opens_a_dispute_the_operator_states_a_purpose_reads_the_thread_and_resolves_it_and_both_sides_see_the_outcome();

        var mails = (await web.Host.Client.GetFromJsonAsync<List<MailboxItem>>(new Uri("/api/mailbox", UriKind.Relative)))!;
        mails.Should().Contain(m => m.To.Any(t => t.Contains(story.CustomerEmail, StringComparison.OrdinalIgnoreCase)));
        mails.Should().Contain(m => m.To.Any(t => t.Contains("l.krause@", StringComparison.Ordinal)) && m.Subject.EndsWith(": in progress", StringComparison.Ordinal),
            "the operator story's resolution mail to the expert");
        mails.Should().Contain(m => m.Text.Contains("/rating", StringComparison.Ordinal), "the expert story's completion mail with the rating link");

        var pages = new Dictionary<string, IPage>();
        var contexts = new List<IBrowserContext>();
        async Task<IPage> PageOfAsync(string? user)
        {
            var key = user ?? string.Empty;
            if (!pages.TryGetValue(key, out var page))
            {
                var (context, created, _) = await web.NewPageAsync();
                contexts.Add(context);
                if (user is not null)
                {
                    await WebUiHost.SignInAsync(created, user);
                }

                pages[key] = page = created;
            }

            return page;
        }

        var checkedLinks = 0;
        var signedInLinks = 0;
        var strangerLinks = 0;
        var notYetBuilt = 0;
        try
        {
            foreach (var mail in mails)
            {
                foreach (var path in MailLink().Matches(mail.Text).Select(m => m.Groups["path"].Value).Distinct())
                {
                    var what = $"the link {path} in \"{mail.Subject}\" to {string.Join(", ", mail.To)}";
                    checkedLinks++;
                    if (TokenLink().IsMatch(path))
                    {
                        // A consent or withdrawal link is its recipient's key: anyone holding it is the data subject. Open, or
                        // the neutral page once used up or expired; never an error.
                        var anyone = await PageOfAsync(null);
                        var status = (await anyone.GotoAsync(path))!.Status;
                        status.Should().BeOneOf([200, 404], what);
                        (await anyone.Locator("h1").InnerTextAsync()).Should().NotBeNullOrWhiteSpace(what);
                        if (status == 404)
                        {
                            (await anyone.Locator("h1").InnerTextAsync()).Should().Be("Link ungültig", what);
                        }

                        continue;
                    }

                    if (path.EndsWith("/rating", StringComparison.Ordinal))
                    {
                        // The rating page arrives with the ratings (network-organisation work); until then the mailed
                        // link is answered 404, never an error. This fails once the page exists: then check it like the rest.
                        var rating = await (await PageOfAsync(null)).APIRequest.GetAsync(path);
                        rating.Status.Should().Be(404, what);
                        notYetBuilt++;
                        continue;
                    }

                    // A page of the module for a user of the network: it answers for the recipient, not for others.
                    var recipient = mail.To.Select(t => Users.GetValueOrDefault(Address(t))).FirstOrDefault(u => u is not null);
                    recipient.Should().NotBeNull("{0} goes to a demo user", what);
                    var own = await PageOfAsync(recipient);
                    var opened = (await own.GotoAsync(path))!.Status;
                    var heading = await own.Locator("h1").InnerTextAsync();
                    if (recipient == "Jonas Hartmann" && opened == 403)
                    {
                        // Two parties and none chosen: the module asks which one acts (the switch is on the page).
                        (await own.Locator("#enw-acting-party").CountAsync()).Should().Be(1, what);
                    }
                    else
                    {
                        opened.Should().Be(200, what);
                        heading.Should().MatchRegex(ExpectedHeading(path), what);
                        signedInLinks++;
                    }

                    if (OrderPath().Match(path) is { Success: true } order)
                    {
                        // Someone of the network who is neither the order's broker nor its expert: the 403 or 404 page.
                        var stranger = await StrangerToAsync(Guid.Parse(order.Groups["id"].Value));
                        var other = await PageOfAsync(stranger);
                        var refused = (await other.GotoAsync(path))!.Status;
                        refused.Should().BeOneOf([403, 404], "{0} opened by {1}", what, stranger);
                        (await other.Locator("h1").InnerTextAsync()).Should().NotBeNullOrWhiteSpace(what);
                        strangerLinks++;
                    }

                    var anonymous = await PageOfAsync(null);
                    (await anonymous.GotoAsync(path))!.Status.Should().Be(401, "{0} without signing in shows the sign-in notice", what);
                }
            }
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }

        checkedLinks.Should().BeGreaterThan(0);
        notYetBuilt.Should().BeGreaterThan(0, "the completion mails link the rating page, answered 404 until the ratings bring it");
        signedInLinks.Should().BeGreaterThan(0, "the story mails the expert a link to the placed order");
        strangerLinks.Should().BeGreaterThan(0);
    }

    private Task<Story> StoryAsync() =>
        Stories.GetOrAdd(web, w => new Lazy<Task<Story>>(() => RunStoryAsync(w))).Value;

    private static async Task<Story> RunStoryAsync(WebUiHost web)
    {
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;
        var email = $"lena.hoffmann-{Guid.NewGuid():N}@example.de";

        // Sign in as the broker and create the customer in the CRM.
        await WebUiHost.SignInAsync(page, "Katrin Müller");
        await page.GotoAsync("/kunden");
        await page.GetByRole(AriaRole.Link, new() { Name = "Neuen Kunden anlegen" }).ClickAsync();
        await page.Locator("#Input_FirstName").FillAsync("Lena");
        await page.Locator("#Input_LastName").FillAsync("Hoffmann");
        await page.Locator("#Input_Street").FillAsync("Taunusstraße 3");
        await page.Locator("#Input_PostalCode").FillAsync("65183");
        await page.Locator("#Input_City").FillAsync("Wiesbaden");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kunden anlegen" }).ClickAsync();
        await page.WaitForURLAsync("**/kunden/K-*");
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Lena Hoffmann");
        var customerUrl = page.Url;

        // The customer's tab "neue Experten-Dienstleistung": the service, the button to the module's order form.
        await page.GetByRole(AriaRole.Link, new() { Name = "neue Experten-Dienstleistung" }).ClickAsync();
        await page.GetByLabel("Weiteranlage – Interessen-Check").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Experten-Dienstleistung bestellen" }).ClickAsync();
        await page.WaitForURLAsync("**/expertennetzwerk/orders/new?*");
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Weiteranlage – Interessen-Check bestellen");
        (await page.Locator("[data-testid=customer-name]").InnerTextAsync()).Should().Be("Lena Hoffmann");

        // One invalid value: the error at its field, all values kept.
        await page.Locator("#enw-f-anlagebetrag").FillAsync("999");
        await page.Locator("#enw-f-faelligkeit").FillAsync("2027-06-30");
        await page.Locator("#enw-f-anlagehorizont").SelectOptionAsync("mittel");
        await page.Locator("#enw-f-nachhaltigkeit").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Experten-Dienstleistung bestellen" }).ClickAsync();
        await Expect(page.Locator("#enw-f-anlagebetrag-error")).ToHaveTextAsync("Der Wert muss mindestens 1.000,00 € betragen.", new() { Timeout = Wait });
        (await page.Locator("#enw-f-anlagebetrag").GetAttributeAsync("aria-invalid")).Should().Be("true");
        (await page.Locator("#enw-f-anlagebetrag").InputValueAsync()).Should().Be("999");
        (await page.Locator("#enw-f-faelligkeit").InputValueAsync()).Should().Be("2027-06-30");
        (await page.Locator("#enw-f-anlagehorizont").InputValueAsync()).Should().Be("mittel");
        (await page.Locator("#enw-f-nachhaltigkeit").IsCheckedAsync()).Should().BeTrue();
        await WebUiHost.ScreenshotAsync(page, "story-1-field-error");

        // Fixed: the draft's order page; a change saved with "Auftragsdaten speichern".
        await page.Locator("#enw-f-anlagebetrag").FillAsync("40.000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Experten-Dienstleistung bestellen" }).ClickAsync();
        await page.WaitForURLAsync(OrderUrl());
        var orderUrl = page.Url;
        (await page.Locator("[data-testid=state]").InnerTextAsync()).Should().Be("Entwurf");
        var number = (await page.Locator("h1").InnerTextAsync())["Auftrag ".Length..];
        await page.Locator("#enw-f-anlagehorizont").SelectOptionAsync("lang");
        await page.GetByRole(AriaRole.Button, new() { Name = "Auftragsdaten speichern" }).ClickAsync();
        await Expect(page.Locator(".enw-history")).ToContainTextAsync("Vermittler — Auftragsdaten gespeichert", new() { Timeout = Wait });
        await WebUiHost.ScreenshotAsync(page, "story-2-draft");

        // Left for the customer, back again: the values as saved.
        await page.GotoAsync(customerUrl);
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Lena Hoffmann");
        await page.GotoAsync(orderUrl);
        (await page.Locator("#enw-f-anlagebetrag").InputValueAsync()).Should().Be("40000,00");
        (await page.Locator("#enw-f-faelligkeit").InputValueAsync()).Should().Be("2027-06-30");
        (await page.Locator("#enw-f-anlagehorizont").InputValueAsync()).Should().Be("lang");
        (await page.Locator("#enw-f-nachhaltigkeit").IsCheckedAsync()).Should().BeTrue();

        // The description as the expert will get it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Auftragsbeschreibung anzeigen" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Auftragsbeschreibung");
        (await page.Locator("[data-testid=description-text]").TextContentAsync()).Should().Contain("40.000,00 €").And.Contain("Lena Hoffmann");
        await WebUiHost.ScreenshotAsync(page, "story-3-description");

        // "Einwilligungserklärung erzeugen" by link, to the customer's address from the CRM (fields left empty).
        await page.GotoAsync(orderUrl);
        (await page.GetByRole(AriaRole.Button, new() { Name = "Verbindlich weiterleiten" }).CountAsync()).Should().Be(0, "the customer has not consented yet");
        var customer = page.Locator("article[data-subject=Customer]");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Einwilligungserklärung erzeugen", Exact = true }).ClickAsync();
        await Expect(customer.Locator("[data-testid=consent-status]")).ToHaveTextAsync(new[] { "angefragt" }, new() { Timeout = Wait });

        // The data subject, in a browser of its own: the link from the mailbox page, German, agrees.
        var (subjectContext, subject, subjectDialogs) = await web.NewPageAsync();
        await using (subjectContext)
        {
            var link = await MailedLinkAsync(web, email, ConsentLink());
            await subject.GotoAsync("/mailbox");
            var anchor = subject.Locator($"article[data-testid=mail] a[href$='{link}']");
            await Expect(anchor).ToHaveCountAsync(1, new() { Timeout = Wait });
            await anchor.ClickAsync();
            await subject.WaitForURLAsync("**/expertennetzwerk/consent/**");
            (await subject.Locator("html").GetAttributeAsync("lang")).Should().Be("de");
            (await subject.TitleAsync()).Should().StartWith("Einwilligungserklärung");
            (await subject.Locator(".enw-declaration").InnerTextAsync()).Should().Contain("Lena Hoffmann").And.Contain("Weiteranlage – Interessen-Check");
            await WebUiHost.ScreenshotAsync(subject, "story-4-consent");
            await subject.GetByRole(AriaRole.Button, new() { Name = "Ich willige ein", Exact = true }).ClickAsync();
            await Expect(subject.Locator("h1")).ToHaveTextAsync("Ihre Entscheidung ist gespeichert", new() { Timeout = Wait });
            (await subject.Locator("[data-testid=consent-outcome]").InnerTextAsync()).Should().Contain("ist erteilt");

            // The confirmation: a mail with the declaration and the withdrawal link.
            var withdrawal = await MailedLinkAsync(web, email, WithdrawalLink());
            withdrawal.Should().Contain("/expertennetzwerk/consent/withdraw/");
            subjectDialogs.Should().BeEmpty();
        }

        // The broker places the order bindingly and finds it under "Verbindlich bestellt".
        await page.ReloadAsync();
        await Expect(customer.Locator("[data-testid=consent-status]")).ToHaveTextAsync(new[] { "erteilt" }, new() { Timeout = Wait });
        await page.GetByRole(AriaRole.Button, new() { Name = "Verbindlich weiterleiten" }).ClickAsync();
        await Expect(page.Locator("[data-testid=state]")).ToHaveTextAsync("Verbindlich bestellt", new() { Timeout = Wait });
        await page.GotoAsync("/expertennetzwerk/orders");
        var placed = page.Locator(".enw-counts a[data-state=Placed]");
        (await placed.InnerTextAsync()).Should().Be("Verbindlich bestellt");
        await placed.ClickAsync();
        var rows = page.Locator(".enw-table tbody tr");
        await Expect(rows.Filter(new() { HasText = number })).ToHaveCountAsync(1, new() { Timeout = Wait });
        (await rows.Locator("td:nth-child(4)").AllInnerTextsAsync()).Should().OnlyContain(s => s == "Verbindlich bestellt");
        await WebUiHost.ScreenshotAsync(page, "story-5-placed");
        dialogs.Should().BeEmpty();
        return new Story(number, email);
    }

    /// <summary>The path of the first link matching <paramref name="pattern"/> in a mail to <paramref name="address"/> (waits for the outbox).</summary>
    private static async Task<string> MailedLinkAsync(WebUiHost web, string address, Regex pattern)
    {
        for (var i = 0; i < 360; i++)
        {
            var mails = (await web.Host.Client.GetFromJsonAsync<List<MailboxItem>>(new Uri("/api/mailbox", UriKind.Relative)))!;
            foreach (var mail in mails.Where(m => m.To.Any(t => t.Contains(address, StringComparison.OrdinalIgnoreCase))))
            {
                if (pattern.Match(mail.Text) is { Success: true } match)
                {
                    return match.Groups["path"].Value;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No mail to {address} with a link like {pattern} arrived in the development mailbox.");
    }

    /// <summary>A demo user whose party is neither the broker nor the expert of the order (read as the operator, who sees every order).</summary>
    private Task<string> StrangerToAsync(Guid orderId) =>
        web.Host.InScopeAsync(async services =>
        {
            var detail = await services.GetRequiredService<ExpertOrderQueries>()
                .GetOrderAsync(Actor.Operator(DemoIds.Network, DemoIds.OperatorParty, DemoIds.UserKoch), orderId);
            detail.IsOk.Should().BeTrue(detail.ToString());
            (Guid Party, string User)[] candidates =
            [
                (DemoIds.AdvisorSchneider, "Dr. Petra Schneider"),
                (DemoIds.BrokerMueller, "Katrin Müller"),
                (DemoIds.ExpertFinanzKompass, "Michael Vogel"),
                (DemoIds.ExpertHartmannSpezial, "Lea Krause"),
            ];
            return candidates.First(c => c.Party != detail.Value.BrokerPartyId && c.Party != detail.Value.ExpertPartyId).User;
        });

    private static string Address(string to) => to.Contains('<', StringComparison.Ordinal) ? to[(to.IndexOf('<', StringComparison.Ordinal) + 1)..].TrimEnd('>', ' ') : to.Trim();

    private static string ExpectedHeading(string path) =>
        OrderPath().IsMatch(path) ? "^(Auftrag|Order) " : ".+";

    private sealed record Story(string OrderNumber, string CustomerEmail);

    [GeneratedRegex(@"https?://[^/\s""<>]+(?<path>/expertennetzwerk/[^\s""<>)]*)")]
    private static partial Regex MailLink();

    [GeneratedRegex(@"^/expertennetzwerk/consent/")]
    private static partial Regex TokenLink();

    [GeneratedRegex(@"^/expertennetzwerk/orders/(?<id>[0-9a-f]{8}-[0-9a-f-]{27})")]
    private static partial Regex OrderPath();

    [GeneratedRegex(@"https?://[^/\s""]+(?<path>/expertennetzwerk/consent/[A-Za-z0-9_-]{43})")]
    private static partial Regex ConsentLink();

    [GeneratedRegex(@"https?://[^/\s""]+(?<path>/expertennetzwerk/consent/withdraw/[A-Za-z0-9_-]{43})")]
    private static partial Regex WithdrawalLink();

    [GeneratedRegex("/expertennetzwerk/orders/[0-9a-f]{8}-[0-9a-f-]{27}$")]
    private static partial Regex OrderUrl();
}
