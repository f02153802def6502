using System.Text.Json;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Outbox.Events;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Notifications;

/// <summary>The planner turns the event rows real commands wrote into mail and digital-message rows, per recipient.</summary>
public sealed class NotificationPlannerTests
{
    private const string Script = "<script>alert('x')</script>";

    public static TheoryData<DatabaseKind> Kinds() => new(Enum.GetValues<DatabaseKind>());

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task A_decline_mails_each_broker_user_in_their_language_with_number_reason_and_link_and_encodes_the_reason_in_html(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var id = await kit.Host.OrderInAsync("Placed");
        OrderDriver.Ok(await kit.Host.Orders.DeclineAsync(kit.N.Expert, id, $"Keine Kapazität {Script}"), "Decline");
        var order = await kit.Host.LoadOrderAsync(id);
        var evt = await kit.EventAsync(id, "Decline");

        var rows = await kit.PlanAsync(evt);

        rows.Should().OnlyContain(r => r.EventType == OutboxEventTypes.Mail, "a state change to the broker is a mail only");
        rows.Should().HaveCount(2, "Anna and Ben are the broker's users");
        var orderUrl = $"https://crm.example.org/expertennetzwerk/orders/{id:D}";

        var (annaRow, anna) = NotificationKit.MailTo(rows, "anna@example.test");
        anna.Subject.Should().Be($"Auftrag {order.Number}: abgelehnt");
        anna.Text.Should().Contain(order.Number).And.Contain("Begründung").And.Contain($"Keine Kapazität {Script}").And.Contain(orderUrl);
        anna.Html.Should().Contain("Keine Kapazität &lt;script&gt;").And.NotContain("<script>").And.Contain(orderUrl);
        annaRow.IdempotencyKey.Should().Be($"{evt.IdempotencyKey}:broker-{kit.Anna:N}:mail");
        annaRow.Recipients.Should().Be($"user:{kit.Anna:D}");
        annaRow.OrderId.Should().Be(id);

        var (benRow, ben) = NotificationKit.MailTo(rows, "ben@example.test");
        ben.Subject.Should().Be($"Order {order.Number}: declined");
        ben.Text.Should().Contain("Hello Ben Baker").And.Contain(Script).And.NotContain("Begründung");
        ben.Html.Should().Contain("&lt;script&gt;").And.NotContain("<script>");
        ben.To.Should().Equal(new MailAddress("ben@example.test", "Ben Baker"));
        benRow.IdempotencyKey.Should().Be($"{evt.IdempotencyKey}:broker-{kit.Ben:N}:mail");
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task Placing_mails_the_expert_and_the_broker_the_state_and_leaves_the_digital_message_to_the_stored_notice(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var id = await kit.Host.OrderInAsync("Placed");
        var order = await kit.Host.LoadOrderAsync(id);
        var evt = await kit.EventAsync(id, "Place");
        evt.EventType.Should().Be(OutboxEventTypes.OrderPlaced);

        var rows = await kit.PlanAsync(evt);

        var expertMail = rows.Single(r => r.IdempotencyKey == $"{evt.IdempotencyKey}:expert-{kit.Anna:N}:mail");
        var placed = JsonSerializer.Deserialize<OutboxMail>(expertMail.PayloadJson)!;
        placed.Subject.Should().Be($"Neuer Auftrag {order.Number}: Weiteranlage – Interessen-Check");
        placed.Text.Should().Contain("Makler Müller").And.Contain($"https://crm.example.org/expertennetzwerk/orders/{id:D}");

        rows.Should().NotContain(r => r.EventType == OutboxEventTypes.DigitalMessage,
            "the expert party's digital message is the system notice the placing command stored, with its own delivery row");

        var brokerMails = rows.Where(r => r.IdempotencyKey.Contains(":broker-", StringComparison.Ordinal)).ToList();
        brokerMails.Should().HaveCount(2);
        NotificationKit.MailTo(brokerMails, "ben@example.test").Mail.Subject.Should().Be($"Order {order.Number}: placed");
        NotificationKit.MailTo(brokerMails, "anna@example.test").Mail.Subject.Should().Be($"Auftrag {order.Number}: verbindlich bestellt");
        rows.Should().HaveCount(3, "one expert mail, two broker mails");
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task Completion_sends_the_completion_mail_with_the_rating_link_instead_of_the_generic_state_mail(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var id = await kit.Host.OrderInAsync("Completed");
        var order = await kit.Host.LoadOrderAsync(id);

        var rows = await kit.PlanAsync(await kit.EventAsync(id, "Complete"));

        var mails = NotificationKit.Mails(rows);
        mails.Should().HaveCount(2);
        var rating = $"https://crm.example.org/expertennetzwerk/orders/{id:D}/rating";
        var anna = NotificationKit.MailTo(rows, "anna@example.test").Mail;
        anna.Subject.Should().Be($"Auftrag {order.Number} abgeschlossen: Weiteranlage – Interessen-Check");
        anna.Text.Should().Contain(rating).And.NotContain("bisher:");
        anna.Html.Should().Contain(rating);
        var ben = NotificationKit.MailTo(rows, "ben@example.test").Mail;
        ben.Subject.Should().StartWith($"Order {order.Number} completed");
        ben.Text.Should().Contain(rating);
        mails.Should().NotContain(m => m.Mail.Subject.EndsWith(": abgeschlossen", StringComparison.Ordinal) || m.Mail.Subject.EndsWith(": completed", StringComparison.Ordinal),
            "no generic state-changed mail on completion");
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task A_dispute_mails_the_operator_who_opened_it_without_the_reason_and_the_broker_its_state(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var id = await kit.Host.OrderInAsync("InProgress");
        OrderDriver.Ok(await kit.Host.Orders.OpenDisputeAsync(kit.N.Expert, id, $"Honorar strittig {Script}"), "OpenDispute");
        var order = await kit.Host.LoadOrderAsync(id);

        var rows = await kit.PlanAsync(await kit.EventAsync(id, "OpenDispute"));

        var (row, olga) = NotificationKit.MailTo(rows, "olga@example.test");
        row.IdempotencyKey.Should().EndWith($":operator-{kit.Olga:N}:mail");
        olga.Subject.Should().Be($"Streitfall zu Auftrag {order.Number}");
        olga.Text.Should().Contain("Expertin Fischer hat").And.Contain("Makler Müller").And.Contain("Zweck Ihres Zugriffs");
        // The reason is free text (personal data): the operator reads it in the order with a recorded purpose, not in a mail.
        rows.Where(r => r.Recipients.Contains(kit.Olga.ToString("D"), StringComparison.Ordinal)).Should().OnlyContain(r => !r.PayloadJson.Contains("Honorar strittig"));
        NotificationKit.MailTo(rows, "anna@example.test").Mail.Text.Should().Contain($"Honorar strittig {Script}", "the broker's own state mail keeps the reason");
        NotificationKit.MailTo(rows, "anna@example.test").Mail.Subject.Should().Be($"Auftrag {order.Number}: Streitfall");
        NotificationKit.Mails(rows).Should().HaveCount(3, "Olga, and the broker's Anna and Ben");
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task Resolving_a_dispute_mails_both_sides_the_outcome_with_the_operators_note(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var id = await kit.Host.OrderInAsync("InProgress");
        OrderDriver.Ok(await kit.Host.Orders.OpenDisputeAsync(kit.N.Broker, id, "Teilprüfung"), "OpenDispute");
        OrderDriver.Ok(await kit.Host.Orders.ResolveDisputeAsync(kit.N.Operator, id, Expertennetzwerk.Module.Orders.DisputeResolution.Cancel, $"Abbruch {Script}"), "ResolveDisputeCancel");
        var order = await kit.Host.LoadOrderAsync(id);
        var evt = await kit.EventAsync(id, "ResolveDisputeCancel");

        var rows = await kit.PlanAsync(evt);

        // Anna is a user of the broker and of the expert party: she gets the mail once per side.
        var expert = rows.Single(r => r.IdempotencyKey == $"{evt.IdempotencyKey}:expert-{kit.Anna:N}:mail");
        var expertMail = JsonSerializer.Deserialize<OutboxMail>(expert.PayloadJson)!;
        expertMail.Subject.Should().Be($"Auftrag {order.Number}: storniert");
        expertMail.Text.Should().Contain($"Abbruch {Script}").And.Contain("Streitfall").And.Contain($"https://crm.example.org/expertennetzwerk/orders/{id:D}");
        expertMail.Html.Should().Contain("Abbruch &lt;script&gt;").And.NotContain("<script>");
        rows.Should().Contain(r => r.IdempotencyKey == $"{evt.IdempotencyKey}:broker-{kit.Anna:N}:mail");
        NotificationKit.MailTo(rows, "ben@example.test").Mail.Text.Should().Contain($"Abbruch {Script}");
        NotificationKit.Mails(rows).Should().HaveCount(3, "the broker's Anna and Ben, and the expert's Anna");
        rows.Should().NotContain(r => r.Recipients.Contains(kit.Olga.ToString("D"), StringComparison.Ordinal), "the operator decided it and needs no mail");
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task Planning_the_same_event_again_queues_nothing_new(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var id = await kit.Host.OrderInAsync("Placed");
        var evt = await kit.EventAsync(id, "Place");

        var first = await kit.PlanAsync(evt);
        var total = await NotificationKit.OutboxCountAsync(kit.Host);
        var second = await kit.PlanAsync(evt);

        first.Should().NotBeEmpty();
        second.Should().BeEmpty("every key the first planning queued is already in the outbox");
        (await NotificationKit.OutboxCountAsync(kit.Host)).Should().Be(total);
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task A_party_without_recipients_gets_no_rows_and_the_event_does_not_fail(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var created = await kit.Host.Orders.CreateDraftAsync(kit.N.OtherBroker, new Expertennetzwerk.Module.Orders.CreateDraftCommand(kit.N.ServiceId, "K-1"));
        OrderDriver.Ok(created, "CreateDraft");
        var id = created.Value.OrderId;
        OrderDriver.Ok(await kit.Host.Orders.PlaceAsync(kit.N.OtherBroker, id), "Place");
        OrderDriver.Ok(await kit.Host.Orders.WithdrawAsync(kit.N.OtherBroker, id, "Kunde hat abgesagt"), "Withdraw");

        var rows = await kit.PlanAsync(await kit.EventAsync(id, "Withdraw"));
        rows.Should().BeEmpty("the other broker party has no user with a mail address");

        var log = new ListLogger<NotificationPlanner>();
        using var scope = kit.Host.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var planner = new NotificationPlanner(sp.GetRequiredService<IRecipientDirectory>(), sp.GetRequiredService<Expertennetzwerk.Module.Templates.TemplateService>(),
            sp.GetRequiredService<IPublicLinks>(), kit.Host.Time, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Expertennetzwerk.Module.Hosting.ExpertennetzwerkOptions>>(), log);
        await using var db = kit.Host.CreateDbContext();
        var context = new OutboxDeliveryContext(await kit.EventAsync(id, "Withdraw"), db);
        await planner.HandleAsync(context, CancellationToken.None);
        context.FollowUps.Should().BeEmpty();
        log.Messages.Should().Contain(m => m.Contains(kit.N.OtherBrokerPartyId.ToString(), StringComparison.Ordinal) && m.Contains("no recipient", StringComparison.Ordinal));
    }

    private sealed class ListLogger<T> : Microsoft.Extensions.Logging.ILogger<T>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task An_event_of_an_unknown_order_plans_nothing_and_a_malformed_payload_dead_letters(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var ghost = Guid.CreateVersion7();
        var unknown = await kit.WriteAsync(OutboxEventTypes.OrderStateChanged, ghost,
            new { orderId = ghost, number = "EA-0", trigger = "Accept", from = "Placed", to = "InProgress", historySequence = 3 }, $"{ghost:N}:Accept:3");
        (await kit.PlanAsync(unknown)).Should().BeEmpty();

        var broken = await kit.WriteAsync(OutboxEventTypes.OrderStateChanged, ghost, "not an object", $"{ghost:N}:Accept:4");
        await FluentActions.Awaiting(() => kit.PlanAsync(broken)).Should().ThrowAsync<PermanentDeliveryException>();
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task A_consent_request_mails_the_data_subject_the_link_in_their_language_scrubbably(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var id = await kit.Host.OrderInAsync("Draft");
        var consentId = Guid.CreateVersion7();
        var link = "https://crm.example.org/expertennetzwerk/consent/geheim-123";
        var requested = new ConsentRequestedEvent(id, consentId, "Erika Mustermann", "erika@example.test", "en", link,
            "https://crm.example.org/expertennetzwerk/consent/withdraw/w-456", kit.Host.Time.GetUtcNow().AddDays(14));
        var evt = await kit.WriteAsync(OutboxEventTypes.ConsentRequested, id, requested, requested.IdempotencyKey());

        var rows = await kit.PlanAsync(evt);

        var (mailRow, mail) = NotificationKit.MailTo(rows, "erika@example.test");
        mail.Text.Should().Contain(link).And.Contain("Makler Müller").And.Contain("2026-03-16", "English dates, 14 days on");
        mail.Html.Should().Contain(link);
        mailRow.IdempotencyKey.Should().Be($"consent:{consentId:N}:requested:subject-{consentId:N}:mail");
        rows.Should().ContainSingle("the digital message is the request the consent command stored with the order")
            .Which.Should().Match<OutboxMessage>(r => OutboxSecrets.HoldsSecret(r));
        OutboxSecrets.HoldsSecret(evt).Should().BeTrue();

        await using var db = kit.Host.CreateDbContext();
        (await OutboxSecrets.ScrubAsync(db, mailRow.Id)).Should().BeFalse("a pending row is not scrubbed: it still has to be sent");
        await db.Set<OutboxMessage>().Where(m => m.Id == mailRow.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent));
        (await OutboxSecrets.ScrubAsync(db, mailRow.Id)).Should().BeTrue();
        var scrubbed = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == mailRow.Id);
        scrubbed.PayloadJson.Should().Be(OutboxSecrets.ScrubbedPayload).And.NotContain("geheim");
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task A_message_mails_the_recipient_party_but_not_the_sender_and_leaves_the_digital_delivery_to_the_message(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var id = await kit.Host.OrderInAsync("InProgress");
        var order = await kit.Host.LoadOrderAsync(id);
        var messageId = Guid.CreateVersion7();
        // Anna writes for the expert party to the broker party: Ben is told, Anna (also a broker user) is not.
        var sent = Sent(id, order.Number, messageId, kit.N.ExpertPartyId, kit.N.BrokerPartyId, kit.Anna, 40);
        var evt = await kit.WriteAsync(OutboxEventTypes.MessageSent, id, sent, sent.IdempotencyKey());

        var rows = await kit.PlanAsync(evt);

        var ben = NotificationKit.MailTo(rows, "ben@example.test").Mail;
        ben.Subject.Should().Be($"New message on order {order.Number}");
        ben.Text.Should().Contain("Expertin Fischer sent you a message");
        NotificationKit.Mails(rows).Should().HaveCount(1, "the sender is not told of their own message");
        rows.Should().NotContain(r => r.EventType == OutboxEventTypes.DigitalMessage, "the sending command wrote the message's own delivery row");
        var toDataSubject = await kit.WriteAsync(OutboxEventTypes.MessageSent, id,
            Sent(id, order.Number, Guid.CreateVersion7(), kit.N.BrokerPartyId, null, kit.Anna, 41), "message:to-data-subject");
        (await kit.PlanAsync(toDataSubject)).Should().BeEmpty("a message to a data subject notifies no party");

        var foreign = await kit.WriteAsync(OutboxEventTypes.MessageSent, id,
            Sent(id, order.Number, Guid.CreateVersion7(), kit.N.ExpertPartyId, kit.N.OtherBrokerPartyId, null, 42), "message:foreign");
        (await kit.PlanAsync(foreign)).Should().BeEmpty("a party that is not on the order is never told");
    }

    private static MessageSentEvent Sent(Guid orderId, string number, Guid messageId, Guid senderPartyId, Guid? recipientPartyId, Guid? senderUserId, int sequence) =>
        new(orderId, number, messageId, nameof(Module.Messaging.DigitalMessageKind.Thread), senderUserId, senderPartyId, nameof(Module.Common.PartyKind.Expert), recipientPartyId, sequence, 0);

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task A_dead_letter_notice_mails_the_operator_and_a_notice_about_a_notice_does_not(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var id = await kit.Host.OrderInAsync("Placed");
        var planned = await kit.PlanAsync(await kit.EventAsync(id, "Place"));
        var dead = planned.First(r => r.EventType == OutboxEventTypes.Mail);
        dead.Attempts = 8;
        dead.LastError = "SMTP 550 5.1.1 <x@example.test>: Recipient address rejected";
        var now = kit.Host.Time.GetUtcNow();

        var notice = DeadLetteredEvent.NoticeFor(dead, Guid.CreateVersion7(), now)!;
        notice.EventType.Should().Be(OutboxEventTypes.DeadLettered);
        notice.IdempotencyKey.Should().Be($"deadletter:{dead.Id:N}:{now.UtcTicks}");
        DeadLetteredEvent.NoticeFor(dead, Guid.CreateVersion7(), now.AddHours(1))!.IdempotencyKey.Should().NotBe(notice.IdempotencyKey, "dead again after a re-queue: a new notice");
        await using (var db = kit.Host.CreateDbContext())
        {
            db.Add(notice);
            await db.SaveChangesAsync();
        }

        var rows = await kit.PlanAsync(notice);

        var (mailRow, olga) = NotificationKit.MailTo(rows, "olga@example.test");
        olga.Subject.Should().Be("Zustellung fehlgeschlagen: mail (8 Versuche)");
        olga.Text.Should().Contain(dead.Id.ToString("D")).And.Contain("Recipient address rejected").And.Contain("https://crm.example.org/expertennetzwerk/operator/dead-letters");
        olga.Html.Should().Contain("&lt;x@example.test&gt;");
        NotificationKit.Mails(rows).Should().HaveCount(1, "only the operator's user");

        DeadLetteredEvent.NoticeFor(notice, Guid.CreateVersion7(), now).Should().BeNull("a dead notice gets no notice");
        mailRow.Attempts = 8;
        DeadLetteredEvent.NoticeFor(mailRow, Guid.CreateVersion7(), now).Should().BeNull("nor does a dead mail made out of a notice");
        var aboutNotice = await kit.WriteAsync(OutboxEventTypes.DeadLettered, null,
            new DeadLetteredEvent(notice.Id, OutboxEventTypes.DeadLettered, notice.IdempotencyKey, null, 8, now, now, "boom"), "deadletter:hand-made");
        (await kit.PlanAsync(aboutNotice)).Should().BeEmpty();
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task A_service_version_template_is_used_for_its_orders_mails(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var serviceId = await AddServiceWithTemplatesAsync(kit, "{\"MailOrderStateChanged:de:subject\":\"Sonderbetreff {{ order_number }} ist {{ new_state }}\"}");
        var id = await kit.Host.OrderInAsync("Placed", serviceId: serviceId);
        OrderDriver.Ok(await kit.Host.Orders.AcceptAsync(kit.N.Expert, id), "Accept");
        var order = await kit.Host.LoadOrderAsync(id);

        var rows = await kit.PlanAsync(await kit.EventAsync(id, "Accept"));

        NotificationKit.MailTo(rows, "anna@example.test").Mail.Subject.Should().Be($"Sonderbetreff {order.Number} ist in Bearbeitung");
        NotificationKit.MailTo(rows, "ben@example.test").Mail.Subject.Should().Be($"Order {order.Number}: in progress", "the service has no English template");
    }

    private static async Task<Guid> AddServiceWithTemplatesAsync(NotificationKit kit, string templatesJson)
    {
        var n = kit.N;
        var now = kit.Host.Time.GetUtcNow();
        await using var db = kit.Host.CreateDbContext();
        var service = new Expertennetzwerk.Module.Catalog.ExpertService(Guid.CreateVersion7(), n.NetworkId, n.ExpertPartyId, n.CategoryId, now);
        var version = new Expertennetzwerk.Module.Catalog.ExpertServiceVersion(Guid.CreateVersion7(), n.NetworkId, service.Id, 1, "Sonderprüfung", "Beschreibung", now)
        {
            RequiredPermission = Expertennetzwerk.Module.Network.TradePermission.Insurance34d,
            PriceCents = 1_000,
            FormDefinitionJson = TestNetwork.OrderForm,
            TemplatesJson = templatesJson,
        };
        version.Publish(now);
        service.PublishedVersionId = version.Id;
        db.AddRange(service, version);
        await db.SaveChangesAsync();
        return service.Id;
    }
}
