using System.Text.Json;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Notifications;

/// <summary>A user who chose the daily digest gets no mail at once but one mail at the digest time with every item.</summary>
public sealed class DigestTests
{
    public static TheoryData<DatabaseKind> Kinds() => new(Enum.GetValues<DatabaseKind>());

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task A_digest_user_gets_no_immediate_mail_and_later_one_digest_with_both_items(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        OrderDriver.Ok(await kit.Preferences.SetAsync(kit.N.Broker.WithUser(kit.Ben), kit.Ben, NotificationKind.OrderStateChanged, NotificationDelivery.DailyDigest), "SetPreference");
        var id = await kit.Host.OrderInAsync("Placed");
        var order = await kit.Host.LoadOrderAsync(id);
        OrderDriver.Ok(await kit.Host.Orders.AcceptAsync(kit.N.Expert, id), "Accept");
        OrderDriver.Ok(await kit.Host.Orders.RequestInformationAsync(kit.N.Expert, id, "Welche Police? <script>x()</script>"), "RequestInformation");

        var accepted = await kit.PlanAsync(await kit.EventAsync(id, "Accept"));
        kit.Host.Time.Advance(TimeSpan.FromHours(3));
        var asked = await kit.PlanAsync(await kit.EventAsync(id, "RequestInformation"));
        var planned = accepted.Concat(asked).ToList();

        NotificationKit.Mails(planned).Should().HaveCount(2).And.OnlyContain(m => m.Mail.To[0].Address == "anna@example.test", "Anna keeps immediate mails; Ben none");
        var items = planned.Where(r => r.EventType == OutboxEventTypes.DigestItem).ToList();
        items.Should().HaveCount(2).And.OnlyContain(r => r.Recipients == $"user:{kit.Ben:D}");
        // Monday 2 March 2026, 09:00 in Berlin: the next digest is Tuesday 07:00 CET = 06:00 UTC.
        var slot = new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero);
        items.Should().OnlyContain(r => r.DueAt == slot);
        var digests = planned.Where(r => r.EventType == OutboxEventTypes.Digest).ToList();
        digests.Should().ContainSingle("one digest row per user and slot, whatever the number of items");
        digests[0].IdempotencyKey.Should().Be($"digest:{kit.Ben:N}:202603030600");
        digests[0].DueAt.Should().Be(slot + DigestSchedule.Grace);

        // The dispatcher delivers the items first (a no-op), then the digest: the order does not matter.
        foreach (var item in items)
        {
            (await kit.PlanAsync(item)).Should().BeEmpty();
            item.Status = OutboxStatus.Sent;
        }

        kit.Host.Time.SetUtcNow(slot + DigestSchedule.Grace);
        var sent = await kit.PlanAsync(digests[0]);

