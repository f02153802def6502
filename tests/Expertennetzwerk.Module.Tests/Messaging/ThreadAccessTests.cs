using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Messaging;

/// <summary>Who takes part in an order's thread, who reads it, and that every refused access writes nothing.</summary>
public sealed class ThreadAccessTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    public static TheoryData<DatabaseKind, string> PlacedSetups()
    {
        var data = new TheoryData<DatabaseKind, string>();
        foreach (var kind in Enum.GetValues<DatabaseKind>())
        {
            foreach (var setup in new[] { "Placed", "InProgress", "AwaitingInformation", "Completed", "Declined", "Cancelled", "Disputed" })
            {
                data.Add(kind, setup);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(PlacedSetups))]
    public async Task From_Placed_on_broker_and_assigned_expert_write_to_each_other(DatabaseKind kind, string setup)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync(setup);

        var fromBroker = await host.SendOkAsync(n.Broker, id, "Guten Tag, anbei die Frage zum Vertrag.");
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var fromExpert = await host.SendOkAsync(n.Expert, id, "Danke, ich melde mich.");

        var stored = await host.StoredMessagesAsync(id);
        stored.Select(m => (m.Id, m.SenderPartyId, m.RecipientPartyId, m.SenderPartyKind)).Should().Equal(
            (fromBroker.MessageId, n.BrokerPartyId, (Guid?)n.ExpertPartyId, PartyKind.Broker),
            (fromExpert.MessageId, n.ExpertPartyId, (Guid?)n.BrokerPartyId, PartyKind.Expert));
        foreach (var reader in new[] { n.Broker, n.Expert })
        {
            var page = await host.MessageQueries().ListThreadAsync(reader, id, new ThreadQuery());
            page.Value.Items.Where(i => i.Kind == DigitalMessageKind.Thread).Select(i => i.Id).Should().Equal(fromExpert.MessageId, fromBroker.MessageId);
        }
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Strangers_get_NotFound_and_learn_nothing_even_from_bad_input(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        await host.SendOkAsync(n.Broker, id, "Interne Nachricht");
        var otherNetwork = Guid.CreateVersion7();
        Actor[] strangers =
        [
            n.OtherBroker,
            n.OtherExpert,
            n.Broker.InNetwork(otherNetwork),
            n.Expert.InNetwork(otherNetwork),
            n.Operator.InNetwork(otherNetwork),
            new(Guid.CreateVersion7(), Guid.CreateVersion7(), PartyKind.Customer, n.NetworkId),
        ];
        var before = await host.CountMessageRowsAsync();
        foreach (var stranger in strangers)
        {
            // A party claimed in a network it is not part of does not check out at all.
            var expected = stranger.NetworkId == otherNetwork ? ResultStatus.Forbidden : ResultStatus.NotFound;
            (await host.Messages().SendAsync(stranger, id, "Hallo")).Status.Should().Be(expected, "{0} must not learn the order exists", stranger);
            (await host.Messages().SendAsync(stranger, id, "")).Status.Should().Be(expected, "visibility comes before input checks");
            (await host.Messages().SendAsync(stranger, id, "x", [MessagingDriver.Pdf("a.exe", 10) with { ContentType = "application/x-msdownload" }]))
                .Status.Should().Be(expected);
            (await host.Messages().MarkReadAsync(stranger, id)).Status.Should().Be(expected);
            (await host.MessageQueries().ListThreadAsync(stranger, id, new ThreadQuery { OperatorAccessPurpose = "Neugier" })).Status.Should().Be(expected);
        }

        foreach (var actor in new[] { n.Broker, n.Expert, n.Operator })
        {
            var unknown = Guid.CreateVersion7();
            (await host.Messages().SendAsync(actor, unknown, "Hallo")).Status.Should().Be(ResultStatus.NotFound);
            (await host.MessageQueries().ListThreadAsync(actor, unknown, new ThreadQuery { OperatorAccessPurpose = "Prüfung" })).Status.Should().Be(ResultStatus.NotFound);
        }

        (await host.CountMessageRowsAsync()).Should().Be(before, "no refused access writes anything, not even the operator's history");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_draft_has_no_thread_and_the_expert_does_not_even_see_it(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var before = await host.CountMessageRowsAsync();
        foreach (var setup in new[] { "Draft", "CancelledDraft" })
        {
            var id = await host.OrderInAsync(setup);
            before = await host.CountMessageRowsAsync();
            var send = await host.Messages().SendAsync(n.Broker, id, "Schon mal vorab");
            send.Status.Should().Be(ResultStatus.Refused);
            send.Refusal!.Code.Should().Be("message.thread_not_open");
            send.Refusal.Text.German.Should().Contain("verbindlich bestellt");
            (await host.Messages().SendAsync(n.Broker, id, "")).Refusal!.Code.Should().Be("message.thread_not_open", "a refusal wins over bad input");
            (await host.MessageQueries().ListThreadAsync(n.Broker, id, new ThreadQuery())).Refusal!.Code.Should().Be("message.thread_not_open");
            (await host.Messages().SendAsync(n.Expert, id, "Hallo")).Status.Should().Be(ResultStatus.NotFound);
            (await host.MessageQueries().ListThreadAsync(n.Expert, id, new ThreadQuery())).Status.Should().Be(ResultStatus.NotFound);
            (await host.CountMessageRowsAsync()).Should().Be(before);
        }
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_operator_never_sends_and_reads_only_with_a_recorded_purpose(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Disputed");
        for (var i = 1; i <= 3; i++)
        {
            await host.SendOkAsync(i % 2 == 1 ? n.Broker : n.Expert, id, $"Nachricht {i}");
        }

        var before = await host.CountMessageRowsAsync();
        var order = await host.LoadOrderAsync(id);

        var send = await host.Messages().SendAsync(n.Operator, id, "Ich schalte mich ein");
        send.Status.Should().Be(ResultStatus.Refused);
        send.Refusal!.Code.Should().Be("message.operator_cannot_send");
        (await host.Messages().MarkReadAsync(n.Operator, id)).Refusal!.Code.Should().Be("message.not_a_participant");
        (await host.Messages().SendAsync(n.System, id, "Systemnachricht")).Refusal!.Code.Should().Be("message.not_a_participant");
        (await host.MessageQueries().ListThreadAsync(n.System, id, new ThreadQuery())).Refusal!.Code.Should().Be("message.not_a_participant");

        foreach (var purpose in new[] { null, "", "   " })
        {
            var plain = await host.MessageQueries().ListThreadAsync(n.Operator, id, new ThreadQuery { OperatorAccessPurpose = purpose });
            plain.Status.Should().Be(ResultStatus.Refused);
            plain.Refusal!.Code.Should().Be("message.purpose_required");
            plain.Refusal.Text.English.Should().Contain("purpose");
        }

        var tooLong = await host.MessageQueries().ListThreadAsync(n.Operator, id, new ThreadQuery { OperatorAccessPurpose = new string('z', DigitalMessageQueries.MaxPurposeLength + 1) });
        tooLong.Status.Should().Be(ResultStatus.ValidationFailed);
        tooLong.FieldErrors.Should().ContainSingle().Which.Field.Should().Be("purpose");
        (await host.CountMessageRowsAsync()).Should().Be(before, "refused reads record nothing");

        host.Time.Advance(TimeSpan.FromMinutes(3));
        var op = n.Operator; // one operator user throughout (each n.Operator is a new user)
        var read = await host.MessageQueries().ListThreadAsync(op, id, new ThreadQuery { PageSize = 2, OperatorAccessPurpose = "  Streitfall prüfen " });
        read.Status.Should().Be(ResultStatus.Ok);
        read.Value.Items.Select(m => m.Text).Should().Equal("Nachricht 3", "Nachricht 2");
        read.Value.Items.Should().OnlyContain(m => !m.IsUnread, "the operator has no read state");
        read.Value.UnreadCount.Should().Be(0);
        var access = (await host.HistoryAsync(id))[^1];
        access.Should().BeEquivalentTo(new
        {
            Event = DigitalMessageQueries.OperatorAccessEvent,
            Text = "Streitfall prüfen",
            PartyId = n.OperatorPartyId,
            PartyKind = PartyKind.Operator,
            UserId = op.UserId,
            At = host.Time.GetUtcNow(),
        });

        // The next page continues the same recorded access; a cursor is bound to the purpose it was read with.
        var next = await host.MessageQueries().ListThreadAsync(op, id, new ThreadQuery { PageSize = 2, Cursor = read.Value.NextCursor, OperatorAccessPurpose = "Streitfall prüfen" });
        next.Value.Items.Select(m => m.Kind == DigitalMessageKind.Thread ? m.Text : m.Kind.ToString()).Should().Equal("Nachricht 1", "SystemNotice");
        (await host.MessageQueries().ListThreadAsync(op, id, new ThreadQuery { PageSize = 2, Cursor = read.Value.NextCursor, OperatorAccessPurpose = "Etwas anderes" }))
            .FieldErrors.Should().ContainSingle(e => e.Field == "cursor" && e.Code == "malformed");
        (await host.MessageQueries().ListThreadAsync(op, id, new ThreadQuery { PageSize = 2, Cursor = read.Value.NextCursor }))
            .Refusal!.Code.Should().Be("message.purpose_required", "a cursor is no purpose");

        var after = await host.CountMessageRowsAsync();
        after.History.Should().Be(before.History + 1, "one access, one history entry");
        after.Outbox.Should().Be(before.Outbox, "reading notifies nobody");
        var reloaded = await host.LoadOrderAsync(id);
        reloaded.Version.Should().Be(order.Version, "a look is not a change of the order");
        reloaded.UpdatedAt.Should().Be(order.UpdatedAt);
    }
}
