using System.Text.Json;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Messaging;

/// <summary>The consent feature stores its request to a data subject as a digital message, inside its own unit of work.</summary>
public sealed class ConsentRequestMessageTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_consent_request_is_kept_with_the_order_and_commits_with_the_callers_unit_of_work(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Draft");
        var time = host.Services.GetRequiredService<TimeProvider>();
        var before = await host.CountMessageRowsAsync();
        var versionBefore = (await host.LoadOrderAsync(id)).Version;
        const string ConsentText = "Ich willige ein, dass meine Vertragsdaten an Expertin Fischer übermittelt werden.";

        DigitalMessage message;
        await using (var db = host.CreateDbContext())
        {
            var order = await db.Set<ExpertOrder>().SingleAsync(o => o.Id == id);

            // Not saved by the call: a unit of work that does not commit leaves nothing.
            DigitalMessages.AddConsentRequest(db, order, n.Broker, "Dr. Erika Mustermann", "erika@example.test", "Ihre Einwilligung", ConsentText, time);
        }

        (await host.CountMessageRowsAsync()).Should().Be(before);

        await using (var db = host.CreateDbContext())
        {
            var order = await db.Set<ExpertOrder>().SingleAsync(o => o.Id == id);
            message = DigitalMessages.AddConsentRequest(db, order, n.Broker, " Dr. Erika Mustermann ", "erika@example.test", "Ihre Einwilligung", ConsentText, time);
            await db.SaveChangesAsync();
        }

        var stored = (await host.StoredMessagesAsync(id)).Single();
        stored.Should().BeEquivalentTo(new
        {
            Id = message.Id,
            Kind = DigitalMessageKind.ConsentRequest,
            RecipientPartyId = (Guid?)null,
            RecipientName = "Dr. Erika Mustermann",
            RecipientAddress = "erika@example.test",
            Subject = "Ihre Einwilligung",
            Text = ConsentText,
            SenderPartyId = n.BrokerPartyId,
        }, o => o.ExcludingMissingMembers());
        var history = await host.HistoryAsync(id);
        history[^1].Should().BeEquivalentTo(new { Event = "MessageSent", Text = (string?)null, Sequence = stored.Sequence });
        history.Should().NotContain(h => h.Text != null && h.Text.Contains("Mustermann"));

        var outbox = (await host.OutboxAsync(id)).Where(m => m.EventType is OutboxEventTypes.DigitalMessage or OutboxEventTypes.MessageSent).ToList();
        outbox.Should().HaveCount(2);
        var delivery = outbox.Single(m => m.EventType == OutboxEventTypes.DigitalMessage);
        delivery.IdempotencyKey.Should().Be($"{id:N}:message:{message.Id:N}:data-subject");
        delivery.Recipients.Should().Be($"data-subject:{message.Id:D}");
        JsonSerializer.Deserialize<DigitalMessageDelivery>(delivery.PayloadJson)!.Should().BeEquivalentTo(new { MessageId = (Guid?)message.Id, RecipientPartyId = (Guid?)null, Text = ConsentText });
        var sentEvent = outbox.Single(m => m.EventType == OutboxEventTypes.MessageSent);
        sentEvent.PayloadJson.Should().Contain("\"kind\":\"ConsentRequest\"").And.NotContain("Mustermann");

        var after = await host.CountMessageRowsAsync();
        after.ReceivedCounterSum.Should().Be(before.ReceivedCounterSum, "a data subject has no inbox");
        (await host.LoadOrderAsync(id)).Version.Should().Be(versionBefore, "the caller decides whether its command changes the order");

        // The broker reads it with the order (also as a draft); the operator only with a purpose; nobody else.
        var forBroker = await host.MessageQueries().ListConsentRequestsAsync(n.Broker, id);
        forBroker.Value.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Id = message.Id,
            Kind = DigitalMessageKind.ConsentRequest,
            RecipientName = "Dr. Erika Mustermann",
            RecipientAddress = "erika@example.test",
            Subject = "Ihre Einwilligung",
            Text = ConsentText,
            IsUnread = false,
        }, o => o.ExcludingMissingMembers());
        (await host.MessageQueries().ListConsentRequestsAsync(n.Expert, id)).Status.Should().Be(ResultStatus.NotFound, "the expert never sees a draft");
        (await host.MessageQueries().ListConsentRequestsAsync(n.OtherBroker, id)).Status.Should().Be(ResultStatus.NotFound);
        var historyCount = (await host.HistoryAsync(id)).Count;
        (await host.MessageQueries().ListConsentRequestsAsync(n.Operator, id)).Refusal!.Code.Should().Be("message.purpose_required");
        (await host.HistoryAsync(id)).Should().HaveCount(historyCount);
        (await host.MessageQueries().ListConsentRequestsAsync(n.Operator, id, "Beschwerde der Kundin")).Value.Should().ContainSingle();
        (await host.HistoryAsync(id))[^1].Should().BeEquivalentTo(new { Event = DigitalMessageQueries.OperatorAccessEvent, Text = "Beschwerde der Kundin" });

        // It is not part of the broker ↔ expert thread, which opens only when the order is placed.
        OrderDriver.Ok(await host.Orders.PlaceAsync(n.Broker, id), "Place");
        (await host.MessageQueries().ListThreadAsync(n.Expert, id, new ThreadQuery())).Value.Items
            .Should().ContainSingle("only the network's Place notice").Which.Kind.Should().Be(DigitalMessageKind.SystemNotice);
        (await host.MessageQueries().ListConsentRequestsAsync(n.Expert, id)).Refusal!.Code.Should().Be("message.not_a_participant");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Values_out_of_bounds_or_an_untracked_order_are_programming_errors(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Draft");
        var time = host.Services.GetRequiredService<TimeProvider>();
        await using var db = host.CreateDbContext();
        var detached = await db.Set<ExpertOrder>().AsNoTracking().SingleAsync(o => o.Id == id);
        FluentActions.Invoking(() => DigitalMessages.AddConsentRequest(db, detached, n.Broker, "Name", null, "Betreff", "Text", time))
            .Should().Throw<InvalidOperationException>();
        var order = await db.Set<ExpertOrder>().SingleAsync(o => o.Id == id);
        FluentActions.Invoking(() => DigitalMessages.AddConsentRequest(db, order, n.Broker, " ", null, "Betreff", "Text", time))
            .Should().Throw<ArgumentException>().WithParameterName("recipientName");
        FluentActions.Invoking(() => DigitalMessages.AddConsentRequest(db, order, n.Broker, "Name", null, "Betreff", new string('t', DigitalMessages.MaxStoredTextLength + 1), time))
            .Should().Throw<ArgumentException>().WithParameterName("text");
        db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).Should().BeEmpty("a refused call adds nothing");
    }
}