        var (row, mail) = NotificationKit.MailTo(sent, "ben@example.test");
        row.IdempotencyKey.Should().Be($"digest:{kit.Ben:N}:202603030600:mail");
        mail.Subject.Should().Be("Your daily summary");
        mail.Text.Should().Contain($"Order {order.Number}: in progress").And.Contain($"Order {order.Number}: awaiting information")
            .And.Contain("Welche Police? <script>x()</script>").And.Contain($"https://crm.example.org/expertennetzwerk/orders/{id:D}");
        mail.Text.IndexOf("in progress", StringComparison.Ordinal).Should().BeLessThan(mail.Text.IndexOf("awaiting information", StringComparison.Ordinal), "oldest first");
        mail.Html.Should().Contain("Welche Police? &lt;script&gt;x()&lt;/script&gt;").And.NotContain("<script>").And.Contain($"Order {order.Number}: awaiting information");
        (await kit.PlanAsync(digests[0])).Should().BeEmpty("a digest handled twice queues its mail once");
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task A_digest_takes_only_its_own_slot_and_user(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        foreach (var user in new[] { kit.Anna, kit.Ben })
        {
            OrderDriver.Ok(await kit.Preferences.SetAsync(kit.N.Broker.WithUser(user), user, NotificationKind.OrderStateChanged, NotificationDelivery.DailyDigest), "SetPreference");
        }

        var first = await kit.Host.OrderInAsync("Placed");
        var today = await kit.PlanAsync(await kit.EventAsync(first, "Place"));
        kit.Host.Time.Advance(TimeSpan.FromDays(1)); // Tuesday 09:00: the next slot is Wednesday's
        var second = await kit.Host.OrderInAsync("Placed");
        var tomorrow = await kit.PlanAsync(await kit.EventAsync(second, "Place"));

        var benMonday = today.Single(r => r.EventType == OutboxEventTypes.Digest && r.Recipients == $"user:{kit.Ben:D}");
        var benTuesday = tomorrow.Single(r => r.EventType == OutboxEventTypes.Digest && r.Recipients == $"user:{kit.Ben:D}");
        benTuesday.IdempotencyKey.Should().NotBe(benMonday.IdempotencyKey);

        var firstNumber = (await kit.Host.LoadOrderAsync(first)).Number;
        var secondNumber = (await kit.Host.LoadOrderAsync(second)).Number;
        var mail = NotificationKit.MailTo(await kit.PlanAsync(benMonday), "ben@example.test").Mail;
        mail.Text.Should().Contain(firstNumber).And.NotContain(secondNumber);
        var anna = today.Single(r => r.EventType == OutboxEventTypes.Digest && r.Recipients == $"user:{kit.Anna:D}");
        var annaMail = NotificationKit.MailTo(await kit.PlanAsync(anna), "anna@example.test").Mail;
        annaMail.Subject.Should().Be("Ihre Tageszusammenfassung");
        annaMail.Text.Should().Contain($"Auftrag {firstNumber}: verbindlich bestellt").And.NotContain("Order ");
        // Anna's expert mail (another kind) stays immediate.
        NotificationKit.Mails(today).Should().ContainSingle().Which.Mail.Subject.Should().StartWith($"Neuer Auftrag {firstNumber}");
    }

    [Theory]
    [InlineData("2026-03-02T08:00:00Z", 7, "2026-03-03T06:00:00Z")] // 09:00 CET → tomorrow 07:00 CET
    [InlineData("2026-03-02T05:59:00Z", 7, "2026-03-02T06:00:00Z")] // 06:59 CET → today 07:00
    [InlineData("2026-03-02T06:00:00Z", 7, "2026-03-03T06:00:00Z")] // exactly at the slot → the next one
    [InlineData("2026-03-28T12:00:00Z", 7, "2026-03-29T05:00:00Z")] // clocks go forward on the 29th: 07:00 CEST
    [InlineData("2026-03-28T12:00:00Z", 2, "2026-03-29T01:00:00Z")] // 02:00 does not exist that day: 03:00 CEST
    [InlineData("2026-10-24T12:00:00Z", 2, "2026-10-25T00:00:00Z")] // 02:00 happens twice: the earlier (CEST)
    public void The_next_slot_is_the_digest_hour_in_the_network_time_zone(string now, int hour, string expected)
    {
        var slot = DigestSchedule.NextSlot(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), hour);

        slot.Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_digest_mail_encodes_everything_in_html_and_keeps_text_literal()
    {
        var recipient = new Ports.Recipient(Guid.CreateVersion7(), null, "a@example.test", "Dr. <b>Böse</b>", "de-DE");
        var item = new DigestItem(recipient.UserId!.Value, NotificationKind.MessageReceived, DateTimeOffset.UnixEpoch, "Betreff & <i>mehr</i>", "\"Grund\" <img src=x onerror=alert(1)>", "https://x.test/?a=1&b=2", DateTimeOffset.UnixEpoch);

        var mail = DigestHandler.Compose(recipient, [item], TimeZoneInfo.Utc);

        mail.Html.Should().NotContain("<b>").And.NotContain("<i>").And.NotContain("<img")
            .And.Contain("Dr. &lt;b&gt;Böse&lt;/b&gt;").And.Contain("Betreff &amp; &lt;i&gt;mehr&lt;/i&gt;").And.Contain("href=\"https://x.test/?a=1&amp;b=2\"");
        mail.Text.Should().Contain("Guten Tag Dr. <b>Böse</b>").And.Contain("\"Grund\" <img src=x onerror=alert(1)>");
        mail.Subject.Should().Be("Ihre Tageszusammenfassung");
        JsonSerializer.Serialize(mail).Should().NotBeNullOrEmpty();
    }
}
