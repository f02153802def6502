using System.Text.Json;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Messaging;

/// <summary>What one message leaves behind (message, history without text, outbox rows) and how a thread is read.</summary>
public sealed class SendTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_message_is_history_without_its_text_and_two_outbox_rows_in_the_same_commit(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        var order = await host.LoadOrderAsync(id);
        var historyBefore = (await host.HistoryAsync(id)).Count;
        var outboxBefore = (await host.OutboxAsync(id)).Count;
        var rowsBefore = await host.CountMessageRowsAsync();
        host.Time.Advance(TimeSpan.FromMinutes(10));
        const string Secret = "Frau Mustermann hat Diabetes Typ 2 – bitte berücksichtigen.";

        var sent = await host.SendOkAsync(n.Expert, id, "  " + Secret + "\n ");

        var message = (await host.StoredMessagesAsync(id)).Single();
        message.Should().BeEquivalentTo(new
        {
            Id = sent.MessageId,
            NetworkId = n.NetworkId,
            OrderId = id,
            Kind = DigitalMessageKind.Thread,
            Text = Secret,
            SenderUserId = n.Expert.UserId,
            SenderPartyId = n.ExpertPartyId,
            SenderPartyKind = PartyKind.Expert,
            RecipientPartyId = (Guid?)n.BrokerPartyId,
            RecipientName = (string?)null,
            SentAt = host.Time.GetUtcNow(),
            AttachmentCount = 0,
        }, o => o.ExcludingMissingMembers());
        message.Id.Version.Should().Be(7);

        var history = await host.HistoryAsync(id);
        history.Should().HaveCount(historyBefore + 1);
        var entry = history[^1];
        entry.Should().BeEquivalentTo(new
        {
            Sequence = sent.Sequence,
            Event = "MessageSent",
            Text = (string?)null,
            UserId = n.Expert.UserId,
            PartyId = n.ExpertPartyId,
            FromState = OrderState.InProgress,
            ToState = OrderState.InProgress,
        });
        history.Should().NotContain(h => h.Text != null && h.Text.Contains("Diabetes"), "personal data never go into the history");
        message.Sequence.Should().Be(entry.Sequence);

        var after = await host.LoadOrderAsync(id);
        after.Version.Should().Be(order.Version, "a message does not invalidate the parties' expected versions");
        after.UpdatedAt.Should().Be(order.UpdatedAt);
        after.HistoryCount.Should().Be(order.HistoryCount + 1);

        var outbox = (await host.OutboxAsync(id)).Skip(outboxBefore).ToList();
        outbox.Should().HaveCount(2);
        var delivery = outbox.Single(m => m.EventType == OutboxEventTypes.DigitalMessage);
        delivery.IdempotencyKey.Should().Be($"{id:N}:message:{sent.MessageId:N}:{n.BrokerPartyId:N}");
        delivery.Recipients.Should().Be($"party:{n.BrokerPartyId:D}");
        delivery.Status.Should().Be(OutboxStatus.Pending);
        delivery.CreatedAt.Should().Be(host.Time.GetUtcNow());
        var payload = JsonSerializer.Deserialize<DigitalMessageDelivery>(delivery.PayloadJson)!;
        payload.Should().BeEquivalentTo(new DigitalMessageDelivery(
            delivery.IdempotencyKey, n.NetworkId, id, sent.MessageId, null, n.BrokerPartyId, $"Neue Nachricht zum Auftrag {order.Number}", Secret));

        var sentEvent = outbox.Single(m => m.EventType == OutboxEventTypes.MessageSent);
        OutboxEventTypes.MessageSent.Should().Be("message.sent");
        sentEvent.IdempotencyKey.Should().Be($"{id:N}:MessageSent:{sent.Sequence}");
        sentEvent.PayloadJson.Should().NotContain("Diabetes", "the event carries ids only");
        using var json = JsonDocument.Parse(sentEvent.PayloadJson);
        json.RootElement.GetProperty("messageId").GetGuid().Should().Be(sent.MessageId);
        json.RootElement.GetProperty("recipientPartyId").GetGuid().Should().Be(n.BrokerPartyId);
        json.RootElement.GetProperty("senderPartyId").GetGuid().Should().Be(n.ExpertPartyId);
        json.RootElement.GetProperty("historySequence").GetInt32().Should().Be(sent.Sequence);
        json.RootElement.GetProperty("kind").GetString().Should().Be("Thread");

        var rows = await host.CountMessageRowsAsync();
        rows.Should().Be(rowsBefore with
        {
            Messages = rowsBefore.Messages + 1,
            ReceivedCounterSum = rowsBefore.ReceivedCounterSum + 1,
            History = rowsBefore.History + 1,
            Outbox = rowsBefore.Outbox + 2,
            OrderHistoryCountSum = rowsBefore.OrderHistoryCountSum + 1,
        });
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_workflow_command_with_the_version_seen_before_a_message_still_succeeds(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Placed");
        var version = (await host.LoadOrderAsync(id)).Version;
        await host.SendOkAsync(n.Broker, id, "Können Sie bis Freitag annehmen?");
        await host.SendOkAsync(n.Expert, id, "Ja.");

        var accepted = await host.Orders.AcceptAsync(n.Expert, id, expectedVersion: version);
        OrderDriver.Ok(accepted, "Accept with the version seen before the messages");
        var history = await host.HistoryAsync(id);
        history.Select(h => h.Sequence).Should().Equal(Enumerable.Range(1, history.Count), "history sequences stay gapless");
        history.Select(h => h.Event).TakeLast(3).Should().Equal("MessageSent", "MessageSent", "Accept");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_thread_pages_newest_first_by_keyset_with_a_signed_cursor(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        var sent = new List<SentMessage>();
        for (var i = 1; i <= 7; i++)
        {
            // Same instant for some: the thread's order is the sequence, not the clock.
            if (i % 3 == 0)
            {
                host.Time.Advance(TimeSpan.FromSeconds(1));
            }

            sent.Add(await host.SendOkAsync(i % 2 == 0 ? n.Expert : n.Broker, id, $"Nachricht {i}"));
        }

        var seen = new List<string>();
        var notice = (await host.MessageQueries().ListThreadAsync(n.Expert, id, new ThreadQuery { PageSize = 100 })).Value.Items
            .Single(m => m.Kind == DigitalMessageKind.SystemNotice);
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await host.MessageQueries().ListThreadAsync(n.Expert, id, new ThreadQuery { PageSize = 3, Cursor = cursor });
            page.Status.Should().Be(ResultStatus.Ok);
            page.Value.Items.Should().HaveCountLessThanOrEqualTo(3);
            seen.AddRange(page.Value.Items.Select(m => m.Text));
            cursor = page.Value.NextCursor;
            pages++;
        }
        while (cursor is not null);

        pages.Should().Be(3);
        seen.Should().Equal(Enumerable.Range(1, 7).Reverse().Select(i => $"Nachricht {i}").Append(notice.Text), "the Place notice is the oldest message");

        // A page just as large as the rest ends without a cursor.
        var exact = await host.MessageQueries().ListThreadAsync(n.Broker, id, new ThreadQuery { PageSize = 8 });
        exact.Value.NextCursor.Should().BeNull();
        exact.Value.Items.Should().HaveCount(8).And.OnlyContain(m => m.OrderNumber.StartsWith("EA-"));

        var first = await host.MessageQueries().ListThreadAsync(n.Expert, id, new ThreadQuery { PageSize = 3 });
        var good = first.Value.NextCursor!;
        var tampered = good[..^2] + (good[^2] == 'A' ? "B" : "A") + good[^1];
        var colleague = await host.AddMemberAsync(n.Broker);
        foreach (var (actor, query) in new (Actor, ThreadQuery)[]
                 {
                     (n.Expert, new ThreadQuery { PageSize = 3, Cursor = tampered }),
                     (n.Expert, new ThreadQuery { PageSize = 3, Cursor = "nicht-base64!" }),
                     (n.Expert, new ThreadQuery { PageSize = 4, Cursor = good }),
                     (colleague, new ThreadQuery { PageSize = 3, Cursor = good }),
                 })
        {
            var bad = await host.MessageQueries().ListThreadAsync(actor, id, query);
            bad.Status.Should().Be(ResultStatus.ValidationFailed);
            bad.FieldErrors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "cursor", Code = "malformed" });
        }

        var otherOrder = await host.OrderInAsync("Placed");
        (await host.MessageQueries().ListThreadAsync(n.Expert, otherOrder, new ThreadQuery { PageSize = 3, Cursor = good }))
            .FieldErrors.Should().ContainSingle(e => e.Field == "cursor", "a cursor belongs to its order");
        foreach (var size in new[] { 0, DigitalMessageQueries.MaxPageSize + 1 })
        {
            (await host.MessageQueries().ListThreadAsync(n.Expert, id, new ThreadQuery { PageSize = size }))
                .FieldErrors.Should().ContainSingle(e => e.Field == "pageSize" && e.Code == "out_of_range");
        }
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Attachments_are_stored_through_the_document_store_and_listed_with_the_message(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("AwaitingInformation");
        var rowsBefore = await host.CountMessageRowsAsync();
        var files = new[]
        {
            MessagingDriver.Pdf("Police.pdf", 2048, fill: 7),
            new DocumentUpload(" Foto.png ", "image/png", new byte[] { 1, 2, 3 }),
        };

        var sent = await host.SendOkAsync(n.Broker, id, "Hier die Police und ein Foto.", files);

        var rows = await host.CountMessageRowsAsync();
        rows.Attachments.Should().Be(rowsBefore.Attachments + 2);
        rows.Documents.Should().Be(rowsBefore.Documents + 2);
        var item = (await host.MessageQueries().ListThreadAsync(n.Expert, id, new ThreadQuery())).Value.Items.Single(m => m.Id == sent.MessageId);
        item.Attachments.Select(a => (a.FileName, a.ContentType, a.Length)).Should().BeEquivalentTo(new[]
        {
            ("Police.pdf", "application/pdf", 2048L),
            ("Foto.png", "image/png", 3L),
        });
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var police = await store.OpenAsync(n.NetworkId, item.Attachments.Single(a => a.FileName == "Police.pdf").DocumentId);
        police!.Content.ToArray().Should().HaveCount(2048).And.OnlyContain(b => b == 7);
        (await host.StoredMessagesAsync(id)).Single().AttachmentCount.Should().Be(2);
    }
}
