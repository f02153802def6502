using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// The expert's story in a real browser: the expert signs in, sees the new order and its system notice, accepts, documents
/// with an attachment, sets a progress step and asks a question; the broker answers by message; the expert resumes and
/// completes; the broker sees the completion notice and downloads the attachment.
/// </summary>
[Collection(WebUiQualityCollection.Name)]
public sealed class ExpertStoryBrowserTests(WebUiHost web)
{
    private const string Expert = "Lea Krause";
    private const string Broker = "Katrin Müller";
    private static readonly byte[] Pdf = "%PDF-1.4\n% Ausschreibung\n%%EOF\n"u8.ToArray();

    [SkippableFact]
    public async Task The_expert_accepts_documents_asks_and_completes_and_the_broker_answers_and_downloads_the_attachment()
    {
        Chromium.SkipUnlessAvailable();
        var (orderId, number) = await PlaceFleetOrderAsync();
        var orderPath = $"/expertennetzwerk/orders/{orderId:D}";

        var (expertContext, expert, expertDialogs) = await web.NewPageAsync();
        await using var _ = expertContext;
        await WebUiHost.SignInAsync(expert, Expert);

        // The start page: the new order among the open ones with its accept-by date, its system notice among the newest unread.
        (await expert.Locator("[data-testid=open-orders] li", new() { HasText = number }).Locator("[data-testid=accept-by]").CountAsync()).Should().Be(1, "the new order shows by when to accept it");
        (await expert.Locator("[data-testid=newest-unread]").InnerTextAsync()).Should().Contain(number);
        await WebUiHost.ScreenshotAsync(expert, "expert-start-page");
        await expert.GotoAsync("/expertennetzwerk/orders");
        (await expert.Locator(".enw-table tbody tr", new() { HasText = number }).CountAsync()).Should().Be(1, "the expert's list opens on the open orders");
        await WebUiHost.ScreenshotAsync(expert, "expert-order-list");
        await expert.GotoAsync("/expertennetzwerk");
        await expert.Locator("[data-testid=open-orders] a", new() { HasText = number }).ClickAsync();
        await expert.WaitForURLAsync("**" + orderPath);
        (await expert.Locator(".enw-thread").InnerTextAsync()).Should().Contain(number, "the system notice of the new order is in the thread");

        // Accept.
        await SubmitAsync(expert, "Accept");
        (await StateAsync(orderId)).Should().Be(OrderState.InProgress);

        // Document with an attachment.
        await expert.Locator("#enw-documentation").FillAsync("Ausschreibung an drei Versicherer verschickt.");
        await expert.Locator("#enw-documentation-files").SetInputFilesAsync(new FilePayload { Name = "Ausschreibung.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await SubmitAsync(expert, "Document");
        (await expert.Locator("article.enw-card", new() { HasText = "Ausschreibung an drei Versicherer verschickt." }).Locator("a", new() { HasText = "Ausschreibung.pdf" }).CountAsync()).Should().Be(1);

        // A progress step of the service.
        await expert.Locator("#enw-step").SelectOptionAsync("Ausschreibung läuft");
        await SubmitAsync(expert, "Progress");
        (await expert.Locator(".enw-facts").First.InnerTextAsync()).Should().Contain("Ausschreibung läuft");
        await WebUiHost.ScreenshotAsync(expert, "expert-order-page");

        // A question to the broker.
        await expert.Locator("#enw-question").FillAsync("Gibt es Schäden aus 2025, die noch offen sind?");
        await SubmitAsync(expert, "Question");
        (await StateAsync(orderId)).Should().Be(OrderState.AwaitingInformation);
        (await expert.Locator(".enw-history").InnerTextAsync()).Should().Contain("Gibt es Schäden aus 2025, die noch offen sind?");

        // The broker answers by message.
        var (brokerContext, broker, brokerDialogs) = await web.NewPageAsync();
        await using var __ = brokerContext;
        await WebUiHost.SignInAsync(broker, Broker);
        await broker.GotoAsync(orderPath);
        await broker.Locator("#enw-message").FillAsync("Nein, alle Schäden sind reguliert.");
        await broker.Locator("form[action*='handler=Message'] button[type=submit]").ClickAsync();
        await broker.WaitForURLAsync("**" + orderPath);
        (await broker.Locator(".enw-thread").InnerTextAsync()).Should().Contain("Nein, alle Schäden sind reguliert.");

        // The expert reads it, resumes and completes.
        await expert.GotoAsync(orderPath);
        (await expert.Locator(".enw-thread").InnerTextAsync()).Should().Contain("Nein, alle Schäden sind reguliert.");
        await expert.Locator("#enw-answer").FillAsync("Antwort per Nachricht erhalten.");
        await SubmitAsync(expert, "Answer");
        await SubmitAsync(expert, "Complete");
        (await StateAsync(orderId)).Should().Be(OrderState.Completed);
        (await expert.Locator("form[action*='handler=Complete']").CountAsync()).Should().Be(0);

        // The broker: the completion notice, and the attachment downloaded.
        await broker.GotoAsync(orderPath);
        (await broker.Locator(".enw-thread li", new() { HasText = $"Auftrag {number} abgeschlossen" }).CountAsync()).Should().Be(1);
        var download = await broker.RunAndWaitForDownloadAsync(() => broker.Locator("article.enw-card a", new() { HasText = "Ausschreibung.pdf" }).ClickAsync());
        download.SuggestedFilename.Should().Be("Ausschreibung.pdf");
        var path = await download.PathAsync();
        (await File.ReadAllBytesAsync(path!)).Should().Equal(Pdf);
        expertDialogs.Should().BeEmpty();
        brokerDialogs.Should().BeEmpty();
    }

    /// <summary>Submits the expert section's form of <paramref name="handler"/> and waits for the order page again.</summary>
    private static async Task SubmitAsync(IPage page, string handler)
    {
        var url = page.Url;
        // Success: the post's redirect loads the order page again (GET); a refusal answers the post with 400 or 409.
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator($"form[action*='handler={handler}'] button[type=submit]").ClickAsync(),
            r => r.Request.IsNavigationRequest && (r.Request.Method == "GET" || r.Status >= 400));
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        response.Status.Should().Be(200, "{0} succeeded and led back to the order", handler);
        page.Url.Should().Be(url);
    }

    private async Task<(Guid Id, string Number)> PlaceFleetOrderAsync()
    {
        var broker = WebUiHost.Mueller;
        return await web.Host.InScopeAsync(async services =>
        {
            var orders = services.GetRequiredService<ExpertOrderService>();
            var draft = await orders.CreateDraftAsync(broker, new CreateDraftCommand(
                DemoIds.ServiceKfzFlotte, "K-10002", """{"anzahlFahrzeuge": 4, "aktuellerVersicherer": "Rheinische Kraftfahrt VVaG", "hauptfaelligkeit": "2027-01-01"}"""));
            draft.IsOk.Should().BeTrue();
            (await orders.PlaceAsync(broker, draft.Value.OrderId)).IsOk.Should().BeTrue();
            return (draft.Value.OrderId, draft.Value.Number);
        });
    }

    private Task<OrderState> StateAsync(Guid orderId) =>
        web.Host.InScopeAsync(async services =>
            (await services.GetRequiredService<ExpertOrderQueries>().GetOrderAsync(WebUiHost.Mueller, orderId)).Value.State);
}
