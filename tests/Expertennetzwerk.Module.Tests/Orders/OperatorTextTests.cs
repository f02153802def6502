using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>
/// Reasons, questions, answers and notes are free text that users fill with personal data: the operator reads them only
/// with a recorded purpose, which is historised; without one it sees events, times, actors and states.
/// </summary>
public sealed class OperatorTextTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    private const string Question = "Frau M., geb. 12.04.1961, Diagnose Diabetes: welche Police ist betroffen?";
    private const string Answer = "Police 4711 von Frau M., Vorerkrankung seit 2019";
    private const string Reason = "Gutachten zu Frau M. unvollständig";

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Without_a_purpose_the_operator_sees_the_history_without_its_texts(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await OrderWithTextsAsync(host);
        var stored = await host.HistoryAsync(id);
        stored.Where(h => h.Text != null).Should().HaveCountGreaterThanOrEqualTo(3);

        var plain = await host.Queries.GetOrderAsync(n.Operator, id);

        OrderDriver.Ok(plain, "GetOrder");
        plain.Value.TextsHidden.Should().BeTrue();
        plain.Value.History.Should().OnlyContain(h => h.Text == null, "free texts are personal data for the operator");
        plain.Value.History.Select(h => h.TextHidden).Should().Equal(stored.Select(h => h.Text != null), "a UI can say which entries hide a text");
        plain.Value.History.Select(h => (h.Sequence, h.At, h.UserId, h.PartyId, h.PartyKind, h.Event, h.FromState, h.ToState))
            .Should().Equal(stored.Select(h => (h.Sequence, h.At, h.UserId, h.PartyId, h.PartyKind, h.Event, h.FromState, h.ToState)),
                "events, times, actors and states stay visible");
        plain.Value.Documentation.Should().BeEmpty("documentation texts are free text too");
        (await host.HistoryAsync(id)).Should().HaveCount(stored.Count, "a look without a purpose is not historised");
        (await host.Queries.GetPermittedActionsAsync(n.Operator, id)).Value.Should().NotBeEmpty("the actions carry no text");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task With_a_purpose_the_operator_sees_the_texts_and_the_access_is_historised(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var op = n.Operator;
        var id = await OrderWithTextsAsync(host);
        var stored = await host.HistoryAsync(id);
        host.Time.Advance(TimeSpan.FromMinutes(3));

        var detail = await host.Queries.GetOrderAsync(op, id, " Streitfall prüfen ");

        OrderDriver.Ok(detail, "GetOrder");
        detail.Value.TextsHidden.Should().BeFalse();
        detail.Value.History.Should().OnlyContain(h => !h.TextHidden);
        detail.Value.History.Select(h => h.Text).Should().Contain([Question, Answer, Reason]);
        detail.Value.Documentation.Should().NotBeEmpty();
        var history = await host.HistoryAsync(id);
        history.Should().HaveCount(stored.Count + 1, "one look, one history entry");
        history[^1].Should().BeEquivalentTo(new
        {
            Event = ExpertOrderQueries.OperatorAccessEvent,
            Text = "Streitfall prüfen",
            UserId = op.UserId,
            PartyId = n.OperatorPartyId,
            PartyKind = PartyKind.Operator,
            At = host.Time.GetUtcNow(),
        });
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_parties_of_the_order_keep_seeing_the_texts(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await OrderWithTextsAsync(host);
        var stored = await host.HistoryAsync(id);
        foreach (var party in new[] { n.Broker, n.Expert })
        {
            var detail = await host.Queries.GetOrderAsync(party, id);
            detail.Value.TextsHidden.Should().BeFalse();
            detail.Value.History.Select(h => h.Text).Should().Equal(stored.Select(h => h.Text));
            detail.Value.History.Should().OnlyContain(h => !h.TextHidden);
        }
    }

    private static async Task<Guid> OrderWithTextsAsync(ModuleHost host)
    {
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        OrderDriver.Ok(await host.Orders.RequestInformationAsync(n.Expert, id, Question), "RequestInformation");
        OrderDriver.Ok(await host.Orders.ProvideInformationAsync(n.Broker, id, Answer), "ProvideInformation");
        OrderDriver.Ok(await host.Orders.OpenDisputeAsync(n.Broker, id, Reason), "OpenDispute");
        return id;
    }
}
