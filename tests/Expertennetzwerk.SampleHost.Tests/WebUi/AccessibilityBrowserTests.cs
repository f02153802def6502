using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
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
        ["operator's dashboard"] = new(Operator, (_, page) => GoAsync(page, "/expertennetzwerk/operator")),
        ["operator's dashboard in English"] = new(Operator, (_, page) => GoAsync(page, "/expertennetzwerk/operator"), Locale: "en-GB"),
        ["review queue"] = new(Operator, async (web, page) => { await PendingVersionAsync(web); return await GoAsync(page, "/expertennetzwerk/operator/reviews"); }),
        ["review of a version"] = new(Operator, async (web, page) => await GoAsync(page, $"/expertennetzwerk/operator/reviews/{await PendingVersionAsync(web)}")),
        ["review rejected without a reason"] = new(Operator, RejectWithoutReasonAsync, Status: 400),
        ["disputes"] = new(Operator, (_, page) => GoAsync(page, "/expertennetzwerk/operator/disputes")),
        ["dispute before the purpose"] = new(Operator, async (web, page) => await GoAsync(page, $"/expertennetzwerk/operator/disputes/{await FirstOrderAsync(web, OperatorOf(), OrderState.Disputed)}")),
        ["dispute with the purpose stated"] = new(Operator, StatePurposeAsync),
        ["dead letters"] = new(Operator, (_, page) => GoAsync(page, "/expertennetzwerk/operator/dead-letters")),
        ["operator's order list"] = new(Operator, (_, page) => GoAsync(page, "/expertennetzwerk/operator/orders")),
        ["operator's order list in English"] = new(Operator, (_, page) => GoAsync(page, "/expertennetzwerk/operator/orders"), Locale: "en-GB"),
        ["operator's order before the purpose"] = new(Operator, async (web, page) => await GoAsync(page, $"/expertennetzwerk/operator/orders/{await FirstOrderAsync(web, OperatorOf(), OrderState.InProgress)}")),
        ["own services"] = new(Krause, (_, page) => GoAsync(page, "/expertennetzwerk/services")),
        ["own services in English"] = new(Krause, (_, page) => GoAsync(page, "/expertennetzwerk/services"), Locale: "en-GB"),
        ["service editor"] = new(Krause, (_, page) => GoAsync(page, $"/expertennetzwerk/services/edit/{DemoIds.ServiceKfzFlotte}")),
        ["new service editor"] = new(Krause, (_, page) => GoAsync(page, "/expertennetzwerk/services/edit")),
        ["service editor with field errors"] = new(Krause, SaveServiceWithErrorsAsync, Status: 400),
        // The HTML previews are in sandboxed frames without scripts, which axe cannot enter: the page around them is checked.
        ["service editor with previews"] = new(Krause, PreviewServiceAsync, Frames: false),
        ["403 page of an expert's page"] = new(Broker, (_, page) => GoAsync(page, "/expertennetzwerk/services"), Status: 403),
        ["403 page of an operator's page"] = new(Expert, (_, page) => GoAsync(page, "/expertennetzwerk/operator/disputes"), Status: 403),
        ["403 page"] = new(Expert, (_, page) => GoAsync(page, "/expertennetzwerk/catalog"), Status: 403),
        ["404 page"] = new(Broker, (_, page) => GoAsync(page, $"/expertennetzwerk/orders/{Guid.NewGuid()}"), Status: 404),
        ["400 page (antiforgery)"] = new(Broker, PostPreferencesWithoutTokenAsync, Status: 400),
        ["sign-in notice (401)"] = new(null, (_, page) => GoAsync(page, "/expertennetzwerk/orders"), Status: 401),
        ["consent page"] = new(null, async (web, page) => await GoAsync(page, (await SampleHostTests.OpenConsentLinkAsync(web.Host)).OriginalString)),
        ["new-order page"] = new(Broker, (_, page) => GoAsync(page, $"/expertennetzwerk/orders/new?serviceId={DemoIds.ServiceWeiteranlage}&customerRef=K-10004")),
        ["new-order page with field errors"] = new(Broker, PostNewOrderBelowMinimumAsync, Status: 400),
        // The description's HTML is in a sandboxed frame without scripts, which axe cannot enter: the page around it is checked.
        ["description preview"] = new(Broker, async (web, page) => await GoAsync(page, $"/expertennetzwerk/orders/{await FirstOrderAsync(web, WebUiHost.Mueller, OrderState.Draft)}/description"), Frames: false),
        ["order page with a consent requested and the thread"] = new(Broker, async (web, page) => await GoAsync(page, $"/expertennetzwerk/orders/{(await ConsentRequestedAsync(web, "de-DE")).OrderId}")),
        ["consent page in English"] = new(null, async (web, page) => await GoAsync(page, (await ConsentRequestedAsync(web, "en")).ConsentUrl.PathAndQuery), Locale: "en-GB"),
        ["consent withdrawal page"] = new(null, async (web, page) => await GoAsync(page, await WithdrawalLinkAsync(web))),
        ["consent link used up (404)"] = new(null, (_, page) => GoAsync(page, "/expertennetzwerk/consent/" + new string('A', 43)), Status: 404),
        ["sample: customer list"] = new(Broker, (_, page) => GoAsync(page, "/kunden")),
        ["sample: customer list searched"] = new(Broker, (_, page) => GoAsync(page, "/kunden?q=Schulze")),
        ["sample: new customer"] = new(Broker, (_, page) => GoAsync(page, "/kunden/neu")),
        ["sample: customer"] = new(Broker, (_, page) => GoAsync(page, "/kunden/K-10001")),
        ["sample: customer's order tab"] = new(Broker, (_, page) => GoAsync(page, "/kunden/K-10001?tab=neue-experten-dienstleistung")),
        ["sample: customer's timeline"] = new(Broker, (_, page) => GoAsync(page, "/kunden/K-10001?tab=verlauf")),
        ["sample: edit customer"] = new(Broker, (_, page) => GoAsync(page, "/kunden/K-10001/bearbeiten")),
        ["sample: mailbox"] = new(null, (_, page) => GoAsync(page, "/mailbox")),
        ["sample: demo sign-in"] = new(null, (_, page) => GoAsync(page, "/demo")),
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
        await Accessibility.AssertNoSeriousViolationsAsync(page, name, visit.Frames);
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

    private static Actor OperatorOf() => Actor.Operator(DemoIds.Network, DemoIds.OperatorParty, DemoIds.UserKoch);

    /// <summary>
    /// A service version awaiting review, made once: the fleet check's published content with another price, a changed
    /// description, a further progress step, a form field added and a template of its own, submitted by its expert.
    /// </summary>
    internal static Task<Guid> PendingVersionAsync(WebUiHost web) =>
        web.Host.InScopeAsync(async services =>
        {
            var administration = services.GetRequiredService<ServiceAdministration>();
            var pending = (await administration.ListServicesAsync(OperatorOf(), awaitingReviewOnly: true)).Value;
            if (pending.Count > 0)
            {
                return pending[0].Versions[0].VersionId;
            }

            var expert = Actor.Expert(DemoIds.Network, DemoIds.ExpertHartmannSpezial, DemoIds.UserKrause);
            var service = (await administration.GetServiceAsync(expert, DemoIds.ServiceKfzFlotte)).Value;
            var content = (await administration.GetVersionAsync(expert, service.PublishedVersionId!.Value)).Value.Content;
            var form = Expertennetzwerk.Module.Forms.FormDefinition.TryParse(content.FormDefinitionJson, out _)!;
            var field = new Expertennetzwerk.Module.Forms.FormField
            {
                Key = "flottenrabatt",
                Labels = new Dictionary<string, string> { ["de"] = "Bisheriger Flottenrabatt", ["en"] = "Current fleet discount" },
                Type = Expertennetzwerk.Module.Forms.FormFieldType.Text,
            };
            var saved = (await administration.SaveVersionAsync(expert, DemoIds.ServiceKfzFlotte, content with
            {
                PriceCents = content.PriceCents + 5000,
                Description = content.Description + "\nNeu: mit Fahrerschulung.",
                ProgressSteps = [.. content.ProgressSteps ?? [], "Entscheidungsvorlage übergeben"],
                FormDefinitionJson = (form with { Fields = [.. form.Fields, field] }).ToJson(),
                TemplatesJson = """{"MailOrderStateChanged:de:subject": "Flottencheck {{ order_number }}: {{ new_state }}"}""",
            })).Value;
            (await administration.SubmitAsync(expert, saved.VersionId)).IsOk.Should().BeTrue();
            return saved.VersionId;
        });

    /// <summary>The review's rejection sent with no reason: the form again, the reason marked.</summary>
    private static async Task<int> RejectWithoutReasonAsync(WebUiHost web, IPage page)
    {
        await GoAsync(page, $"/expertennetzwerk/operator/reviews/{await PendingVersionAsync(web)}");
        return await SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Ablehnen", Exact = true }));
    }

    /// <summary>The service editor answering bad input: a duplicate field key, min above max, a bad pattern, a template error, a price that is none.</summary>
    private static async Task<int> SaveServiceWithErrorsAsync(WebUiHost web, IPage page)
    {
        await GoAsync(page, $"/expertennetzwerk/services/edit/{DemoIds.ServiceKfzFlotte}");
        await page.FillAsync("#enw-price", "viel");
        await page.FillAsync("#enw-fe1-key", "anzahlFahrzeuge");
        await page.FillAsync("#enw-fe0-min", "50");
        await page.FillAsync("#enw-fe0-max", "10");
        await page.FillAsync("#enw-fe1-pattern", "([A-Z");
        await page.FillAsync("textarea[name='templates.OrderDescription:de:text']", "{{ kunde.name }}");
        return await SubmitFormAsync(page, page.Locator("[data-testid=save]"));
    }

    /// <summary>The service editor after "Vorschau" with a text and an HTML template.</summary>
    private static async Task<int> PreviewServiceAsync(WebUiHost web, IPage page)
    {
        await GoAsync(page, $"/expertennetzwerk/services/edit/{DemoIds.ServiceKfzFlotte}");
        await page.FillAsync("textarea[name='templates.OrderDescription:de:text']", "Auftrag {{ order_number }}");
        await page.FillAsync("textarea[name='templates.OrderDescription:de:html']", "<h2>Auftrag {{ order_number }}</h2>");
        return await SubmitFormAsync(page, page.Locator("[data-testid=preview]"));
    }

    /// <summary>A dispute's details after the operator stated a purpose.</summary>
    private static async Task<int> StatePurposeAsync(WebUiHost web, IPage page)
    {
        await GoAsync(page, $"/expertennetzwerk/operator/disputes/{await FirstOrderAsync(web, OperatorOf(), OrderState.Disputed)}");
        await page.FillAsync("#enw-purpose", "Barrierefreiheit prüfen");
        return await SubmitFormAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Details anzeigen", Exact = true }));
    }

    private static async Task<int> SubmitFormAsync(IPage page, ILocator button)
    {
        var response = await page.RunAndWaitForResponseAsync(() => button.ClickAsync(), r => r.Request.Method == "POST");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return response.Status;
    }

    /// <summary>The new-order form sent with an amount below the minimum: the form again with the error at the field.</summary>
    private static async Task<int> PostNewOrderBelowMinimumAsync(WebUiHost web, IPage page)
    {
        await GoAsync(page, $"/expertennetzwerk/orders/new?serviceId={DemoIds.ServiceWeiteranlage}&customerRef=K-10004");
        await page.Locator("#enw-f-anlagebetrag").FillAsync("5");
        await page.Locator("#enw-f-faelligkeit").FillAsync("2027-03-31");
        await page.Locator("#enw-f-anlagehorizont").SelectOptionAsync("mittel");
        return await SubmitAsync(page);
    }

    /// <summary>A fresh draft of Müller's whose customer was asked for consent by link (the consent section shows it requested).</summary>
    private static Task<ConsentRequested> ConsentRequestedAsync(WebUiHost web, string culture) =>
        web.Host.InScopeAsync(async services =>
        {
            var created = await services.GetRequiredService<ExpertOrderService>().CreateDraftAsync(WebUiHost.Mueller, new CreateDraftCommand(
                DemoIds.ServicePkvTarifwechsel, "K-10004", """{"versicherer": "Allgemeine Krankenversicherung AG", "aktuellerTarif": "Komfort 600", "versichertePersonen": 2}"""));
            created.IsOk.Should().BeTrue(created.ToString());
            var requested = await services.GetRequiredService<ConsentService>().RequestConsentAsync(WebUiHost.Mueller, created.Value.OrderId, new RequestConsentCommand(DataSubjectKind.Customer, Culture: culture));
            requested.IsOk.Should().BeTrue(requested.ToString());
            return requested.Value;
        });

    /// <summary>The withdrawal link of a consent the data subject has just given (requested and decided through the core).</summary>
    private static async Task<string> WithdrawalLinkAsync(WebUiHost web)
    {
        var requested = await ConsentRequestedAsync(web, "de-DE");
        var link = requested.ConsentUrl.AbsolutePath;
        var decided = await web.Host.InScopeAsync(services =>
            services.GetRequiredService<ConsentService>().DecideAsync(link[(link.LastIndexOf('/') + 1)..], agree: true));
        decided.IsOk.Should().BeTrue(decided.ToString());
        return requested.WithdrawalUrl.PathAndQuery;
    }

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
    private sealed record Visit(string? User, Func<WebUiHost, IPage, Task<int>> Open, int Status = 200, string Locale = "de-DE", bool Frames = true);
}
