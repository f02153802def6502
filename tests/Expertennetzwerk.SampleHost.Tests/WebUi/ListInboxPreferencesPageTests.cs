using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Api.Support;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// The order list's filters and keyset paging, the inbox and the notification preferences over HTTP (no browser), on
/// SQLite and PostgreSQL: values kept, bad input at its field, a tampered cursor a message, never a 500.
/// </summary>
public sealed partial class ListInboxPreferencesPageTests
{
    private const string Customer = ApiActors.CustomerRef;

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_order_list_pages_by_cursor_with_every_filter_kept_and_a_tampered_cursor_gets_a_message(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        await host.InScopeAsync(async services =>
        {
            var orders = services.GetRequiredService<ExpertOrderService>();
            for (var i = 0; i < 27; i++)
            {
                var created = await orders.CreateDraftAsync(ApiActors.OwningBroker, new CreateDraftCommand(ApiActors.Service, Customer, ApiActors.FleetFormData));
                created.IsOk.Should().BeTrue(created.ToString());
            }

            return 0;
        });
        var filter = new OrderListQuery { States = [OrderState.Draft], ServiceId = ApiActors.Service, CustomerRef = Customer, PageSize = 100 };
        var expected = await host.InScopeAsync(async services =>
            (await services.GetRequiredService<ExpertOrderQueries>().ListOrdersAsync(ApiActors.OwningBroker, filter)).Value);
        expected.Items.Count.Should().BeGreaterThan(25);
        using var broker = host.Client(ApiActors.OwningBroker);
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); // the network's day

        // First page: 25 rows, a next link that carries every filter and the cursor.
        var first = await GetAsync(broker, $"/expertennetzwerk/orders?state=Draft&service={ApiActors.Service}&customer={Customer}&updatedFrom=2000-01-01&q=");
        var firstIds = OrderIds(first);
        firstIds.Should().HaveCount(25);
        var next = NextLink(first);
        next.Should().Contain("state=Draft").And.Contain($"service={ApiActors.Service}").And.Contain($"customer={Customer}")
            .And.Contain("updatedFrom=2000-01-01").And.Contain("cursor=").And.NotContain("q=", "an empty filter is left out");

        // Second page: the rest, none twice; together exactly the core's list.
        var second = await GetAsync(broker, next);
        var secondIds = OrderIds(second);
        secondIds.Should().NotBeEmpty().And.NotIntersectWith(firstIds);
        firstIds.Concat(secondIds).Should().BeEquivalentTo(expected.Items.Select(o => o.Id));
        NextLink(second, optional: true).Should().BeNull("the last page has no next link");

