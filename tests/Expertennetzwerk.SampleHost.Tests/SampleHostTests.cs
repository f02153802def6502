using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Api;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests;

/// <summary>
/// Boots the sample host as <c>dotnet run</c> does (migrate, seed, serve) on a real database and reads
/// <c>/api/summary</c> over HTTP: on a temporary SQLite file always, on a fresh PostgreSQL database when
/// EXPERTENNETZWERK_POSTGRES is set.
/// </summary>
public sealed partial class SampleHostTests
{
    [Fact]
    public async Task Sqlite_host_migrates_seeds_and_serves_orders_in_every_state()
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        await BootSeedAndCheckAsync(database);
    }

    [SkippableFact]
    public async Task Postgres_host_migrates_seeds_and_serves_orders_in_every_state()
    {
        Postgres.SkipUnlessAvailable();
        await using var database = await SampleDatabaseFixture.PostgresAsync();
        await BootSeedAndCheckAsync(database);
    }

    [Fact]
    public async Task Sqlite_seeding_again_and_restarting_add_nothing()
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        await SeedTwiceAndRestartAsync(database);
    }

    [SkippableFact]
    public async Task Postgres_seeding_again_and_restarting_add_nothing()
    {
        Postgres.SkipUnlessAvailable();
        await using var database = await SampleDatabaseFixture.PostgresAsync();
        await SeedTwiceAndRestartAsync(database);
    }

    [Fact]
    public async Task The_start_page_points_at_the_summary()
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        await using var host = await RunningSampleHost.StartAsync(database);

        using var response = await host.Client.GetAsync(new Uri("/", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync()).Should().Contain("/api/summary");
    }

    [Fact]
    public async Task The_mailbox_shows_the_notifications_the_dispatcher_delivered_after_seeding()
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        await using var host = await RunningSampleHost.StartAsync(database);

        // The background dispatcher delivers after the seeding's commits; give it time on a loaded machine.
        IReadOnlyList<MailboxItem> mails = [];
        for (var i = 0; i < 120 && !mails.Any(m => m.Subject.Contains("Einwilligung", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(500);
            mails = (await host.Client.GetFromJsonAsync<List<MailboxItem>>(new Uri("/api/mailbox", UriKind.Relative)))!;
        }

        mails.Should().Contain(m => m.To.Any(t => t.Contains("k.mueller@mueller-partner.example.de")), "the broker is mailed on its orders' state changes");
        mails.Where(m => m.To.Any(t => t.Contains("laura.becker@example.de"))).Should().NotBeEmpty()
            .And.OnlyContain(m => m.Text.Contains("http://127.0.0.1:5080/expertennetzwerk/consent/"), "the data subject gets the link");
        mails.Select(m => m.MessageId).Should().OnlyHaveUniqueItems();

        using var page = await host.Client.GetAsync(new Uri("/mailbox", UriKind.Relative));
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await page.Content.ReadAsStringAsync()).Should().Contain("Postausgang");
    }

    [Fact]
    public async Task A_data_subject_opens_the_mailed_consent_link_twice_agrees_once_and_the_link_is_then_used_up()
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        await using var host = await RunningSampleHost.StartAsync(database);

        var link = await OpenConsentLinkAsync(host);
        for (var i = 0; i < 2; i++)
        {
            using var shown = await host.Client.GetAsync(link);
            shown.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "showing the page never uses the link up");
            shown.Headers.CacheControl!.NoStore.Should().BeTrue();
            shown.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
            WebUtility.HtmlDecode(await shown.Content.ReadAsStringAsync()).Should().Contain("Einwilligungserklärung").And.Contain("Ich willige ein");
        }

        var page = await host.Client.GetStringAsync(link);
        var antiforgery = AntiforgeryField().Match(page);
        antiforgery.Success.Should().BeTrue("the form carries an antiforgery token");

        using (var forged = await host.Client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "agree" })))
        {
            forged.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest, "a post without the form's token is refused (CSRF)");
            forged.Content.Headers.ContentType!.MediaType.Should().Be("text/html", "the data subject gets a page, not the developer exception page");
            WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()).Should().Contain("Anfrage ungültig").And.NotContainAny("Exception", "   at ");
        }

        var form = new Dictionary<string, string> { ["decision"] = "agree", [antiforgery.Groups["name"].Value] = antiforgery.Groups["value"].Value };
        using (var agreed = await host.Client.PostAsync(link, new FormUrlEncodedContent(form)))
        {
            agreed.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
            var answer = WebUtility.HtmlDecode(await agreed.Content.ReadAsStringAsync());
            answer.Should().Contain("Ihre Einwilligung für den Auftrag").And.Contain("per E-Mail gesendet");
            WithdrawalLink().Match(answer).Groups["path"].Value.Should().Be(WithdrawalLink().Match(page).Groups["path"].Value,
                "the page shows the working withdrawal link (the consent link is used up now)");
        }

        foreach (var used in new[] { link, new Uri("/expertennetzwerk/consent/" + new string('A', 43), UriKind.Relative) })
        {
            using var gone = await host.Client.GetAsync(used);
            gone.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
            WebUtility.HtmlDecode(await gone.Content.ReadAsStringAsync()).Should().Contain("Dieser Link ist ungültig oder abgelaufen.");
        }

        using (var again = await host.Client.PostAsync(link, new FormUrlEncodedContent(form)))
        {
            again.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, "the decision is made once");
        }

        // Withdrawing is as easy: the data subject is mailed a confirmation with the full text and the withdrawal link (the
        // seeding's decisions were confirmed too: this one carries the link of this declaration).
        var declared = WithdrawalLink().Match(page).Groups["path"].Value;
        MailboxItem? confirmation = null;
        for (var i = 0; i < 120 && confirmation is null; i++)
        {
            var mails = (await host.Client.GetFromJsonAsync<List<MailboxItem>>(new Uri("/api/mailbox", UriKind.Relative)))!;
            confirmation = mails.FirstOrDefault(m => m.Subject.StartsWith("Bestätigung Ihrer Einwilligung", StringComparison.Ordinal)
                                                     && WithdrawalLink().Match(m.Text).Groups["path"].Value == declared);
            if (confirmation is null)
            {
                await Task.Delay(500);
            }
        }

        confirmation.Should().NotBeNull("the decision is confirmed by mail, with the declaration's withdrawal link first");
        confirmation!.Text.Should().Contain("Einwilligungserklärung zur Übermittlung personenbezogener Daten", "the mail carries the full text");
        var withdrawal = new Uri(WithdrawalLink().Match(confirmation.Text).Groups["path"].Value, UriKind.Relative);
        var withdrawalPage = await host.Client.GetStringAsync(withdrawal);
        withdrawalPage.Should().Contain("Einwilligung widerrufen");
        var field = AntiforgeryField().Match(withdrawalPage);
        using (var withdrawn = await host.Client.PostAsync(withdrawal, new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["decision"] = "withdraw", [field.Groups["name"].Value] = field.Groups["value"].Value,
               })))
        {
            withdrawn.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
            (await withdrawn.Content.ReadAsStringAsync()).Should().Contain("Ihre Einwilligung ist widerrufen");
        }

        using var withdrawnTwice = await host.Client.GetAsync(withdrawal);
        withdrawnTwice.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [GeneratedRegex(@"https?://[^/\s""]+(?<path>/expertennetzwerk/consent/withdraw/[A-Za-z0-9_-]{43})")]
    private static partial Regex WithdrawalLink();

    /// <summary>The path of a working consent link from the development mailbox (the demo's PKV draft keeps an open request).</summary>
    internal static async Task<Uri> OpenConsentLinkAsync(RunningSampleHost host)
    {
        // The demo's PKV draft (K-10004) has an open consent request (the others were answered while seeding); the
        // data subject's mail carries the link.
        Uri? link = null;
        for (var i = 0; i < 120 && link is null; i++)
        {
            var mails = (await host.Client.GetFromJsonAsync<List<MailboxItem>>(new Uri("/api/mailbox", UriKind.Relative)))!;
            foreach (var path in mails.Select(m => ConsentLink().Match(m.Text)).Where(m => m.Success).Select(m => m.Groups["path"].Value))
            {
                using var probe = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
                if (probe.IsSuccessStatusCode)
                {
                    link = new Uri(path, UriKind.Relative);
                    break;
                }
            }

            if (link is null)
            {
                await Task.Delay(500);
            }
        }

        link.Should().NotBeNull("the open request's mail carries a working consent link");
        return link!;
    }

    [SkippableFact]
    public async Task In_a_real_browser_the_data_subject_reads_the_declaration_agrees_and_the_link_is_then_used_up()
    {
        Chromium.SkipUnlessAvailable();
        await using var database = SampleDatabaseFixture.Sqlite();
        await using var host = await RunningSampleHost.StartAsync(database);
        var link = new Uri(host.Client.BaseAddress!, await OpenConsentLinkAsync(host));
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                // A German browser: the declaration's pages speak its language anyway, the neutral page for a used link the browser's.
                var page = await browser.NewPageAsync(new() { Locale = "de-DE" });
                await page.GotoAsync(link.AbsoluteUri);
                (await page.TitleAsync()).Should().StartWith("Einwilligungserklärung");
                (await page.Locator("h1").First.InnerTextAsync()).Should().Contain("Einwilligungserklärung");
                (await page.ContentAsync()).Should().Contain("Gesundheitsangaben").And.Contain("§ 203 StGB");

                await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Ich willige ein", Exact = true }).ClickAsync();
                await page.WaitForURLAsync(link.AbsoluteUri);
                (await page.Locator("h1").InnerTextAsync()).Should().Be("Ihre Entscheidung ist gespeichert");
                (await page.Locator(".enw-notice").InnerTextAsync()).Should().Contain("ist erteilt");

                var again = await page.GotoAsync(link.AbsoluteUri);
                again!.Status.Should().Be(404);
                (await page.Locator(".enw-notice").InnerTextAsync()).Should().Be("Dieser Link ist ungültig oder abgelaufen.");
            }
        }
    }

    [GeneratedRegex(@"https?://[^/\s]+(?<path>/expertennetzwerk/consent/[A-Za-z0-9_-]{43})")]
    private static partial Regex ConsentLink();

    [GeneratedRegex("<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    internal static partial Regex AntiforgeryField();

    private static async Task BootSeedAndCheckAsync(SampleDatabaseFixture database)
    {
        await using var host = await RunningSampleHost.StartAsync(database);
        var summary = await host.GetSummaryAsync();

        summary.Network.Id.Should().Be(DemoIds.Network);
        summary.Network.OperatorPartyId.Should().Be(DemoIds.OperatorParty);

        // Orders in every state, as the operator counts them.
        summary.Orders.ByState.Keys.Should().BeEquivalentTo(Enum.GetNames<OrderState>());
        summary.Orders.ByState.Should().OnlyContain(s => s.Value > 0, "the demo covers every state");
        summary.Orders.Total.Should().Be(DemoOrders.All.Count);

        // The catalogue: at least five published services in the book's lines of business.
        summary.Services.Should().HaveCountGreaterThanOrEqualTo(5);
        summary.Services.Should().Contain(s => s.Title == "Weiteranlage – Interessen-Check"
            && s.Category == "Geldanlage, Fondssparen, Beteiligungen, Sachanlagen" && s.RequiredPermission == "Investment34f");
        summary.Services.Select(s => s.Category).Should().Contain(
            ["Kfz-Geschäft", "PKV/PKV-Zusatz, GKV-Vermittlung", "Betriebliche Altersvorsorge", "Nettolohnoptimierung"]);
        summary.Services.Should().Contain(s => !s.OrderableByInsuranceAdvisors, "a service paying a revenue share is not for advisors");

        // Parties: operator, two experts, brokers of both kinds with § 34d registrations and IHK register numbers.
        summary.Parties.Should().ContainSingle(p => p.Kind == "Operator");
        summary.Parties.Count(p => p.Kind == "Expert").Should().BeGreaterThanOrEqualTo(2);
        var brokers = summary.Parties.Where(p => p.Kind == "Broker").ToList();
        brokers.Select(b => b.BrokerKind).Should().Contain(["InsuranceBroker", "InsuranceAdvisor"]);
        brokers.Should().OnlyContain(b => b.Registrations.Any(r => r.Permission == "Insurance34d"));
        brokers.SelectMany(b => b.Registrations).Should().OnlyContain(r => RegisterNumber().IsMatch(r.RegisterNumber));
        var brokerUsers = brokers.SelectMany(b => b.Users).ToHashSet();
        summary.Parties.Where(p => p.Kind == "Expert").SelectMany(p => p.Users)
            .Should().Contain(u => brokerUsers.Contains(u), "one user acts for a broker party and an expert party");
        summary.Customers.Should().Be(DemoCatalog.Customers().Count);

        // The orders went through the real workflow: history per command, and the customer's name is searchable.
        await host.InScopeAsync(async services =>
        {
            var queries = services.GetRequiredService<ExpertOrderQueries>();
            var mueller = Actor.Broker(DemoIds.Network, DemoIds.BrokerMueller, DemoIds.UserMueller);
            var found = await queries.ListOrdersAsync(mueller, new OrderListQuery { Text = "mustermann" });
            found.IsOk.Should().BeTrue(found.ToString());
            var order = found.Value.Items.Should().ContainSingle().Subject;
            order.State.Should().Be(OrderState.Completed);
            order.Number.Should().MatchRegex(@"^EA-\d{4}-\d{6}$");

            var detail = await queries.GetOrderAsync(mueller, order.Id);
            detail.Value.History.Select(h => h.Event).Should().Contain("Created");
            detail.Value.History.Select(h => h.ToState).Should().Contain([OrderState.Placed, OrderState.InProgress, OrderState.Completed]);
            detail.Value.Documentation.Should().HaveCount(3);
            return true;
        });
    }

    private static async Task SeedTwiceAndRestartAsync(SampleDatabaseFixture database)
    {
        SummaryResponse first;
        await using (var host = await RunningSampleHost.StartAsync(database))
        {
            first = await host.GetSummaryAsync();
            first.Orders.Total.Should().Be(DemoOrders.All.Count);

            var again = await host.InScopeAsync(services => services.GetRequiredService<DemoSeeder>().SeedAsync());
            again.Should().Be(new DemoSeedResult(CatalogCreated: false, OrdersCreated: 0));
            (await host.GetSummaryAsync()).Should().BeEquivalentTo(first);
        }

        // A restart migrates (nothing to do) and seeds (nothing to do) again.
        await using (var restarted = await RunningSampleHost.StartAsync(database))
        {
            (await restarted.GetSummaryAsync()).Should().BeEquivalentTo(first);
        }
    }

    [GeneratedRegex(@"^D-[A-Z]-\d{3}-[A-Z]{4}-\d{2}$")]
    private static partial Regex RegisterNumber();
}
