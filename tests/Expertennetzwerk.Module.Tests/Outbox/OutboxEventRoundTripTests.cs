using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Outbox.Events;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Consent;
using Expertennetzwerk.Module.Tests.Messaging;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Expertennetzwerk.Module.Tests.Outbox;

/// <summary>
/// Each command's event row, as the command really writes it, reads back as its typed event (the reader's path), with
/// the fields the command knew and exactly the key the event record builds.
/// </summary>
public sealed class OutboxEventRoundTripTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Order_message_and_consent_commands_write_rows_that_read_back_as_their_typed_events_with_the_records_key(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;

        // Place and a state change.
        var id = await host.OrderInAsync("Placed");
        OrderDriver.Ok(await host.Orders.AcceptAsync(n.Expert, id), "Accept");
        var order = await host.LoadOrderAsync(id);
        var history = await host.HistoryAsync(id);
        foreach (var (trigger, eventType, from, to) in new[]
                 {
                     ("Place", OutboxEventTypes.OrderPlaced, OrderState.Draft, OrderState.Placed),
                     ("Accept", OutboxEventTypes.OrderStateChanged, OrderState.Placed, OrderState.InProgress),
                 })
        {
            var row = (await host.OutboxAsync(id)).Single(r => r.EventType == eventType);
            var evt = OutboxPayloads.Deserialize<OrderEvent>(row);
            var entry = history.Single(h => h.Event == trigger);
            evt.Should().Be(new OrderEvent(id, order.Number, trigger, from.ToString(), to.ToString(), entry.Sequence));
            row.IdempotencyKey.Should().Be(evt.IdempotencyKey()).And.Be($"{id:N}:{trigger}:{entry.Sequence}", "the key rows already in a database have");
            row.EventType.Should().Be(evt.EventType());
        }

        // A message.
        var sent = (await host.Messages().SendAsync(n.Broker, id, "Anbei die Police", [MessagingDriver.Pdf("Police.pdf", 100)])).Value;
        var messageRow = (await host.OutboxAsync(id)).Single(r => r.EventType == OutboxEventTypes.MessageSent);
        var message = OutboxPayloads.Deserialize<MessageSentEvent>(messageRow);
        message.Should().Be(new MessageSentEvent(
            id, order.Number, sent.MessageId, nameof(DigitalMessageKind.Thread), n.Broker.UserId, n.BrokerPartyId, nameof(Module.Common.PartyKind.Broker),
            n.ExpertPartyId, sent.Sequence, 1));
        messageRow.IdempotencyKey.Should().Be(message.IdempotencyKey()).And.Be($"{id:N}:MessageSent:{sent.Sequence}", "the key rows already in a database have");

        // A consent: requested, agreed, withdrawn (the draft keeps its state, so the withdrawal has its own event).
        var draft = await ConsentLinkTests.DraftAsync(host);
        var requested = (await host.Consents.RequestConsentAsync(n.Broker, draft, new RequestConsentCommand(DataSubjectKind.Customer, Email: "erika@example.test", Culture: "en"))).Value;
        var requestRow = (await host.OutboxAsync(draft)).Single(r => r.EventType == OutboxEventTypes.ConsentRequested);
        var request = OutboxPayloads.Deserialize<ConsentRequestedEvent>(requestRow);
        request.Should().Be(new ConsentRequestedEvent(
            draft, requested.ConsentId, request.DataSubjectName, "erika@example.test", "en", requested.ConsentUrl.AbsoluteUri, requested.WithdrawalUrl.AbsoluteUri, requested.ExpiresAt));
        request.DataSubjectName.Should().NotBeNullOrWhiteSpace();
        requestRow.IdempotencyKey.Should().Be(request.IdempotencyKey()).And.Be($"consent:{requested.ConsentId:N}:requested");

        var decided = (await host.Consents.DecideAsync(ConsentLinkTests.TokenOf(requested.ConsentUrl), agree: true)).Value;
        var decisionRow = (await host.OutboxAsync(draft)).Single(r => r.EventType == OutboxEventTypes.ConsentDecided);
        var decision = OutboxPayloads.Deserialize<ConsentDecidedEvent>(decisionRow);
        decision.Should().Be(new ConsentDecidedEvent(draft, requested.ConsentId, true, decided.WithdrawalUrl!.AbsoluteUri));
        decisionRow.IdempotencyKey.Should().Be(decision.IdempotencyKey()).And.Be($"consent:{requested.ConsentId:N}:decided");

        var withdrawnAt = host.Time.GetUtcNow();
        (await host.Consents.WithdrawAsync(ConsentLinkTests.TokenOf(requested.WithdrawalUrl))).Value.Status.Should().Be(ConsentStatus.Withdrawn);
        var withdrawalRow = (await host.OutboxAsync(draft)).Single(r => r.EventType == OutboxEventTypes.ConsentWithdrawn);
        var withdrawal = OutboxPayloads.Deserialize<ConsentWithdrawnEvent>(withdrawalRow);
        withdrawal.Should().Be(new ConsentWithdrawnEvent(draft, requested.ConsentId, nameof(OrderState.Draft), withdrawnAt));
        withdrawalRow.IdempotencyKey.Should().Be(withdrawal.IdempotencyKey()).And.Be($"{draft:N}:ConsentWithdrawn:{requested.ConsentId:N}");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_dead_letter_writes_a_notice_that_reads_back_as_its_typed_event_with_the_records_key(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, new ModuleHostOptions(), builder =>
        {
            builder.Services.AddSingleton<ScriptedMailSender>();
            builder.Services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<ScriptedMailSender>()));
        });
        host.Services.GetRequiredService<ScriptedMailSender>().Behaviour = (_, _) => new PermanentDeliveryException("550 5.1.1 unknown user");
        var key = (await host.EnqueueMailsAsync(1)).Single();
        var dead = await host.RowAsync(key);

        await host.DrainAsync(host.Dispatcher("A"));

        dead = await host.RowAsync(key);
        dead.Status.Should().Be(OutboxStatus.DeadLettered);
        var noticeRow = (await host.OutboxRowsAsync()).Single(r => r.EventType == OutboxEventTypes.DeadLettered);
        var notice = OutboxPayloads.Deserialize<DeadLetteredEvent>(noticeRow);
        notice.Should().Be(new DeadLetteredEvent(dead.Id, OutboxEventTypes.Mail, key, null, 1, dead.CreatedAt, dead.LastAttemptAt!.Value, dead.LastError));
        noticeRow.IdempotencyKey.Should().Be(notice.NoticeKey()).And.Be($"deadletter:{dead.Id:N}:{dead.LastAttemptAt!.Value.UtcTicks}");
        noticeRow.CreatedAt.Should().Be(dead.LastAttemptAt!.Value, "written in the commit that dead-lettered the row");
    }

    [Fact]
    public void A_dead_letter_notice_the_old_writer_serialized_with_PascalCase_names_still_reads()
    {
        var id = Guid.CreateVersion7();
        var at = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        var old = System.Text.Json.JsonSerializer.Serialize(new
        {
            MessageId = id, EventType = "mail", IdempotencyKey = "k", OrderId = (Guid?)null, Attempts = 3, CreatedAt = at, LastAttemptAt = at, LastError = "boom",
        });
        var row = new OutboxMessage(Guid.CreateVersion7(), Guid.CreateVersion7(), null, OutboxEventTypes.DeadLettered, "operator", old, "deadletter:x", at);

        OutboxPayloads.Deserialize<DeadLetteredEvent>(row).Should().Be(new DeadLetteredEvent(id, "mail", "k", null, 3, at, at, "boom"));
    }
}
