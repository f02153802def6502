using System.Collections.Concurrent;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Outbox;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Messaging;

/// <summary>
/// The network's notices reach the module's own inbox: the assigned expert's on Place, the broker's on Complete — as
/// digital messages of the order with unread counts and read marks, also handed to the host's channel, exactly once.
/// </summary>
public sealed class SystemNoticeTests
{
    private const string Title = "Weiteranlage – Interessen-Check";

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Placing_puts_a_notice_in_the_experts_inbox_that_counts_as_unread_until_marked_read(DatabaseKind kind)
    {
        await using var host = await StartAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Placed");
        var order = await host.LoadOrderAsync(id);
        var place = (await host.HistoryAsync(id)).Single(h => h.Event == "Place");

        var inbox = await host.MessageQueries().ListInboxAsync(n.Expert, new InboxQuery());

        OrderDriver.Ok(inbox, "ListInbox");
        var notice = inbox.Value.Items.Should().ContainSingle().Subject;
        notice.Should().BeEquivalentTo(new
        {
            OrderId = id,
            OrderNumber = order.Number,
            Kind = DigitalMessageKind.SystemNotice,
            SenderUserId = Guid.Empty,
            SenderPartyKind = PartyKind.System,
            RecipientPartyId = (Guid?)n.ExpertPartyId,
            Sequence = place.Sequence,
            IsUnread = true,
        });
        notice.Subject.Should().Contain(order.Number).And.Contain(Title);
        notice.Text.Should().Contain(order.Number).And.Contain(Title).And.NotContain("Mustermann", "the notice carries no customer data");
        notice.Attachments.Should().BeEmpty();
        inbox.Value.UnreadTotal.Should().Be(1);
        (await host.MessageQueries().GetUnreadCountsAsync(n.Expert)).Value.Should().BeEquivalentTo(new { Total = 1, ByOrder = new[] { new { OrderId = id, Unread = 1 } } });
        var thread = await host.MessageQueries().ListThreadAsync(n.Expert, id, new ThreadQuery());
        thread.Value.Items.Should().ContainSingle(m => m.Id == notice.Id);
        thread.Value.UnreadCount.Should().Be(1);
        (await host.HistoryAsync(id)).Should().NotContain(h => h.Event == DigitalMessages.HistoryEvent, "the Place entry records the notice");
        (await host.MessageQueries().ListInboxAsync(n.Broker, new InboxQuery())).Value.Items.Should().BeEmpty("the broker is told of Place by mail only");

        var read = await host.Messages().MarkReadAsync(n.Expert, id);

        OrderDriver.Ok(read, "MarkRead");
        read.Value.Unread.Should().Be(0);
        (await host.MessageQueries().GetUnreadCountsAsync(n.Expert)).Value.Total.Should().Be(0);
        (await host.MessageQueries().ListInboxAsync(n.Expert, new InboxQuery { UnreadOnly = true })).Value.Items.Should().BeEmpty();
        (await host.Orders.AcceptAsync(n.Expert, id)).Status.Should().Be(ResultStatus.Ok, "a read notice changes nothing of the order");
        await host.SendOkAsync(n.Expert, id, "Ich übernehme den Auftrag.");
        await host.SendOkAsync(n.Broker, id, "Danke.");
        (await host.StoredMessagesAsync(id, withNotices: true)).Should().HaveCount(3, "the thread stays open to both parties");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Completing_puts_a_notice_in_the_brokers_inbox(DatabaseKind kind)
    {
        await using var host = await StartAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Completed");
        var order = await host.LoadOrderAsync(id);

        var inbox = await host.MessageQueries().ListInboxAsync(n.Broker, new InboxQuery { UnreadOnly = true });

        var notice = inbox.Value.Items.Should().ContainSingle().Subject;
        notice.Kind.Should().Be(DigitalMessageKind.SystemNotice);
        notice.RecipientPartyId.Should().Be(n.BrokerPartyId);
        notice.Sequence.Should().Be((await host.HistoryAsync(id)).Single(h => h.Event == "Complete").Sequence);
        notice.Subject.Should().Contain(order.Number).And.Contain(Title);
        notice.Text.Should().NotContain("Mustermann");
        inbox.Value.UnreadTotal.Should().Be(1);
        (await host.Messages().MarkReadAsync(n.Broker, id, notice.Id)).Value.Unread.Should().Be(0);
        (await host.MessageQueries().GetUnreadCountsAsync(n.Broker)).Value.Total.Should().Be(0);
        (await host.MessageQueries().ListInboxAsync(n.Expert, new InboxQuery())).Value.Items.Should().ContainSingle("the expert has only its Place notice");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_channel_receives_each_notice_once_and_a_redelivered_event_adds_no_second_notice(DatabaseKind kind)
    {
        await using var host = await StartAsync(kind);
        var n = host.Network;
        var channel = host.Services.GetRequiredService<ChannelLog>();
        var id = await host.OrderInAsync("Completed");
        await host.DrainAsync(host.Dispatcher("A"));

        var notices = (await host.StoredMessagesAsync(id, withNotices: true)).Where(m => m.Kind == DigitalMessageKind.SystemNotice).ToList();
        notices.Select(m => m.RecipientPartyId).Should().Equal(n.ExpertPartyId, n.BrokerPartyId);
        channel.Deliveries.Where(d => d.OrderId == id).Should().HaveCount(2, "one delivery per notice, no other digital message");
        foreach (var notice in notices)
        {
            channel.Deliveries.Should().ContainSingle(d => d.MessageId == notice.Id).Which.Should().BeEquivalentTo(new
            {
                NetworkId = n.NetworkId,
                OrderId = (Guid?)id,
                RecipientPartyId = notice.RecipientPartyId,
                notice.Subject,
                notice.Text,
            });
        }

        // The dispatcher delivers at least once: replanning the order's events must not add notices or deliveries.
        await using (var db = host.CreateDbContext())
        {
            (await db.Set<OutboxMessage>().Where(m => m.OrderId == id && (m.EventType == OutboxEventTypes.OrderPlaced || m.EventType == OutboxEventTypes.OrderStateChanged))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.DueAt, host.Time.GetUtcNow())))
                .Should().BeGreaterThan(1);
        }

        await host.DrainAsync(host.Dispatcher("B"));

        (await host.StoredMessagesAsync(id, withNotices: true)).Where(m => m.Kind == DigitalMessageKind.SystemNotice).Should().HaveCount(2);
        channel.Deliveries.Where(d => d.OrderId == id).Should().HaveCount(2);
        (await host.MessageQueries().GetUnreadCountsAsync(n.Expert)).Value.Total.Should().Be(1);
        (await host.MessageQueries().GetUnreadCountsAsync(n.Broker)).Value.Total.Should().Be(1);
    }

    private static async Task<ModuleHost> StartAsync(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        return await ModuleHost.StartAsync(kind, b =>
        {
            b.Services.AddSingleton<ChannelLog>();
            b.UseDigitalMessageChannel<RecordingChannel>();
        });
    }

    private sealed class ChannelLog
    {
        public ConcurrentQueue<DigitalMessageDelivery> Deliveries { get; } = new();
    }

    private sealed class RecordingChannel(ChannelLog log) : IDigitalMessageChannel
    {
        public Task DeliverAsync(DigitalMessageDelivery delivery, CancellationToken cancellationToken = default)
        {
            log.Deliveries.Enqueue(delivery);
            return Task.CompletedTask;
        }
    }
}
