using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// Every page of the web UI passes axe-core with no serious or critical violation, each visited in a real browser as
/// the demo user who sees it (status pages and the data subject's consent page included).
/// </summary>
[Collection(WebUiQualityCollection.Name)]
public sealed class AccessibilityBrowserTests(WebUiHost web)
{
    private const string Broker = "Katrin Müller";
    private const string Expert = "Michael Vogel";
    private const string Operator = "Sabine Koch";

    private const string Krause = "Lea Krause";

    private static readonly Actor KrauseActor = Actor.Expert(DemoIds.Network, DemoIds.ExpertHartmannSpezial, DemoIds.UserKrause);

    private static readonly Actor Vogel = Actor.Expert(DemoIds.Network, DemoIds.ExpertFinanzKompass, DemoIds.UserVogel);

    /// <summary>
    /// The pages checked. To add one: a name, who signs in (null: nobody), how to get there (a path, or steps ending on
    /// the page) and the HTTP status the page answers with; optionally the browser's locale.
    /// </summary>
    private static readonly Dictionary<string, Visit> Visits = new()
    {
        ["start page"] = new(Broker, (_, page) => GoAsync(page, "/expertennetzwerk")),
        ["start page in English"] = new(Broker, (_, page) => GoAsync(page, "/expertennetzwerk"), Locale: "en-GB"),
        ["start page of an expert"] = new(Expert, (_, page) => GoAsync(page, "/expertennetzwerk")),
        ["start page of the operator"] = new(Operator, (_, page) => GoAsync(page, "/expertennetzwerk")),
        ["catalogue"] = new(Broker, (_, page) => GoAsync(page, "/expertennetzwerk/catalog")),
        ["catalogue searched"] = new(Broker, (_, page) => GoAsync(page, "/expertennetzwerk/catalog?q=Flotte")),
        ["service"] = new(Broker, (_, page) => GoAsync(page, $"/expertennetzwerk/catalog/{DemoIds.ServiceWeiteranlage}")),
        ["order list"] = new(Broker, (_, page) => GoAsync(page, "/expertennetzwerk/orders")),
        ["order list with filters"] = new(Broker, (_, page) => GoAsync(page, "/expertennetzwerk/orders?state=Draft&state=InProgress&q=Schulze&from=2020-01-01&updatedTo=2099-12-31")),
        ["order list with invalid filters"] = new(Broker, (_, page) => GoAsync(page, "/expertennetzwerk/orders?state=Nonsense&from=nonsense&to=2020-01-01&updatedFrom=2026-05-01&updatedTo=2026-01-01&service=x&cursor=tampered")),
        ["order list in English"] = new(Broker, (_, page) => GoAsync(page, "/expertennetzwerk/orders?state=Draft"), Locale: "en-GB"),
        ["order list of the operator"] = new(Operator, (_, page) => GoAsync(page, "/expertennetzwerk/orders")),
        ["order page of a draft"] = new(Broker, async (web, page) => await GoAsync(page, $"/expertennetzwerk/orders/{await FirstOrderAsync(web, WebUiHost.Mueller, OrderState.Draft)}")),
        ["order page in progress"] = new(Broker, async (web, page) => await GoAsync(page, $"/expertennetzwerk/orders/{await FirstOrderAsync(web, WebUiHost.Mueller, OrderState.InProgress)}")),
        ["order page in English"] = new(Broker, async (web, page) => await GoAsync(page, $"/expertennetzwerk/orders/{await FirstOrderAsync(web, WebUiHost.Mueller, OrderState.InProgress)}"), Locale: "en-GB"),
        ["order page of an expert"] = new(Expert, async (web, page) => await GoAsync(page, $"/expertennetzwerk/orders/{await FirstOrderAsync(web, Actor.Expert(DemoIds.Network, DemoIds.ExpertFinanzKompass, DemoIds.UserVogel), null)}")),
        ["order page of an expert, to accept"] = new(Expert, async (web, page) => await GoAsync(page, $"/expertennetzwerk/orders/{await FirstOrderAsync(web, Vogel, OrderState.Placed)}")),
        ["order page of an expert, in progress"] = new(Krause, async (web, page) => await GoAsync(page, $"/expertennetzwerk/orders/{await FirstOrderAsync(web, KrauseActor, OrderState.InProgress)}")),
        ["order page of an expert in English"] = new(Krause, async (web, page) => await GoAsync(page, $"/expertennetzwerk/orders/{await FirstOrderAsync(web, KrauseActor, OrderState.InProgress)}"), Locale: "en-GB"),
        ["order list of an expert (open orders)"] = new(Expert, (_, page) => GoAsync(page, "/expertennetzwerk/orders")),
        ["inbox"] = new(Broker, (_, page) => GoAsync(page, "/expertennetzwerk/inbox")),
        ["inbox of an expert"] = new(Expert, (_, page) => GoAsync(page, "/expertennetzwerk/inbox?unread=1")),
        ["notification preferences"] = new(Broker, (_, page) => GoAsync(page, "/expertennetzwerk/notifications")),
        ["notification preferences of an expert"] = new(Expert, (_, page) => GoAsync(page, "/expertennetzwerk/notifications")),
        ["notification preferences with field errors"] = new(Broker, PostPreferencesWithoutChoiceAsync, Status: 400),
        ["403 page"] = new(Expert, (_, page) => GoAsync(page, "/expertennetzwerk/catalog"), Status: 403),
        ["404 page"] = new(Broker, (_, page) => GoAsync(page, $"/expertennetzwerk/orders/{Guid.NewGuid()}"), Status: 404),
        ["400 page (antiforgery)"] = new(Broker, PostPreferencesWithoutTokenAsync, Status: 400),
        ["sign-in notice (401)"] = new(null, (_, page) => GoAsync(page, "/expertennetzwerk/orders"), Status: 401),
        ["consent page"] = new(null, async (web, page) => await GoAsync(page, (await SampleHostTests.OpenConsentLinkAsync(web.Host)).OriginalString)),
    };

