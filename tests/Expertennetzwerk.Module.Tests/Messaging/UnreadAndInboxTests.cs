using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Messaging;

/// <summary>Read marks per user, unread counts per order and in total, and the inbox across orders (own host per test: counts are per party).</summary>
public sealed class UnreadAndInboxTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Read_marks_are_per_user_monotonic_and_idempotent_and_counts_follow_them(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var colleague = await host.AddMemberAsync(n.Expert); // a second user of the expert party
        var a = await host.OrderInAsync("InProgress");
        var b = await host.OrderInAsync("Placed", "K-2");
        var toExpert = new List<SentMessage>();
        for (var i = 1; i <= 3; i++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            toExpert.Add(await host.SendOkAsync(n.Broker, a, $"A{i}"));
        }

        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.SendOkAsync(n.Expert, a, "Antwort des Experten"); // not unread for the expert's own party
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var onB = await host.SendOkAsync(n.Broker, b, "B1");

        // Each order's Place notice to the expert counts like a message.
        await ExpectUnread(host, n.Expert, total: 6, (a, 4), (b, 2));
        await ExpectUnread(host, colleague, total: 6, (a, 4), (b, 2));
        await ExpectUnread(host, n.Broker, total: 1, (a, 1));
        var thread = (await host.MessageQueries().ListThreadAsync(n.Expert, a, new ThreadQuery())).Value;
        thread.UnreadCount.Should().Be(4);
        thread.Items.Where(m => m.IsUnread).Select(m => m.Kind == DigitalMessageKind.Thread ? m.Text : m.Kind.ToString())
            .Should().BeEquivalentTo("SystemNotice", "A1", "A2", "A3");
        (await host.MessageQueries().ListThreadAsync(n.Broker, a, new ThreadQuery())).Value.Items.Where(m => m.IsUnread).Select(m => m.Text)
            .Should().Equal(["Antwort des Experten"], "the user acting for the broker party reads the expert's message separately");

        var marked = await host.Messages().MarkReadAsync(n.Expert, a, toExpert[1].MessageId);
        OrderDriver.Ok(marked, "MarkRead up to A2");
        marked.Value.Should().Be(new ThreadReadState(a, toExpert[1].Sequence, 1));
        await ExpectUnread(host, n.Expert, total: 3, (a, 1), (b, 2));
        await ExpectUnread(host, colleague, total: 6, (a, 4), (b, 2));
        (await host.MessageQueries().ListThreadAsync(n.Expert, a, new ThreadQuery())).Value.Items.Where(m => m.IsUnread).Select(m => m.Text).Should().Equal("A3");

        // Again, and an older message: nothing moves backwards, nothing is written.
        var marks = await host.CountMessageRowsAsync();
        (await host.Messages().MarkReadAsync(n.Expert, a, toExpert[1].MessageId)).Value.Should().Be(marked.Value);
        (await host.Messages().MarkReadAsync(n.Expert, a, toExpert[0].MessageId)).Value.Should().Be(marked.Value);
        (await host.CountMessageRowsAsync()).Should().Be(marks);

        OrderDriver.Ok(await host.Messages().MarkReadAsync(n.Expert, a), "MarkRead all");
        (await host.Messages().MarkReadAsync(n.Expert, a)).Value.Unread.Should().Be(0);
        await ExpectUnread(host, n.Expert, total: 2, (b, 2));

        // A new message after the mark is unread again; marking never writes history or outbox rows.
        var before = await host.CountMessageRowsAsync();
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.SendOkAsync(n.Broker, a, "A4");
        await ExpectUnread(host, n.Expert, total: 3, (a, 1), (b, 2));
        OrderDriver.Ok(await host.Messages().MarkReadAsync(n.Expert, b, onB.MessageId), "MarkRead B");
        var after = await host.CountMessageRowsAsync();
        after.History.Should().Be(before.History + 1, "only the message is history");
        after.Outbox.Should().Be(before.Outbox + 2);
        await ExpectUnread(host, n.Expert, total: 1, (a, 1));
        await AssertCountsMatchMessagesAsync(host, [n.Expert, colleague, n.Broker]);

        // An order whose only message is the Place notice: marking it leaves nothing unread; the broker has nothing to mark.
        var quiet = await host.OrderInAsync("Placed");
        var notice = (await host.HistoryAsync(quiet)).Single(h => h.Event == "Place").Sequence;
        (await host.Messages().MarkReadAsync(n.Expert, quiet)).Value.Should().Be(new ThreadReadState(quiet, notice, 0));
        (await host.Messages().MarkReadAsync(n.Broker, quiet)).Value.Unread.Should().Be(0);
        (await host.MessageQueries().GetUnreadCountsAsync(n.Operator)).Refusal!.Code.Should().Be("message.not_a_participant");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_inbox_lists_the_partys_received_messages_across_orders_newest_first_with_an_unread_filter(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var orders = new[] { await host.OrderInAsync("InProgress"), await host.OrderInAsync("Placed", "K-2"), await host.OrderInAsync("Completed") };
        var expected = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            // Every third message shares its instant with the one before: the Id breaks the tie.
            if (i % 3 != 2)
            {
                host.Time.Advance(TimeSpan.FromSeconds(30));
            }

            var text = $"M{i}";
            await host.SendOkAsync(n.Broker, orders[i % 3], text);
            expected.Add(text);
            await host.SendOkAsync(n.Expert, orders[i % 3], "Antwort " + i); // the expert's own messages are not in its inbox
        }

        var all = await ReadInboxAsync(host, n.Expert, unreadOnly: false, pageSize: 4);
        all.Where(m => m.Kind == DigitalMessageKind.Thread).Select(m => m.Text).Should().BeEquivalentTo(expected, "the inbox holds exactly the messages received");
        all.Where(m => m.Kind == DigitalMessageKind.SystemNotice).Select(m => m.OrderId).Should().BeEquivalentTo(orders, "and each order's Place notice");
        all.Should().BeInDescendingOrder(m => m.SentAt).And.OnlyContain(m => m.IsUnread && m.RecipientPartyId == n.ExpertPartyId);
        all.Zip(all.Skip(1)).Should().OnlyContain(p => p.First.SentAt > p.Second.SentAt || p.First.Id.CompareTo(p.Second.Id) > 0, "keyset (SentAt, Id) descending");
        all.Select(m => m.OrderNumber).Distinct().Should().HaveCount(3);

        // Read the first order fully and the second up to its first message.
        OrderDriver.Ok(await host.Messages().MarkReadAsync(n.Expert, orders[0]), "MarkRead order 0");
        var firstOfSecond = all.Where(m => m.OrderId == orders[1] && m.Kind == DigitalMessageKind.Thread).MinBy(m => m.Sequence)!;
        OrderDriver.Ok(await host.Messages().MarkReadAsync(n.Expert, orders[1], firstOfSecond.Id), "MarkRead order 1 partly");

        var unread = await ReadInboxAsync(host, n.Expert, unreadOnly: true, pageSize: 2);
        unread.Where(m => m.Kind == DigitalMessageKind.Thread).Select(m => m.Text).Should().BeEquivalentTo(["M4", "M7", "M2", "M5", "M8"]);
        unread.Where(m => m.Kind == DigitalMessageKind.SystemNotice).Select(m => m.OrderId).Should().Equal(orders[2]);
        unread.Should().OnlyContain(m => m.IsUnread).And.BeInDescendingOrder(m => m.SentAt);
        var page = (await host.MessageQueries().ListInboxAsync(n.Expert, new InboxQuery { PageSize = 100 })).Value;
        page.UnreadTotal.Should().Be(6);
        page.Items.Where(m => !m.IsUnread && m.Kind == DigitalMessageKind.Thread).Select(m => m.Text).Should().BeEquivalentTo("M0", "M3", "M6", "M1");

        // Another user of the same party has its own read state; the other parties see none of it.
        var colleague = await host.AddMemberAsync(n.Expert);
        (await ReadInboxAsync(host, colleague, unreadOnly: true, pageSize: 50)).Should().HaveCount(12);
        (await ReadInboxAsync(host, n.OtherExpert, unreadOnly: false, pageSize: 50)).Should().BeEmpty();
        var brokerInbox = await ReadInboxAsync(host, n.Broker, unreadOnly: false, pageSize: 50);
        brokerInbox.Where(m => m.Kind == DigitalMessageKind.Thread).Select(m => m.Text).Should().OnlyContain(t => t.StartsWith("Antwort")).And.HaveCount(9);
        brokerInbox.Where(m => m.Kind == DigitalMessageKind.SystemNotice).Select(m => m.OrderId).Should().Equal([orders[2]], "the completed order's notice");

        (await host.MessageQueries().ListInboxAsync(n.Operator, new InboxQuery())).Refusal!.Code.Should().Be("message.not_a_participant");
        var first = (await host.MessageQueries().ListInboxAsync(n.Expert, new InboxQuery { PageSize = 2, UnreadOnly = true })).Value.NextCursor!;
        (await host.MessageQueries().ListInboxAsync(n.Expert, new InboxQuery { PageSize = 2, Cursor = first }))
            .FieldErrors.Should().ContainSingle(e => e.Field == "cursor", "a cursor is bound to its filter");
        (await host.MessageQueries().ListInboxAsync(colleague, new InboxQuery { PageSize = 2, UnreadOnly = true, Cursor = first }))
            .FieldErrors.Should().ContainSingle(e => e.Field == "cursor", "and to its user");
    }

    private static async Task<List<DigitalMessageItem>> ReadInboxAsync(ModuleHost host, Actor actor, bool unreadOnly, int pageSize)
    {
        var items = new List<DigitalMessageItem>();
        string? cursor = null;
        do
        {
            var page = await host.MessageQueries().ListInboxAsync(actor, new InboxQuery { PageSize = pageSize, UnreadOnly = unreadOnly, Cursor = cursor });
            page.Status.Should().Be(ResultStatus.Ok, page.ToString());
            page.Value.Items.Count.Should().BeLessThanOrEqualTo(pageSize);
            items.AddRange(page.Value.Items);
            cursor = page.Value.NextCursor;
        }
        while (cursor is not null);

        items.Select(i => i.Id).Should().OnlyHaveUniqueItems("pages never overlap");
        return items;
    }

    private static async Task ExpectUnread(ModuleHost host, Actor actor, int total, params (Guid OrderId, int Unread)[] byOrder)
    {
        var counts = await host.MessageQueries().GetUnreadCountsAsync(actor);
        counts.Status.Should().Be(ResultStatus.Ok);
        counts.Value.Total.Should().Be(total);
        counts.Value.ByOrder.Select(c => (c.OrderId, c.Unread)).Should().BeEquivalentTo(byOrder);
        foreach (var (orderId, unread) in byOrder)
        {
            (await host.MessageQueries().ListThreadAsync(actor, orderId, new ThreadQuery { PageSize = 1 })).Value.UnreadCount.Should().Be(unread);
        }

        (await host.MessageQueries().ListInboxAsync(actor, new InboxQuery { PageSize = 1 })).Value.UnreadTotal.Should().Be(total);
    }

    /// <summary>The kept counters agree with a count over the message rows and the watermarks.</summary>
    private static async Task AssertCountsMatchMessagesAsync(ModuleHost host, IEnumerable<Actor> actors)
    {
        await using var db = host.CreateDbContext();
        var messages = await db.Set<DigitalMessage>().AsNoTracking()
            .Where(m => m.Kind == DigitalMessageKind.Thread || m.Kind == DigitalMessageKind.SystemNotice).ToListAsync();
        var marks = await db.Set<DigitalMessageReadMark>().AsNoTracking().ToListAsync();
        foreach (var actor in actors)
        {
            var expected = messages.Where(m => m.RecipientPartyId == actor.PartyId)
                .Count(m => m.Sequence > (marks.SingleOrDefault(r => r.PartyId == actor.PartyId && r.UserId == actor.UserId && r.OrderId == m.OrderId)?.ReadUpToSequence ?? 0));
            (await host.MessageQueries().GetUnreadCountsAsync(actor)).Value.Total.Should().Be(expected, "the counters of {0} must match the rows", actor);
        }
    }
}
