using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Tests.Notifications;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Hosting;

/// <summary>
/// One time-zone rule: order-number years, business days and the times in mails are the network's; an unknown zone
/// stops the host at start and fails loudly at use, never silently UTC or Berlin.
/// </summary>
public sealed class NetworkTimeZoneTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_unknown_zone_id_stops_start_up_naming_the_network_and_the_id_and_fails_at_use(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        await new ExpertennetzwerkStartupCheck(host.Services).StartAsync(CancellationToken.None); // a known zone starts
        await SetZoneAsync(host, "Mars/Olympus_Mons");

        var thrown = (await FluentActions.Awaiting(() => new ExpertennetzwerkStartupCheck(host.Services).StartAsync(CancellationToken.None))
            .Should().ThrowAsync<InvalidOperationException>()).Which;
        thrown.Message.Should().Contain("\"Testnetz\"").And.Contain(n.NetworkId.ToString()).And.Contain("\"Mars/Olympus_Mons\"");

        var atUse = (await FluentActions.Awaiting(() => host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, "K-1")))
            .Should().ThrowAsync<NetworkTimeZoneException>("an order number's year needs the zone, and UTC is not the network's")).Which;
        atUse.Message.Should().Contain("\"Mars/Olympus_Mons\"");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite, "Pacific/Auckland", "2026-12-31T12:00:00Z", 2027)] // Auckland already in 2027, Berlin still in 2026
    [InlineData(DatabaseKind.Postgres, "Pacific/Auckland", "2026-12-31T12:00:00Z", 2027)]
    [InlineData(DatabaseKind.Sqlite, "America/New_York", "2027-01-01T03:00:00Z", 2026)] // New York still in 2026, Berlin already in 2027
    [InlineData(DatabaseKind.Postgres, "America/New_York", "2027-01-01T03:00:00Z", 2026)]
    public async Task Order_numbers_take_the_year_from_the_networks_zone_around_New_Year(DatabaseKind kind, string zone, string utc, int year)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        await SetZoneAsync(host, zone);
        host.Time.SetUtcNow(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

        var id = await host.OrderInAsync("Placed");

        (await host.LoadOrderAsync(id)).Number.Should().StartWith($"EA-{year}-");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_experts_accept_by_day_and_the_placing_time_in_the_mail_are_in_the_networks_zone(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var host = kit.Host;
        await SetZoneAsync(host, "America/New_York");
        // Friday 04:00 in Berlin is Thursday 22:00 in New York: two business days on is Monday there, Tuesday in Berlin.
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 6, 3, 0, 0, TimeSpan.Zero));
        var id = await host.OrderInAsync("Placed");
        var evt = await kit.EventAsync(id, "Place");

        var rows = await kit.PlanAsync(evt);

        var placed = NotificationKit.MailTo(rows.Where(r => r.IdempotencyKey.Contains(":expert-", StringComparison.Ordinal)), "anna@example.test").Mail;
        placed.Text.Should().Contain("05.03.2026, 22:00 Uhr").And.Contain("09.03.2026").And.NotContain("06.03.2026").And.NotContain("10.03.2026");
        rows.Should().Contain(r => r.EventType == OutboxEventTypes.Mail);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_withdrawal_page_shows_the_day_the_consent_was_given_in_the_networks_zone(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        await SetZoneAsync(host, "America/New_York");
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 6, 3, 0, 0, TimeSpan.Zero)); // Thursday evening in New York, Friday in Berlin
        var draft = await Consent.ConsentLinkTests.DraftAsync(host);
        var requested = (await host.Consents.RequestConsentAsync(host.Network.Broker, draft, new Module.Consent.RequestConsentCommand(Module.Catalog.DataSubjectKind.Customer))).Value;
        (await host.Consents.DecideAsync(Consent.ConsentLinkTests.TokenOf(requested.ConsentUrl), agree: true)).IsOk.Should().BeTrue();

        var page = (await host.Consents.OpenWithdrawalAsync(Consent.ConsentLinkTests.TokenOf(requested.WithdrawalUrl))).Value;

        page.GivenOn.Should().Be(new DateOnly(2026, 3, 5));
    }

    private static async Task SetZoneAsync(ModuleHost host, string zone)
    {
        await using var db = host.CreateDbContext();
        await db.Set<ExpertNetwork>().Where(x => x.Id == host.Network.NetworkId).ExecuteUpdateAsync(s => s.SetProperty(x => x.TimeZoneId, zone));
    }
}