    public static TheoryData<string> Pages
    {
        get
        {
            var pages = new TheoryData<string>();
            foreach (var name in Visits.Keys)
            {
                pages.Add(name);
            }

            return pages;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public async Task The_page_passes_axe_core_without_serious_or_critical_violations(string name)
    {
        Chromium.SkipUnlessAvailable();
        var visit = Visits[name];
        var (context, page, dialogs) = await web.NewPageAsync(visit.Locale);
        await using var _ = context;
        if (visit.User is { } user)
        {
            await WebUiHost.SignInAsync(page, user);
        }

        var status = await visit.Open(web, page);

        status.Should().Be(visit.Status, "{0} is reached as intended", name);
        await Accessibility.AssertNoSeriousViolationsAsync(page, name);
        dialogs.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task The_check_finds_serious_violations_and_names_them()
    {
        Chromium.SkipUnlessAvailable();
        var (context, page, _) = await web.NewPageAsync();
        await using var _ = context;
        await page.SetContentAsync("<!DOCTYPE html><html><head><title>t</title></head><body><main><h1>t</h1><input type=\"text\"><img src=\"x.png\"><p style=\"color:#bbb;background:#fff\">blass</p></main></body></html>");

        var violations = await Accessibility.SeriousViolationsAsync(page);

        violations.Should().Contain(v => v.StartsWith("html-has-lang (serious)", StringComparison.Ordinal))
            .And.Contain(v => v.StartsWith("label (critical)", StringComparison.Ordinal) && v.Contains("<input type=\"text\">", StringComparison.Ordinal))
            .And.Contain(v => v.StartsWith("image-alt (critical)", StringComparison.Ordinal))
            .And.Contain(v => v.StartsWith("color-contrast (serious)", StringComparison.Ordinal));
    }

    private static async Task<int> GoAsync(IPage page, string path) => (await page.GotoAsync(path))!.Status;

    private static Task<Guid> FirstOrderAsync(WebUiHost web, Actor actor, OrderState? state) =>
        web.Host.InScopeAsync(async services =>
        {
            var list = await services.GetRequiredService<ExpertOrderQueries>()
                .ListOrdersAsync(actor, new OrderListQuery { States = state is { } s ? [s] : null });
            return list.Value.Items.First().Id;
        });

    /// <summary>The preferences posted with no choice for any kind (the browser cannot send that by itself): the form again, each field marked.</summary>
    private static async Task<int> PostPreferencesWithoutChoiceAsync(WebUiHost web, IPage page)
    {
        await GoAsync(page, "/expertennetzwerk/notifications");
        await page.EvaluateAsync("() => document.querySelectorAll('main input[type=radio]').forEach(r => r.checked = false)");
        return await SubmitAsync(page);
    }

    /// <summary>A form whose antiforgery token is gone (a tampered or stale page): the friendly 400 page.</summary>
    private static async Task<int> PostPreferencesWithoutTokenAsync(WebUiHost web, IPage page)
    {
        await GoAsync(page, "/expertennetzwerk/notifications");
        await page.EvaluateAsync("() => document.querySelectorAll('main input[name=__RequestVerificationToken]').forEach(i => i.remove())");
        return await SubmitAsync(page);
    }

    private static async Task<int> SubmitAsync(IPage page)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("main form[method=post] button[type=submit]").Last.ClickAsync(),
            r => r.Request.Method == "POST");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return response.Status;
    }

    /// <summary>How a page is reached: who signs in (null: nobody), the steps that end on it, the status it answers with.</summary>
    private sealed record Visit(string? User, Func<WebUiHost, IPage, Task<int>> Open, int Status = 200, string Locale = "de-DE");
}
