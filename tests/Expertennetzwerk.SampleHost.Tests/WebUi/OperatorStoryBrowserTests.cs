using System.Net.Http.Json;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.SampleHost.Api;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// The operator's story in a real browser: a broker writes in the thread and opens a dispute on the order page; the
/// operator finds it on the dashboard, states a purpose, reads the thread and resolves it; the broker and the expert see
/// the outcome on their order pages, and both sides' mails about it arrive in the development mailbox.
/// </summary>
public sealed class OperatorStoryBrowserTests(WebUiHost web) : IClassFixture<WebUiHost>
{
    private const string Message = "Die Fahrzeugliste von 2025 fehlt noch.";
    private const string Reason = "Geliefert wurde nur eine Teilprüfung.";
    private const string Note = "Bitte die restlichen Fahrzeuge prüfen.";

    private static readonly Actor Krause = Actor.Expert(DemoIds.Network, DemoIds.ExpertHartmannSpezial, DemoIds.UserKrause);

    [SkippableFact]
    public async Task A_broker_opens_a_dispute_the_operator_states_a_purpose_reads_the_thread_and_resolves_it_and_both_sides_see_the_outcome()
    {
        Chromium.SkipUnlessAvailable();
        var (orderId, number) = await OrderInProgressAsync();
        var orderPath = $"/expertennetzwerk/orders/{orderId}";

        // The broker writes in the thread and opens a dispute on the order page.
        var (brokerContext, broker, brokerDialogs) = await web.NewPageAsync();
        await using (brokerContext)
        {
            await WebUiHost.SignInAsync(broker, "Katrin Müller");
            await broker.GotoAsync(orderPath);
            await broker.FillAsync("#enw-message", Message);
            await broker.GetByRole(AriaRole.Button, new() { Name = "Senden", Exact = true }).ClickAsync();
            await Expect(broker.Locator(".enw-thread")).ToContainTextAsync(Message);
            await broker.FillAsync("#enw-dispute-reason", Reason);
            await broker.GetByRole(AriaRole.Button, new() { Name = "Reklamation eröffnen", Exact = true }).ClickAsync();
            await Expect(broker.GetByTestId("state")).ToHaveTextAsync("Reklamiert");
            brokerDialogs.Should().BeEmpty();
        }

        // The operator: dashboard → disputes → the order; metadata only until a purpose is stated.
        var (operatorContext, op, operatorDialogs) = await web.NewPageAsync();
        await using (operatorContext)
        {
            await WebUiHost.SignInAsync(op, "Sabine Koch");
            await op.GetByRole(AriaRole.Link, new() { Name = "Netzwerkorganisation", Exact = true }).ClickAsync();
            await Expect(op.Locator("h1")).ToHaveTextAsync("Netzwerkorganisation");
            await WebUiHost.ScreenshotAsync(op, "operator-dashboard");
            await op.GetByRole(AriaRole.Link, new() { Name = "Zu den Reklamationen" }).ClickAsync();
            await op.GetByRole(AriaRole.Link, new() { Name = "Auftrag " + number }).ClickAsync();
            await Expect(op.Locator("h1")).ToContainTextAsync(number);
            (await op.ContentAsync()).Should().NotContain(Message).And.NotContain(Reason, "free texts need a purpose");

            await op.GetByRole(AriaRole.Button, new() { Name = "Details anzeigen" }).ClickAsync();
            await Expect(op.Locator("#enw-purpose")).ToHaveAttributeAsync("aria-invalid", "true");
            await op.FillAsync("#enw-purpose", "Reklamation des Maklers prüfen");
            await op.GetByRole(AriaRole.Button, new() { Name = "Details anzeigen" }).ClickAsync();
            await Expect(op.GetByTestId("thread")).ToContainTextAsync(Message);
            await Expect(op.GetByTestId("history")).ToContainTextAsync(Reason);
            await WebUiHost.ScreenshotAsync(op, "operator-dispute");

            // Asked once per visit: the page again shows the details without asking.
            await op.GotoAsync($"/expertennetzwerk/operator/disputes/{orderId}");
            await Expect(op.GetByTestId("thread")).ToContainTextAsync(Message);
            (await op.Locator("[data-testid=purpose-form]").CountAsync()).Should().Be(0);

            await op.GetByLabel("Fortsetzen (Bearbeitung geht weiter)").CheckAsync();
            await op.FillAsync("#enw-resolve-note", Note);
            await op.GetByRole(AriaRole.Button, new() { Name = "Reklamation entscheiden" }).ClickAsync();
            await Expect(op.GetByTestId("state")).ToHaveTextAsync("In Bearbeitung");
            await Expect(op.GetByTestId("history")).ToContainTextAsync(Note);

            // The network's order list (metadata only) and the review of a service version with its differences marked.
            await op.GetByRole(AriaRole.Link, new() { Name = "Netzwerk-Aufträge", Exact = true }).ClickAsync();
            await Expect(op.Locator("h1")).ToHaveTextAsync("Aufträge im Netzwerk");
            await Expect(op.Locator($"tr[data-number='{number}']")).ToContainTextAsync("In Bearbeitung");
            await op.SetViewportSizeAsync(1200, 800);
            await op.Locator("[data-testid=operator-orders]").EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
            await WebUiHost.ScreenshotAsync(op, "operator-orders");
            var versionId = await AccessibilityBrowserTests.PendingVersionAsync(web);
            await op.GetByRole(AriaRole.Link, new() { Name = "Prüfliste", Exact = true }).ClickAsync();
            await Expect(op.Locator("h1")).ToHaveTextAsync("Prüfliste: Versionen zur Freigabe");
            await WebUiHost.ScreenshotAsync(op, "operator-reviews");
            await op.GotoAsync($"/expertennetzwerk/operator/reviews/{versionId}");
            await Expect(op.Locator("tr[data-status=added]").First).ToBeVisibleAsync();
            await op.SetViewportSizeAsync(1200, 800);
            await op.Locator("tr[data-status=changed]", new() { HasText = "Preis" }).EvaluateAsync("e => e.closest('table').scrollIntoView({ block: 'start' })");
            await WebUiHost.ScreenshotAsync(op, "operator-review");
            operatorDialogs.Should().BeEmpty();
        }

        // Both sides see the outcome with the operator's note.
        foreach (var (user, state) in new[] { ("Katrin Müller", "In Bearbeitung"), ("Lea Krause", "In progress") })
        {
            var (context, page, _) = await web.NewPageAsync(user == "Lea Krause" ? "en-GB" : "de-DE");
            await using (context)
            {
                await WebUiHost.SignInAsync(page, user);
                await page.GotoAsync(orderPath);
                await Expect(page.GetByTestId("state")).ToHaveTextAsync(state);
                await Expect(page.Locator(".enw-history")).ToContainTextAsync(Note);
            }
        }

        // Both sides' notice: the state-change mail names the order and carries the note, to the broker (German) and to
        // the expert (English); the expert's shows in the sample's mailbox page too.
        foreach (var address in new[] { "k.mueller@", "l.krause@" })
        {
            for (var i = 0; ; i++)
            {
                var mails = (await web.Host.Client.GetFromJsonAsync<List<MailboxItem>>(new Uri("/api/mailbox", UriKind.Relative)))!;
                if (mails.Any(m => m.To.Any(t => t.Contains(address, StringComparison.OrdinalIgnoreCase)) && m.Text.Contains(number, StringComparison.Ordinal) && m.Text.Contains(Note, StringComparison.Ordinal)))
                {
                    break;
                }

                if (i == 240)
                {
                    throw new TimeoutException($"No mail to {address} about the resolution of {number} arrived in the development mailbox.");
                }

                await Task.Delay(250);
            }
        }

        var (mailboxContext, mailbox, _) = await web.NewPageAsync();
        await using (mailboxContext)
        {
            await mailbox.GotoAsync("/mailbox");
            var expertMail = mailbox.Locator("article[data-testid=mail]").Filter(new() { HasText = "l.krause@" }).Filter(new() { HasText = Note });
            await Expect(expertMail.First).ToContainTextAsync($"Order {number}: in progress");
        }
    }

    /// <summary>A fresh order of Müller's for the fleet check (no consent needed), placed, accepted and in progress.</summary>
    private Task<(Guid Id, string Number)> OrderInProgressAsync() =>
        web.Host.InScopeAsync(async services =>
        {
            var orders = services.GetRequiredService<ExpertOrderService>();
            var created = await orders.CreateDraftAsync(WebUiHost.Mueller, new CreateDraftCommand(
                DemoIds.ServiceKfzFlotte, "K-10002", """{"anzahlFahrzeuge": 7, "aktuellerVersicherer": "Rheinische Kraftfahrt VVaG", "hauptfaelligkeit": "2027-01-01"}"""));
            created.IsOk.Should().BeTrue(created.ToString());
            var id = created.Value.OrderId;
            (await orders.PlaceAsync(WebUiHost.Mueller, id)).IsOk.Should().BeTrue();
            (await orders.AcceptAsync(Krause, id)).IsOk.Should().BeTrue();
            var step = await orders.SetProgressStepAsync(Krause, id, "Schadenverlauf angefordert");
            step.IsOk.Should().BeTrue(step.ToString());
            step.Value.State.Should().Be(OrderState.InProgress);
            return (id, step.Value.Number);
        });
}
