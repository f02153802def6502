using System.Net.Http.Json;
using Expertennetzwerk.SampleHost.Api;
using Expertennetzwerk.SampleHost.Tests.Mailbox;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Playwright;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// The development mailbox of the sample host run as its own process: its mails survive a restart (kept in the
/// sample's database), its links open the module's pages, and "Demo zurücksetzen" recreates the demo in the browser.
/// </summary>
public sealed class MailboxBrowserTests
{
    [SkippableFact]
    public async Task The_mailbox_survives_a_restart_its_links_open_and_demo_zuruecksetzen_starts_the_demo_again()
    {
        Chromium.SkipUnlessAvailable();
        await using var database = SampleDatabaseFixture.Sqlite();
        IReadOnlyList<MailboxItem> before;
        await using (var first = SampleHostProcess.Start(database))
        {
            using var client = new HttpClient { BaseAddress = await first.WaitUntilListeningAsync(TimeSpan.FromMinutes(3)), Timeout = TimeSpan.FromSeconds(60) };
            before = await MailboxTests.WaitForOpenConsentMailAsync(client);
            await first.KillAsync(); // as a crash would
        }

        await using var restarted = SampleHostProcess.Start(database);
        var address = await restarted.WaitUntilListeningAsync(TimeSpan.FromMinutes(3));
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var kept = (await http.GetFromJsonAsync<List<MailboxItem>>(new Uri("/api/mailbox", UriKind.Relative)))!;
        kept.Select(m => m.MessageId).Should().Contain(before.Select(m => m.MessageId), "the mails are in the database, not only in the first process's memory");

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "de-DE", BaseURL = address.AbsoluteUri });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(90_000);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };

        await page.GotoAsync("/mailbox");
        (await page.Locator("article[data-testid=mail]").CountAsync()).Should().BeGreaterThanOrEqualTo(before.Count);
        var planned = (await page.Locator("[data-planned]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.planned)")).Select(p => long.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        planned.Should().BeInDescendingOrder("newest first by when the module planned the mail");
        (await page.Locator("[data-testid=planned]").First.InnerTextAsync()).Should().MatchRegex(@"^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d \(.+\)$");
        (await page.Locator("[data-testid=message-key]").AllInnerTextsAsync()).Should().NotContain(k => k.Contains('='), "the Message-IDs read as their keys");
        await WebUiHost.ScreenshotAsync(page, "mailbox");

        // The open request's link opens the consent page on this host.
        var hrefs = await page.Locator("article a[href*='/expertennetzwerk/consent/']").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
        string? open = null;
        foreach (var href in hrefs.Distinct())
        {
            if ((await page.APIRequest.GetAsync(href)).Status == 200)
            {
                open = href;
                break;
            }
        }

        open.Should().NotBeNull("the demo leaves a consent request open whose mail is in the mailbox");
        await page.Locator($"article a[href='{open}']").First.ClickAsync();
        await page.WaitForURLAsync("**/expertennetzwerk/consent/**");
        (await page.Locator("body").InnerTextAsync()).Should().Contain("Einwilligung");

        // Demo zurücksetzen: the demo from the beginning, with an open consent request in the mailbox again.
        await page.GotoAsync("/mailbox");
        await page.GetByRole(AriaRole.Button, new() { Name = "Demo zurücksetzen" }).ClickAsync();
        await page.WaitForURLAsync("**/mailbox?zurueckgesetzt=true");
        (await page.Locator("[data-testid=reset-done]").CountAsync()).Should().Be(1);
        var after = await MailboxTests.WaitForOpenConsentMailAsync(http);
        after.Should().Contain(m => !before.Select(b => b.MessageId).Contains(m.MessageId) && m.Text.Contains("/expertennetzwerk/consent/", StringComparison.Ordinal));
        restarted.Failures.Should().BeEmpty();
        dialogs.Should().BeEmpty();
    }
}
