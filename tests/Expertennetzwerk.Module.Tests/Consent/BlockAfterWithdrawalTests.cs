using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Tests.Messaging;
using Expertennetzwerk.Module.Tests.Notifications;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Expertennetzwerk.Module.Tests.Consent.ConsentLinkTests;

namespace Expertennetzwerk.Module.Tests.Consent;

/// <summary>
/// After a consent withdrawal nothing of the data subject reaches the expert, through any read path: detail, description,
/// list, search, reference filter, thread, inbox, messages and notifications planned afterwards. The broker keeps
/// everything; the operator reads with a recorded purpose. A withdrawal on a draft keeps the draft.
/// </summary>
public sealed class BlockAfterWithdrawalTests
{
    private const string Name = "Mustermann";
    private const string BirthDate = "1961-04-12";

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task After_a_withdrawal_on_a_running_order_no_read_path_shows_the_expert_a_personal_datum(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress", serviceId: n.ConsentServiceId);
        var number = (await host.LoadOrderAsync(id)).Number;
        await host.SendOkAsync(n.Broker, id, "Frau Dr. Erika Mustermann, geb. 12.04.1961, Befund anbei.", [MessagingDriver.Pdf("befund-mustermann.pdf", 100)]);
        await host.SendOkAsync(n.Expert, id, "Danke, Frau Mustermann ist informiert.", [MessagingDriver.Pdf("antwort.pdf", 100)]);
        var before = (await host.Queries.GetOrderAsync(n.Expert, id)).Value;
        before.IncludesPersonalData.Should().BeTrue();
        before.CustomerSnapshotJson.Should().Contain(BirthDate, "before the withdrawal the expert has the health service's data");

        var consentId = (await host.Consents.ListAsync(n.Broker, id)).Value.Single().Id;
        (await host.Consents.RecordWithdrawalAsync(n.Broker, id, consentId, ConsentChannel.Phone)).Value.State.Should().Be(OrderState.Cancelled);

        // Detail and description.
        var expertView = (await host.Queries.GetOrderAsync(n.Expert, id)).Value;
        (expertView.IncludesPersonalData, expertView.DataProcessingBlocked, expertView.CustomerSnapshotJson, expertView.CustomerDisplayName, expertView.CustomerRef, expertView.FormDataJson)
            .Should().Be((false, true, (string?)null, (string?)null, (string?)null, (string?)null));
        var brokerView = (await host.Queries.GetOrderAsync(n.Broker, id)).Value;
        (brokerView.IncludesPersonalData, brokerView.CustomerDisplayName).Should().Be((true, "Dr. Erika Mustermann"));
        brokerView.CustomerSnapshotJson.Should().Contain(BirthDate, "the broker keeps the data");
        (await host.Queries.GetOrderDescriptionAsync(n.Expert, id)).Refusal!.Code.Should().Be("order.data_processing_blocked");
        (await host.Queries.GetOrderDescriptionAsync(n.Broker, id)).Value.Text.Text.Should().Contain(Name);

        // List, search and reference filter.
        (await ListAsync(host, n.Expert, new OrderListQuery())).Single(i => i.Id == id).CustomerDisplayName.Should().BeNull();
        (await ListAsync(host, n.Broker, new OrderListQuery())).Single(i => i.Id == id).CustomerDisplayName.Should().Be("Dr. Erika Mustermann");
        (await ListAsync(host, n.Expert, new OrderListQuery { Text = Name })).Should().NotContain(i => i.Id == id, "a search by the name must not find it for the expert");
        (await ListAsync(host, n.Expert, new OrderListQuery { Text = "mustermann" })).Should().NotContain(i => i.Id == id);
        (await ListAsync(host, n.Expert, new OrderListQuery { Text = number })).Should().ContainSingle(i => i.Id == id, "the number is no personal datum");
        (await ListAsync(host, n.Broker, new OrderListQuery { Text = Name })).Should().Contain(i => i.Id == id);
        (await ListAsync(host, n.Expert, new OrderListQuery { CustomerRef = "K-1" })).Should().NotContain(i => i.Id == id, "the reference must not find it either");
        (await ListAsync(host, n.Broker, new OrderListQuery { CustomerRef = "K-1" })).Should().Contain(i => i.Id == id);

        // The thread: closed to the expert, open to the broker, to the operator with a purpose.
        var queries = host.MessageQueries();
        (await queries.ListThreadAsync(n.Expert, id, new ThreadQuery())).Refusal!.Code.Should().Be("order.data_processing_blocked");
        var brokerThread = (await queries.ListThreadAsync(n.Broker, id, new ThreadQuery())).Value.Items;
        // Two messages and the system notice of the placement.
        brokerThread.Should().HaveCount(3).And.Contain(i => i.Text.Contains(Name) && i.Attachments.Count == 1);
        (await queries.ListThreadAsync(n.Operator, id, new ThreadQuery())).Refusal!.Code.Should().Be("message.purpose_required");
        (await queries.ListThreadAsync(n.Operator, id, new ThreadQuery { OperatorAccessPurpose = "Beschwerde prüfen" })).Value.Items.Should().HaveCount(3);
        (await host.Messages().MarkReadAsync(n.Expert, id)).Value.Unread.Should().Be(0, "marking read reveals nothing: the expert can clear its count");

        // The inbox: the expert's entry of the blocked order carries no text, no subject, no file.
        var expertInbox = (await queries.ListInboxAsync(n.Expert, new InboxQuery())).Value.Items.Where(i => i.OrderId == id).ToList();
        expertInbox.Should().HaveCount(2, "the broker's message and the placement's system notice");
        expertInbox.Should().OnlyContain(i => i.Text.Length == 0 && i.Subject == null && i.Attachments.Count == 0);
        (await queries.ListInboxAsync(n.Broker, new InboxQuery())).Value.Items.Should().Contain(i => i.OrderId == id && i.Text.Contains("informiert"));

        // Nothing new reaches the expert through the thread: a message would carry the data (and come back unread).
        var counts = await host.CountMessageRowsAsync();
        (await host.Messages().SendAsync(n.Broker, id, "Frau Mustermann hat widerrufen.")).Refusal!.Code.Should().Be("order.data_processing_blocked");
        (await host.Messages().SendAsync(n.Expert, id, "Rückfrage")).Refusal!.Code.Should().Be("order.data_processing_blocked");
        (await host.CountMessageRowsAsync()).Should().Be(counts);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_notification_to_the_expert_planned_after_the_block_carries_no_personal_datum(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var host = kit.Host;
        var n = kit.N;
        var id = await host.OrderInAsync("Placed", serviceId: n.ConsentServiceId);
        var placed = await kit.EventAsync(id, "Place");
        var consentId = (await host.Consents.ListAsync(n.Broker, id)).Value.Single().Id;
        (await host.Consents.RecordWithdrawalAsync(n.Broker, id, consentId, ConsentChannel.Letter)).IsOk.Should().BeTrue();

        // The dispatcher plans the placement only now, after the block.
        var rows = await kit.PlanAsync(placed);
        var toExpert = NotificationKit.Mails(rows).Where(m => m.Row.Recipients.Contains(n.UserId.ToString("D"), StringComparison.Ordinal)).ToList();
        toExpert.Should().NotBeEmpty();
        (await host.OutboxAsync(id)).Should().Contain(r => r.EventType == OutboxEventTypes.DigitalMessage, "the placement's system notice to the expert")
            .And.OnlyContain(r => r.EventType != OutboxEventTypes.DigitalMessage || !r.PayloadJson.Contains(Name));
        rows.Should().OnlyContain(r => !r.PayloadJson.Contains(Name) && !r.PayloadJson.Contains(BirthDate) && !r.PayloadJson.Contains("K-1"));

        // And no message can carry the data to the expert's channel any more.
        var before = await NotificationKit.OutboxCountAsync(host);
        (await host.Messages().SendAsync(n.Broker, id, "Frau Dr. Erika Mustermann, geb. 12.04.1961")).Refusal!.Code.Should().Be("order.data_processing_blocked");
        (await NotificationKit.OutboxCountAsync(host)).Should().Be(before);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_customer_reference_filter_is_refused_to_the_operator_and_capped(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Placed");

        var probe = await host.Queries.ListOrdersAsync(n.Operator, new OrderListQuery { CustomerRef = "K-1" });
        probe.FieldErrors.Select(e => e.Field + ":" + e.Code).Should().Equal("customerRef:not_allowed");
        (await host.Queries.ListOrdersAsync(n.Operator, new OrderListQuery())).Value.Items.Should().Contain(i => i.Id == id, "without the filter the operator lists as before");
        var tooLong = new string('K', ExpertOrderQueries.MaxCustomerRefLength + 1);
        (await host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { CustomerRef = tooLong })).FieldErrors.Select(e => e.Field + ":" + e.Code).Should().Equal("customerRef:too_long");
        (await host.Queries.ListOrdersAsync(n.Expert, new OrderListQuery { CustomerRef = tooLong })).FieldErrors.Select(e => e.Field + ":" + e.Code).Should().Equal("customerRef:too_long");
        (await ListAsync(host, n.Broker, new OrderListQuery { CustomerRef = "K-1" })).Should().Contain(i => i.Id == id);
        (await ListAsync(host, n.Expert, new OrderListQuery { CustomerRef = "K-1" })).Should().Contain(i => i.Id == id, "the expert sees the reference while the data are not blocked");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite, "de-DE")]
    [InlineData(DatabaseKind.Postgres, "en")]
    public async Task After_agreeing_the_data_subject_is_mailed_the_full_text_and_a_withdrawal_link_that_works(DatabaseKind kind, string culture)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var host = kit.Host;
        var n = kit.N;
        var id = await DraftAsync(host);
        var requested = (await host.Consents.RequestConsentAsync(n.Broker, id, new RequestConsentCommand(DataSubjectKind.Customer, Email: "erika@example.test", Culture: culture))).Value;