        // The cursor changed, or used with other filters: a message, the first page of the filters asked for.
        var cursor = Regex.Match(next, "cursor=(?<c>[^&]+)").Groups["c"].Value;
        var tamperedCursor = cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];
        foreach (var path in new[] { next.Replace(cursor, tamperedCursor, StringComparison.Ordinal), next.Replace("state=Draft", "state=Placed", StringComparison.Ordinal), "/expertennetzwerk/orders?cursor=" + new string('A', 400) })
        {
            var html = WebUtility.HtmlDecode(await GetAsync(broker, path));
            html.Should().Contain("Der Link zur nächsten Seite ist ungültig oder gehört zu anderen Filtern.", path);
        }

        // The counts per state are links filtering by that state, with the core's numbers.
        var counts = expected.CountsByState!;
        var list = await GetAsync(broker, "/expertennetzwerk/orders");
        var draftCount = Regex.Match(list, "<a (?<attributes>[^>]*data-state=\"Draft\"[^>]*)>Entwurf</a>\\s*<span class=\"enw-badge\">(?<n>[0-9]+)</span>");
        draftCount.Success.Should().BeTrue("the count of drafts links to the drafts");
        draftCount.Groups["attributes"].Value.Should().Contain("href=\"/expertennetzwerk/orders?state=Draft\"");
        long.Parse(draftCount.Groups["n"].Value, CultureInfo.InvariantCulture).Should().Be(counts[OrderState.Draft]);

        // Days of change and of creation: today finds the new drafts, a range in the past none.
        OrderIds(await GetAsync(broker, $"/expertennetzwerk/orders?customer={Customer}&state=Draft&updatedFrom={today}&updatedTo={today}&from={today}&to={today}"))
            .Should().HaveCount(25);
        WebUtility.HtmlDecode(await GetAsync(broker, $"/expertennetzwerk/orders?customer={Customer}&updatedTo=2000-01-01")).Should().Contain("Keine Aufträge gefunden.");

        // Bad values: each at its field, marked, the value kept; the list without that filter; never a 500.
        var bad = await GetAsync(broker, "/expertennetzwerk/orders?from=2026-05-01&to=2026-04-30&updatedFrom=2026-02-30&service=nope&category=" + Guid.Empty + "x&customer=" + new string('k', 129));
        WebUtility.HtmlDecode(bad).Should().MatchRegex("id=\"enw-to\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"enw-to-error\"")
            .And.Contain("<span id=\"enw-to-error\" class=\"enw-error\">Das Bis-Datum liegt vor dem Von-Datum.</span>")
            .And.Contain("<span id=\"enw-updatedFrom-error\" class=\"enw-error\">Bitte ein Datum angeben")
            .And.Contain("<span id=\"enw-service-error\" class=\"enw-error\">Dieser Wert ist hier nicht zulässig.</span>")
            .And.Contain("<span id=\"enw-category-error\" class=\"enw-error\">Dieser Wert ist hier nicht zulässig.</span>")
            .And.Contain("<span id=\"enw-customer-error\" class=\"enw-error\">Bitte höchstens 128 Zeichen eingeben.</span>")
            .And.Contain("value=\"2026-05-01\"").And.Contain("value=\"2026-02-30\"");
        OrderIds(bad).Should().NotBeEmpty("the list is shown without the filters that are not valid");

        // The operator sees no customers: no customer field, and a customer in the URL is not used to probe.
        using var operatorClient = host.Client(ApiActors.Operator);
        var operatorList = await GetAsync(operatorClient, $"/expertennetzwerk/orders?customer={Customer}");
        operatorList.Should().NotContain("id=\"enw-customer\"");
        OrderIds(operatorList).Should().NotBeEmpty();
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Notification_preferences_change_only_with_the_antiforgery_token_and_bad_values_are_shown_at_their_field(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        using var broker = host.Client(ApiActors.OwningBroker);
        const string path = "/expertennetzwerk/notifications";
        var page = await GetAsync(broker, path);
        page.Should().Contain("name=\"MessageReceived\"").And.Contain("name=\"OrderCompleted\"").And.NotContain("name=\"DeadLetter\"").And.NotContain("name=\"OrderPlaced\"");
        var token = AntiforgeryField().Match(page);
        token.Success.Should().BeTrue("the form carries the antiforgery token");
        var valid = new Dictionary<string, string>
        {
            ["OrderStateChanged"] = "Immediate", ["OrderCompleted"] = "Immediate", ["MessageReceived"] = "DailyDigest",
        };

        // No token: the friendly 400 page, nothing stored.
        using (var response = await broker.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(valid)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("Anfrage nicht möglich");
        }

        (await DeliveryAsync(host, ApiActors.OwningBroker, NotificationKind.MessageReceived)).Should().Be(NotificationDelivery.Immediate);
        var withToken = new Dictionary<string, string>(valid) { [token.Groups["name"].Value] = token.Groups["value"].Value };

        // A value that is none, a kind left out: 400, each at its field; nothing stored.
        var wrong = new Dictionary<string, string>(withToken) { ["MessageReceived"] = "<b>Weekly</b>" };
        wrong.Remove("OrderCompleted");
        using (var response = await broker.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(wrong)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var raw = await response.Content.ReadAsStringAsync();
            var html = WebUtility.HtmlDecode(raw);
            html.Should().Contain("<span id=\"enw-MessageReceived-error\" class=\"enw-error\">Dieser Wert ist hier nicht zulässig.</span>")
                .And.Contain("<span id=\"enw-OrderCompleted-error\" class=\"enw-error\">Bitte füllen Sie dieses Feld aus.</span>");
            raw.Should().NotContain("<b>Weekly");
        }

        (await DeliveryAsync(host, ApiActors.OwningBroker, NotificationKind.MessageReceived)).Should().Be(NotificationDelivery.Immediate);

        // Valid: stored for this user only, back to the page (post/redirect/get) with the saved notice.
        using (var response = await broker.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(withToken)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.OriginalString.Should().Be(path + "?saved=True");
        }

        (await DeliveryAsync(host, ApiActors.OwningBroker, NotificationKind.MessageReceived)).Should().Be(NotificationDelivery.DailyDigest);
        (await DeliveryAsync(host, ApiActors.OtherBroker, NotificationKind.MessageReceived)).Should().Be(NotificationDelivery.Immediate);
        var saved = WebUtility.HtmlDecode(await GetAsync(broker, path + "?saved=True"));
        saved.Should().Contain("Ihre Einstellungen wurden gespeichert.").And.MatchRegex("name=\"MessageReceived\" value=\"DailyDigest\" checked=\"checked\"");

        // The expert's kinds; nobody signed in: the sign-in notice.
        using var expert = host.Client(ApiActors.OtherExpert);
        (await GetAsync(expert, path)).Should().Contain("name=\"OrderPlaced\"").And.NotContain("name=\"OrderCompleted\"");
        using var anonymous = host.Client(ApiActor.Anonymous);
        using (var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_inbox_lists_the_partys_messages_unread_marked_and_opening_a_foreign_one_is_not_found(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        var (orderId, messageId) = await host.InScopeAsync(async services =>
        {
            var list = await services.GetRequiredService<ExpertOrderQueries>().ListOrdersAsync(ApiActors.OwningBroker, new OrderListQuery { States = [OrderState.InProgress] });
            var order = list.Value.Items.First();
            var expert = order.ExpertPartyId == DemoIds.ExpertFinanzKompass ? ApiActors.OtherExpert : ApiActors.AssignedExpert;
            var sent = await services.GetRequiredService<DigitalMessageService>().SendAsync(expert, order.Id, "Rückfrage <script>alert(1)</script>");
            sent.IsOk.Should().BeTrue(sent.ToString());
            return (order.Id, sent.Value.MessageId);
        });

        using var broker = host.Client(ApiActors.OwningBroker);
        var inbox = await GetAsync(broker, "/expertennetzwerk/inbox?unread=1");
        inbox.Should().MatchRegex("(?s)data-unread=\"true\">.*&lt;script&gt;alert\\(1\\)&lt;/script&gt;").And.NotContain("<script>alert(1)");
        (await GetAsync(broker, "/expertennetzwerk")).Should().Contain("/expertennetzwerk/inbox", "the start page leads to the inbox");
        WebUtility.HtmlDecode(await GetAsync(broker, "/expertennetzwerk/inbox?cursor=broken")).Should().Contain("Der Link zur nächsten Seite ist ungültig");
        var token = AntiforgeryField().Match(inbox);
        token.Success.Should().BeTrue();

        // Another broker opening it, an unknown message: the 404 page; the owner: read, and on to the order.
        using var other = host.Client(ApiActors.OtherBroker);
        var otherToken = AntiforgeryField().Match(await GetAsync(other, "/expertennetzwerk/notifications"));
        foreach (var (client, form, status) in new[]
                 {
                     (other, Open(orderId, messageId, otherToken), HttpStatusCode.NotFound),
                     (broker, Open(orderId, Guid.NewGuid(), token), HttpStatusCode.NotFound),
                     (broker, Open(Guid.NewGuid(), messageId, token), HttpStatusCode.NotFound),
                     (broker, Open(orderId, messageId, token), HttpStatusCode.Redirect),
                 })
        {
            using var response = await client.PostAsync(new Uri("/expertennetzwerk/inbox?handler=Open", UriKind.Relative), new FormUrlEncodedContent(form));
            response.StatusCode.Should().Be(status);
            if (status == HttpStatusCode.Redirect)
            {
                response.Headers.Location!.OriginalString.Should().Be($"/expertennetzwerk/orders/{orderId:D}");
            }
        }

        (await GetAsync(broker, "/expertennetzwerk/inbox?unread=1")).Should().NotContain("&lt;script&gt;alert(1)", "the opened message is read");

        // The operator has no inbox.
        using var operatorClient = host.Client(ApiActors.Operator);
        using (var response = await operatorClient.GetAsync(new Uri("/expertennetzwerk/inbox", UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }
    }

    private static Dictionary<string, string> Open(Guid orderId, Guid messageId, Match token) => new()
    {
        ["orderId"] = orderId.ToString(), ["messageId"] = messageId.ToString(), [token.Groups["name"].Value] = token.Groups["value"].Value,
    };

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        return await response.Content.ReadAsStringAsync();
    }

    private static HashSet<Guid> OrderIds(string html) =>
        OrderLink().Matches(html).Select(m => Guid.Parse(m.Groups["id"].Value)).ToHashSet();

    private static string? NextLink(string html, bool optional = false)
    {
        var match = NextPage().Match(html);
        if (!optional)
        {
            match.Success.Should().BeTrue("a full page links to the next one");
        }

        return match.Success ? WebUtility.HtmlDecode(match.Groups["href"].Value) : null;
    }

    private static Task<NotificationDelivery> DeliveryAsync(ApiHost host, Actor actor, NotificationKind kind) =>
        host.InScopeAsync(async services =>
            (await services.GetRequiredService<NotificationPreferences>().GetAsync(actor)).Value.Single(p => p.Kind == kind).Delivery);

    [GeneratedRegex("<td><a href=\"/expertennetzwerk/orders/(?<id>[0-9a-f-]{36})\">")]
    private static partial Regex OrderLink();

    [GeneratedRegex("<a href=\"(?<href>[^\"]+)\" rel=\"next\"")]
    private static partial Regex NextPage();

    [GeneratedRegex("<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
