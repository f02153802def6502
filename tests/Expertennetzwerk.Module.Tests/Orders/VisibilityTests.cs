using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>Visibility (docs/design.md, "Actors and what they see"): who sees which order, and what the operator sees of personal data.</summary>
public sealed class VisibilityTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_expert_never_sees_a_draft(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Draft");

        (await host.Queries.GetOrderAsync(n.Expert, id)).Status.Should().Be(ResultStatus.NotFound);
        (await host.Queries.GetPermittedActionsAsync(n.Expert, id)).Status.Should().Be(ResultStatus.NotFound);
        (await host.Orders.AcceptAsync(n.Expert, id)).Status.Should().Be(ResultStatus.NotFound);
        var list = await host.Queries.ListOrdersAsync(n.Expert, new OrderListQuery { PageSize = 100 });
        list.Value.Items.Should().NotContain(i => i.Id == id);
        list.Value.CountsByState!.Should().NotContainKey(OrderState.Draft, "an expert has no drafts to count");

        OrderDriver.Ok(await host.Orders.PlaceAsync(n.Broker, id), "Place");
        var detail = await host.Queries.GetOrderAsync(n.Expert, id);
        detail.Status.Should().Be(ResultStatus.Ok, "from Placed on the assigned expert sees the order");
        detail.Value.IncludesPersonalData.Should().BeTrue();
        detail.Value.CustomerDisplayName.Should().Be("Dr. Erika Mustermann");
        (await host.Queries.ListOrdersAsync(n.Expert, new OrderListQuery { PageSize = 100 })).Value.Items.Should().Contain(i => i.Id == id);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Foreign_and_unknown_ids_are_NotFound_for_every_query_and_command(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        var unknown = Guid.CreateVersion7();
        var otherNetwork = Guid.CreateVersion7();
        Actor[] strangers =
        [
            n.OtherBroker,
            n.OtherExpert,
            n.Broker.InNetwork(otherNetwork),
            n.Expert.InNetwork(otherNetwork),
            n.Operator.InNetwork(otherNetwork),
            Actor.System(otherNetwork),
        ];
        var before = await host.FootprintAsync(id);
        foreach (var stranger in strangers)
        {
            // A party claimed in a network it is not part of does not check out at all (the system is the module's own).
            var expected = stranger.NetworkId == otherNetwork && stranger.PartyKind != PartyKind.System ? ResultStatus.Forbidden : ResultStatus.NotFound;
            (await host.Queries.GetOrderAsync(stranger, id)).Status.Should().Be(expected, "{0} must not learn the order exists", stranger);
            (await host.Queries.GetOrderAsync(stranger, id, "Neugier")).Status.Should().Be(expected);
            (await host.Queries.GetPermittedActionsAsync(stranger, id)).Status.Should().Be(expected);
            (await host.Orders.CancelAsync(stranger, id, "Weg damit")).Status.Should().Be(expected);

            // Visibility comes before input checks: an empty reason must not reveal that the id exists either.
            (await host.Orders.CancelAsync(stranger, id, "")).Status.Should().Be(expected);
            var list = await host.Queries.ListOrdersAsync(stranger, new OrderListQuery { PageSize = 100 });
            if (expected == ResultStatus.Forbidden)
            {
                list.Status.Should().Be(ResultStatus.Forbidden);
            }
            else
            {
                list.Value.Items.Should().NotContain(i => i.Id == id);
            }
        }

        (await host.FootprintAsync(id)).Should().Be(before);
        foreach (var actor in new[] { n.Broker, n.Expert, n.Operator, n.System })
        {
            (await host.Queries.GetOrderAsync(actor, unknown)).Status.Should().Be(ResultStatus.NotFound);
            (await host.Queries.GetPermittedActionsAsync(actor, unknown)).Status.Should().Be(ResultStatus.NotFound);
            (await host.Orders.CancelAsync(actor, unknown, "Weg damit")).Status.Should().Be(ResultStatus.NotFound);
        }
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_operator_sees_metadata_and_personal_data_only_with_a_recorded_purpose(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var op = n.Operator;
        var id = await host.OrderInAsync("Disputed");
        var stored = await host.LoadOrderAsync(id);

        var plain = await host.Queries.GetOrderAsync(n.Operator, id);
        plain.Status.Should().Be(ResultStatus.Ok);
        plain.Value.Should().BeEquivalentTo(new
        {
            Id = id,
            State = OrderState.Disputed,
            BrokerPartyId = n.BrokerPartyId,
            ExpertPartyId = n.ExpertPartyId,
            ServiceId = n.ServiceId,
            IncludesPersonalData = false,
            CustomerRef = (string?)null,
            CustomerDisplayName = (string?)null,
            CustomerSnapshotJson = (string?)null,
            FormDataJson = (string?)null,
        });
        plain.Value.Documentation.Should().BeEmpty("documentation is personal data for the operator");
        plain.Value.History.Should().NotBeEmpty("history is metadata");
        plain.Value.PermittedActions.Should().Equal(OrderTrigger.Cancel, OrderTrigger.ResolveDisputeResume, OrderTrigger.ResolveDisputeComplete, OrderTrigger.ResolveDisputeCancel);
        (await host.HistoryAsync(id)).Should().HaveCount(plain.Value.History.Count, "a look without purpose is not historised");

        var list = await host.Queries.ListOrdersAsync(n.Operator, new OrderListQuery { PageSize = 100 });
        list.Value.Items.Single(i => i.Id == id).CustomerDisplayName.Should().BeNull("the operator's list shows metadata only");

        var outboxBefore = (await host.OutboxAsync(id)).Count;
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var withPurpose = await host.Queries.GetOrderAsync(op, id, "  Streitfall prüfen ");
        withPurpose.Status.Should().Be(ResultStatus.Ok);
        withPurpose.Value.IncludesPersonalData.Should().BeTrue();
        withPurpose.Value.CustomerRef.Should().Be("K-1");
        withPurpose.Value.CustomerDisplayName.Should().Be("Dr. Erika Mustermann");
        withPurpose.Value.FormDataJson.Should().Be("{}");
        withPurpose.Value.CustomerSnapshotJson.Should().Contain("Mustermann");
        withPurpose.Value.Documentation.Should().ContainSingle().Which.Text.Should().Be("Unterlagen gesichtet");

        var access = (await host.HistoryAsync(id))[^1];
        access.Should().BeEquivalentTo(new
        {
            Event = "OperatorAccess",
            Text = "Streitfall prüfen",
            PartyId = n.OperatorPartyId,
            PartyKind = PartyKind.Operator,
            UserId = op.UserId,
            FromState = OrderState.Disputed,
            ToState = OrderState.Disputed,
            At = host.Time.GetUtcNow(),
        });
        withPurpose.Value.History[^1].Event.Should().Be("OperatorAccess", "the detail shows the access it just recorded");
        var after = await host.LoadOrderAsync(id);
        after.UpdatedAt.Should().Be(stored.UpdatedAt, "a look is not a change of the order");
        after.Version.Should().Be(stored.Version, "the parties' expected versions stay valid after an operator's look");
        after.State.Should().Be(OrderState.Disputed);
        (await host.OutboxAsync(id)).Should().HaveCount(outboxBefore, "a look notifies nobody");

        var tooLong = await host.Queries.GetOrderAsync(n.Operator, id, new string('x', ExpertOrderQueries.MaxPurposeLength + 1));
        tooLong.Status.Should().Be(ResultStatus.ValidationFailed);
        tooLong.FieldErrors.Should().ContainSingle().Which.Field.Should().Be("purpose");
        (await host.HistoryAsync(id)).Should().HaveCount(withPurpose.Value.History.Count, "a refused purpose records nothing");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Broker_and_expert_see_personal_data_and_a_purpose_changes_nothing_for_them(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        var historyBefore = (await host.HistoryAsync(id)).Count;
        foreach (var actor in new[] { n.Broker, n.Expert })
        {
            var detail = await host.Queries.GetOrderAsync(actor, id, "Zweck");
            detail.Value.IncludesPersonalData.Should().BeTrue();
            detail.Value.CustomerDisplayName.Should().Be("Dr. Erika Mustermann");
            detail.Value.Documentation.Should().ContainSingle();
        }

        (await host.HistoryAsync(id)).Should().HaveCount(historyBefore, "only the operator's access is historised");
    }
}