        var decided = (await host.Consents.DecideAsync(TokenOf(requested.ConsentUrl), agree: true)).Value;

        decided.ConfirmationMailed.Should().BeTrue();
        decided.WithdrawalUrl.Should().Be(requested.WithdrawalUrl, "the link in the declaration and in the confirmation are the same, and it works");
        var evt = (await host.OutboxAsync(id)).Single(r => r.EventType == OutboxEventTypes.ConsentDecided);
        OutboxSecrets.HoldsSecret(evt).Should().BeTrue("the row carries the withdrawal link: it is scrubbed once delivered");
        var rows = await kit.PlanAsync(evt);
        var (mailRow, mail) = NotificationKit.MailTo(rows, "erika@example.test");
        OutboxSecrets.HoldsSecret(mailRow).Should().BeTrue();
        var consent = await ConsentAsync(host, requested.ConsentId);
        mail.Text.Should().Contain(consent.Text, "the full text decided on").And.Contain(requested.WithdrawalUrl.AbsoluteUri);
        mail.Html.Should().Contain(requested.WithdrawalUrl.AbsoluteUri);
        mail.Subject.Should().StartWith(culture == "en" ? "Confirmation of your consent" : "Bestätigung Ihrer Einwilligung");

        // The link of the mail withdraws: the placed order is cancelled and its data blocked for the expert.
        (await host.Orders.PlaceAsync(n.Broker, id)).IsOk.Should().BeTrue();
        (await host.Consents.WithdrawAsync(TokenOf(decided.WithdrawalUrl!))).Value.Status.Should().Be(ConsentStatus.Withdrawn);
        var order = await host.LoadOrderAsync(id);
        (order.State, order.DataProcessingBlocked).Should().Be((OrderState.Cancelled, true));
        (await host.Queries.GetOrderAsync(n.Expert, id)).Value.IncludesPersonalData.Should().BeFalse();
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task After_declining_the_data_subject_is_mailed_the_text_declined_without_a_withdrawal_link(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var host = kit.Host;
        var n = kit.N;
        var id = await DraftAsync(host);
        var requested = (await host.Consents.RequestConsentAsync(n.Broker, id, new RequestConsentCommand(DataSubjectKind.Customer, Email: "erika@example.test"))).Value;

        var decided = (await host.Consents.DecideAsync(TokenOf(requested.ConsentUrl), agree: false)).Value;

        (decided.Status, decided.ConfirmationMailed, decided.WithdrawalUrl).Should().Be((ConsentStatus.Declined, true, (Uri?)null));
        var evt = (await host.OutboxAsync(id)).Single(r => r.EventType == OutboxEventTypes.ConsentDecided);
        var (mailRow, mail) = NotificationKit.MailTo(await kit.PlanAsync(evt), "erika@example.test");
        mail.Subject.Should().StartWith("Bestätigung: keine Einwilligung");
        mail.Text.Should().Contain((await ConsentAsync(host, requested.ConsentId)).Text).And.Contain("nicht in die Übermittlung");
        (await host.Consents.OpenWithdrawalAsync(TokenOf(requested.WithdrawalUrl))).Refusal.Should().Be(ConsentRefusals.InvalidLink, "nothing was given");

        await using var db = host.CreateDbContext();
        await db.Set<OutboxMessage>().Where(m => m.Id == mailRow.Id || m.Id == evt.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent));
        (await OutboxSecrets.ScrubAsync(db, evt.Id)).Should().BeTrue();
        (await OutboxSecrets.ScrubAsync(db, mailRow.Id)).Should().BeTrue();
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_withdrawal_on_a_draft_keeps_the_draft_refuses_Place_tells_the_broker_and_a_new_consent_allows_Place(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var host = kit.Host;
        var n = kit.N;
        var id = await DraftAsync(host);
        var requested = (await host.Consents.RequestConsentAsync(n.Broker, id, new RequestConsentCommand(DataSubjectKind.Customer, Email: "erika@example.test"))).Value;
        (await host.Consents.DecideAsync(TokenOf(requested.ConsentUrl), agree: true)).IsOk.Should().BeTrue();

        (await host.Consents.WithdrawAsync(TokenOf(requested.WithdrawalUrl))).Value.Status.Should().Be(ConsentStatus.Withdrawn);

        var draft = await host.LoadOrderAsync(id);
        (draft.State, draft.DataProcessingBlocked).Should().Be((OrderState.Draft, false), "the draft stays; nothing reached the expert");
        var last = (await host.HistoryAsync(id))[^1];
        (last.Event, last.FromState, last.ToState).Should().Be(("WithdrawConsent", OrderState.Draft, OrderState.Draft));
        (await host.Orders.PlaceAsync(n.Broker, id)).Refusal!.Code.Should().Be("order.consent_missing");
        (await host.Consents.ListAsync(n.Broker, id)).Value.Single().Status.Should().Be(ConsentStatus.Withdrawn);

        var notice = (await host.OutboxAsync(id)).Single(r => r.EventType == OutboxEventTypes.ConsentWithdrawn);
        notice.PayloadJson.Should().NotContain(Name);
        var rows = await kit.PlanAsync(notice);
        NotificationKit.MailTo(rows, "ben@example.test").Mail.Text.Should().Contain(draft.Number).And.Contain("The draft is kept");
        NotificationKit.Mails(rows).Should().OnlyContain(m => !m.Mail.Text.Contains(Name));

        await AgreeAsync(host, id);
        (await host.Orders.PlaceAsync(n.Broker, id)).IsOk.Should().BeTrue("a new consent allows Place");
        var expertView = (await host.Queries.GetOrderAsync(n.Expert, id)).Value;
        (expertView.IncludesPersonalData, expertView.DataProcessingBlocked).Should().Be((true, false));
        expertView.CustomerSnapshotJson.Should().Contain(BirthDate);
    }

    private static async Task<IReadOnlyList<OrderListItem>> ListAsync(ModuleHost host, Common.Actor actor, OrderListQuery query)
    {
        var page = await host.Queries.ListOrdersAsync(actor, query with { PageSize = 100 });
        page.IsOk.Should().BeTrue(page.ToString());
        return page.Value.Items;
    }
}
