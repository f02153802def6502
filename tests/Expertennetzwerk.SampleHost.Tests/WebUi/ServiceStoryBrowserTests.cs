using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// The service story in a real browser: the expert edits a published service (a new price, a new form field), sees a
/// template error at its line, fixes it, previews and submits; the operator sees the differences and approves; a broker's
/// new order uses the new version (the new field shown), an order placed before keeps its own version. And hostile
/// templates in the editor: refused at their line, or previewed inert (nothing runs in the page).
/// </summary>
[Collection(WebUiQualityCollection.Name)]
public sealed class ServiceStoryBrowserTests(WebUiHost web)
{
    private const string Expert = "Lea Krause";
    private const string Operator = "Sabine Koch";
    private const string Broker = "Katrin Müller";

    private static readonly Actor Krause = Actor.Expert(DemoIds.Network, DemoIds.ExpertHartmannSpezial, DemoIds.UserKrause);
    private static readonly Actor Koch = Actor.Operator(DemoIds.Network, DemoIds.OperatorParty, DemoIds.UserKoch);

    [SkippableFact]
    public async Task The_expert_edits_a_published_service_the_operator_approves_and_new_orders_use_the_new_version_while_old_ones_keep_theirs()
    {
        Chromium.SkipUnlessAvailable();
        var title = "Gewerbe-Check " + Guid.NewGuid().ToString("N")[..6];
        var (serviceId, publishedVersion) = await PublishedServiceAsync(title);
        var oldOrder = await DraftAsync(serviceId);

        // The expert: the list, then the editor of the published service.
        var (expertContext, expert, expertDialogs) = await web.NewPageAsync();
        await using var _ = expertContext;
        await WebUiHost.SignInAsync(expert, Expert);
        await expert.GetByRole(AriaRole.Link, new() { Name = "Meine Dienstleistungen", Exact = true }).ClickAsync();
        await expert.WaitForURLAsync("**/expertennetzwerk/services");
        var row = expert.Locator($"tr[data-service='{serviceId}']");
        (await row.Locator("[data-testid=published]").InnerTextAsync()).Should().Contain("Version 1");
        await WebUiHost.ScreenshotAsync(expert, "services-list");
        await row.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await expert.WaitForURLAsync($"**/expertennetzwerk/services/edit/{serviceId}");
        (await expert.Locator("#enw-price").InputValueAsync()).Should().Be("99,00");

        // A new price and a new field.
        await expert.Locator("#enw-price").FillAsync("129,00");
        await ClickAsync(expert, "[data-testid=add-field]");
        (await expert.Locator("#enw-price").InputValueAsync()).Should().Be("129,00", "nothing typed is lost by adding a field");
        await expert.Locator("#enw-fe1-key").FillAsync("rueckrufnummer");
        await expert.Locator("#enw-fe1-label-de").FillAsync("Rückrufnummer");
        await expert.Locator("#enw-fe1-label-en").FillAsync("Call-back number");
        await expert.Locator("#enw-fe1-type").SelectOptionAsync("Phone");

        // A template with an error on its second line: refused at its line, nothing saved.
        var template = expert.Locator("textarea[name='templates.OrderDescription:de:text']");
        await template.FillAsync("Auftrag {{ order_number }}\nKunde: {{ kunde.name }}");
        var status = await ClickAsync(expert, "[data-testid=save]");
        status.Should().Be(400);
        (await expert.Locator("[data-error-for='templates.OrderDescription:de:text']").InnerTextAsync()).Should().Contain("Zeile 2, Spalte").And.Contain("kunde");
        (await template.InputValueAsync()).Should().Contain("kunde.name", "the text typed stays");
        (await VersionsAsync(serviceId)).Should().HaveCount(1);

        // Fixed, previewed (the template from sample data, the form as the broker sees it), submitted.
        await template.FillAsync("Auftrag {{ order_number }}\nDienstleistung: {{ service_title }}");
        status = await ClickAsync(expert, "[data-testid=preview]");
        status.Should().Be(200);
        (await expert.Locator("[data-template='OrderDescription:de:text'] [data-testid=template-preview] pre").InnerTextAsync()).Should().Contain("Auftrag A-2025-000123");
        (await expert.Locator("[data-testid=form-preview] label[for='enw-f-rueckrufnummer']").InnerTextAsync()).Should().Contain("Rückrufnummer");
        await expert.SetViewportSizeAsync(1200, 800);
        await expert.EvaluateAsync("() => document.querySelector('#enw-form-preview-heading').scrollIntoView({ block: 'center' })");
        await WebUiHost.ScreenshotAsync(expert, "service-editor");
        status = await ClickAsync(expert, "[data-testid=submit]");
        status.Should().Be(200);
        expert.Url.Should().Contain("/expertennetzwerk/services?saved=");
        (await expert.Locator($"tr[data-service='{serviceId}'] [data-testid=status]").InnerTextAsync()).Should().Be("wartet auf Prüfung");
        var versions = await VersionsAsync(serviceId);
        versions.Should().HaveCount(2);
        var newVersion = versions[0].VersionId;

        // The operator: the differences marked, approved.
        var (operatorContext, op, operatorDialogs) = await web.NewPageAsync();
        await using var __ = operatorContext;
        await WebUiHost.SignInAsync(op, Operator);
        await op.GotoAsync("/expertennetzwerk/operator/reviews");
        await op.Locator("[data-testid=reviews] a", new() { HasText = title }).ClickAsync();
        await op.WaitForURLAsync($"**/operator/reviews/{newVersion}");
        (await op.Locator("tr", new() { Has = op.Locator("th", new() { HasText = "Preis" }) }).First.GetAttributeAsync("data-changed")).Should().Be("true");
        (await op.Locator("tr[data-changed=true] ins", new() { HasText = "129,00" }).CountAsync()).Should().BeGreaterThan(0);
        (await op.Locator("tr[data-changed=true] ins", new() { HasText = "rueckrufnummer" }).CountAsync()).Should().BeGreaterThan(0, "the new form field is marked");
        await op.Locator("form[action*='handler=Approve'] button[type=submit]").ClickAsync();
        await op.WaitForURLAsync($"**/operator/reviews/{newVersion}");
        (await op.Locator("[data-testid=version-status]").InnerTextAsync()).Should().Be("veröffentlicht");

        // The expert's list: version 2 published.
        await expert.ReloadAsync();
        (await expert.Locator($"tr[data-service='{serviceId}'] [data-testid=published]").InnerTextAsync()).Should().Contain("Version 2");

        // The broker: a new order shows the new field; the order from before keeps its version and form.
        var (brokerContext, broker, brokerDialogs) = await web.NewPageAsync();
        await using var ___ = brokerContext;
        await WebUiHost.SignInAsync(broker, Broker);
        await broker.GotoAsync($"/expertennetzwerk/orders/new?serviceId={serviceId}&customerRef=K-10001");
        (await broker.Locator("#enw-f-rueckrufnummer").CountAsync()).Should().Be(1);
        await broker.Locator("#enw-f-rueckrufnummer").FillAsync("06131 123456");
        await broker.Locator("form.enw-order-form button[type=submit]").ClickAsync();
        await broker.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/expertennetzwerk/orders/[0-9a-f-]{36}$"));
        var newOrder = Guid.Parse(broker.Url[^36..]);
        (await broker.Locator("#enw-f-rueckrufnummer").InputValueAsync()).Should().Be("06131 123456");
        await broker.GotoAsync($"/expertennetzwerk/orders/{oldOrder}");
        (await broker.Locator("#enw-f-anlass").CountAsync()).Should().Be(1);
        (await broker.Locator("#enw-f-rueckrufnummer").CountAsync()).Should().Be(0, "the old order keeps its version's form");

        (await VersionOfAsync(newOrder)).Should().Be(newVersion);
        (await VersionOfAsync(oldOrder)).Should().Be(publishedVersion);
        expertDialogs.Should().BeEmpty();
        operatorDialogs.Should().BeEmpty();
        brokerDialogs.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Hostile_templates_in_the_editor_are_refused_at_their_line_or_previewed_inert()
    {
        Chromium.SkipUnlessAvailable();
        var (serviceId, _) = await PublishedServiceAsync("Vorlagen-Check " + Guid.NewGuid().ToString("N")[..6]);
        var (context, page, dialogs) = await web.NewPageAsync();
        await using var _ = context;
        await WebUiHost.SignInAsync(page, Expert);
        await page.GotoAsync($"/expertennetzwerk/services/edit/{serviceId}");

        await page.Locator("textarea[name='templates.OrderDescription:de:html']").FillAsync(
            "<p>{{ \"<img src=x onerror=alert('wert')>\" }}</p>\n<script>alert('vorlage'); parent.__xss = 1;</script><img src=x onerror=\"alert('bild')\">");
        await page.Locator("textarea[name='templates.OrderDescription:de:text']").FillAsync("Auftrag\n{{ while true }}schleife{{ end }}");
        await page.Locator("textarea[name='templates.OrderDescription:en:text']").FillAsync("{{ order_number.get_type }}");
        await page.Locator("textarea[name='templates.ConsentDeclaration:de:text']").FillAsync("{{ environment.machine_name }}");
        var status = await ClickAsync(page, "[data-testid=preview]");
        status.Should().Be(200);

        (await page.Locator("[data-error-for='templates.OrderDescription:de:text']").InnerTextAsync()).Should().MatchRegex("Zeile 2, Spalte [0-9]+");
        (await page.Locator("[data-error-for='templates.OrderDescription:en:text']").InnerTextAsync()).Should().MatchRegex("Zeile 1, Spalte [0-9]+");
        (await page.Locator("[data-error-for='templates.ConsentDeclaration:de:text']").InnerTextAsync()).Should().MatchRegex("Zeile 1, Spalte [0-9]+.*environment");

        // The HTML is shown in a frame without scripts: the value encoded, the template's own script and handler inert.
        var frame = page.Locator("[data-template='OrderDescription:de:html'] iframe");
        (await frame.GetAttributeAsync("sandbox")).Should().Be("allow-same-origin");
        (await page.FrameLocator("[data-template='OrderDescription:de:html'] iframe").Locator("p").First.InnerTextAsync()).Should().Contain("<img src=x onerror=alert('wert')>", "the value is text");
        await page.WaitForTimeoutAsync(500);
        (await page.EvaluateAsync<bool>("() => window.__xss === undefined")).Should().BeTrue();
        dialogs.Should().BeEmpty("nothing of a template runs");

        // Saving refuses the hostile ones; nothing is saved.
        status = await ClickAsync(page, "[data-testid=save]");
        status.Should().Be(400);
        (await VersionsAsync(serviceId)).Should().HaveCount(1);
        dialogs.Should().BeEmpty();
    }

    /// <summary>Clicks a submit button of the editor and waits for the page the post answers with (its status).</summary>
    private static async Task<int> ClickAsync(IPage page, string selector)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator(selector).ClickAsync(),
            r => r.Request.IsNavigationRequest && (r.Request.Method == "GET" || r.Status != 302));
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return response.Status;
    }

    /// <summary>A service of Krause's party, published by the operator: one optional text field, no shared data (ordered without consent).</summary>
    private Task<(Guid ServiceId, Guid VersionId)> PublishedServiceAsync(string title) =>
        web.Host.InScopeAsync(async services =>
        {
            var administration = services.GetRequiredService<ServiceAdministration>();
            var category = (await services.GetRequiredService<ServiceCatalog>().ListCategoriesAsync(Krause)).Value.First(c => c.Key == "commercial-property").Id;
            var created = await administration.CreateServiceAsync(Krause, category, new ServiceVersionInput
            {
                Title = title,
                Description = "Prüfung der gewerblichen Sachversicherungen.",
                RequiredPermission = TradePermission.Insurance34d,
                PriceCents = 9_900,
                ProgressSteps = ["Unterlagen gesichtet"],
                FormDefinitionJson = """{"fields":[{"key":"anlass","labels":{"de":"Anlass","en":"Reason"},"type":"text","max":200}]}""",
            });
            created.IsOk.Should().BeTrue(created.ToString());
            (await administration.SubmitAsync(Krause, created.Value.VersionId)).IsOk.Should().BeTrue();
            (await administration.ApproveAsync(Koch, created.Value.VersionId)).IsOk.Should().BeTrue();
            return (created.Value.ServiceId, created.Value.VersionId);
        });

    private Task<Guid> DraftAsync(Guid serviceId) =>
        web.Host.InScopeAsync(async services =>
        {
            var draft = await services.GetRequiredService<ExpertOrderService>().CreateDraftAsync(WebUiHost.Mueller, new CreateDraftCommand(serviceId, "K-10001", """{"anlass": "Jahresgespräch"}"""));
            draft.IsOk.Should().BeTrue(draft.ToString());
            return draft.Value.OrderId;
        });

    private Task<IReadOnlyList<ServiceVersionSummary>> VersionsAsync(Guid serviceId) =>
        web.Host.InScopeAsync(async services => (await services.GetRequiredService<ServiceAdministration>().GetServiceAsync(Krause, serviceId)).Value.Versions);

    private Task<Guid> VersionOfAsync(Guid orderId) =>
        web.Host.InScopeAsync(async services => (await services.GetRequiredService<ExpertOrderQueries>().GetOrderAsync(WebUiHost.Mueller, orderId)).Value.ServiceVersionId);
}
