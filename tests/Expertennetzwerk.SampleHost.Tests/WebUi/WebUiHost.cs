using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// One running sample host (SQLite) and one headless chromium for the web UI's browser tests; each test opens its own
/// browser context (own cookies). Without chromium the tests skip (the fixture then starts nothing).
/// </summary>
public sealed class WebUiHost : IAsyncLifetime
{
    public const string HostileName = "<script>window.__xss=1;alert('xss')</script> Böse GmbH";
    public const string HostileMessage = "<img src=x onerror=\"window.__xss=2;alert(2)\"> Rückfrage <b>fett</b>";

    private SampleDatabaseFixture? _database;
    private IPlaywright? _playwright;

    public RunningSampleHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Base => Host.Client.BaseAddress!;

    public static Actor Mueller => Actor.Broker(DemoIds.Network, DemoIds.BrokerMueller, DemoIds.UserMueller);

    public async Task InitializeAsync()
    {
        if (Chromium.ExecutablePath is null)
        {
            return;
        }

        _database = SampleDatabaseFixture.Sqlite();
        Host = await RunningSampleHost.StartAsync(_database);
        (_playwright, Browser) = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A fresh browser context (German unless <paramref name="locale"/> says otherwise) with a page that fails the test on any dialog.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Dialogs)> NewPageAsync(string locale = "de-DE")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, BaseURL = Base.AbsoluteUri });
        var page = await context.NewPageAsync();

        // The machine may be busy (tests and builds in parallel): wait longer than Playwright's 30 s before failing.
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        return (context, page, dialogs);
    }

    /// <summary>
    /// Saves a screenshot of <paramref name="page"/> as <c>{name}.png</c> when <c>EXPERTENNETZWERK_SCREENSHOTS</c> names a
    /// folder (the README's images in <c>docs/images</c> are made this way); otherwise does nothing.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("EXPERTENNETZWERK_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.SetViewportSizeAsync(1200, 800);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false });
        }
    }

    /// <summary>Signs in through the sample's demo page, as a person would: the button with the user's name.</summary>
    public static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden als " + userName, Exact = true }).ClickAsync();
        try
        {
            // Polled, not waited for by lifecycle event: under load the load and DOMContentLoaded events of the redirect's
            // target were seen to go unreported to the waiter while the browser already showed the start page.
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/expertennetzwerk$"), new() { Timeout = 90_000 });
            await page.Locator("h1").First.WaitForAsync(new() { Timeout = 90_000 });
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            // Say where the sign-in ended, so a failure here is not just a time-out.
            throw new InvalidOperationException($"Signing in as {userName} did not reach the start page; the browser is at {page.Url}.", ex);
        }
    }

    /// <summary>A customer of Müller's with a hostile name and a draft for it whose form data are hostile too.</summary>
    public async Task<Guid> CreateHostileDraftAsync()
    {
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<SampleCrmDbContext>>();
            await using var db = await contexts.CreateDbContextAsync();
            if (!await db.Customers.AnyAsync(c => c.CustomerRef == "K-66666"))
            {
                db.Customers.Add(new Customer
                {
                    NetworkId = DemoIds.Network,
                    BrokerPartyId = DemoIds.BrokerMueller,
                    CustomerRef = "K-66666",
                    CompanyName = HostileName,
                    FirstName = "Eve",
                    LastName = "<i>Mallory</i>",
                    BirthDate = new DateOnly(1980, 1, 1),
                    Email = "eve@example.org",
                    CreatedAtUtc = DateTime.UtcNow,
                });
                await db.SaveChangesAsync();
            }
        }

        return await Host.InScopeAsync(async services =>
        {
            var created = await services.GetRequiredService<ExpertOrderService>().CreateDraftAsync(Mueller, new CreateDraftCommand(
                DemoIds.ServicePkvTarifwechsel, "K-66666", """{"versicherer": "<script>alert('form')</script>", "aktuellerTarif": "Komfort 600", "versichertePersonen": 1}"""));
            created.IsOk.Should().BeTrue(created.ToString());
            return created.Value.OrderId;
        });
    }

    /// <summary>Sends a hostile message in Müller's order that awaits information (its thread is open).</summary>
    public async Task<Guid> SendHostileMessageAsync() =>
        await Host.InScopeAsync(async services =>
        {
            var page = await services.GetRequiredService<ExpertOrderQueries>().ListOrdersAsync(Mueller, new OrderListQuery { States = [OrderState.AwaitingInformation] });
            var orderId = page.Value.Items.First().Id;
            var sent = await services.GetRequiredService<Module.Messaging.DigitalMessageService>().SendAsync(Mueller, orderId, HostileMessage);
            sent.IsOk.Should().BeTrue(sent.ToString());
            return orderId;
        });
}
