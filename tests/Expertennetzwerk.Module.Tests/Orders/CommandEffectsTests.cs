using System.Text.Json;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>What each command leaves behind: one history entry, and one outbox row exactly when the state changes.</summary>
public sealed class CommandEffectsTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    private sealed record Step(string Name, Actor Actor, OrderTrigger Trigger, OrderState From, OrderState To, string? Text, Func<Guid, Task<Result<OrderChanged>>> Run);

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Every_command_appends_one_history_entry_and_every_state_change_one_outbox_row(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var o = host.Orders;
        var created = await o.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, "K-1"));
        OrderDriver.Ok(created, "CreateDraft");
        var id = created.Value.OrderId;
        var first = (await host.HistoryAsync(id)).Should().ContainSingle().Subject;
        first.Should().BeEquivalentTo(new { Sequence = 1, Event = "Created", UserId = n.UserId, PartyId = n.BrokerPartyId, PartyKind = PartyKind.Broker, FromState = OrderState.Draft, ToState = OrderState.Draft, Text = (string?)null });
        (await host.OutboxAsync(id)).Should().BeEmpty("creating a draft is no state change");

        var op = n.Operator;
        Step[] steps =
        [
            new("SaveDraft", n.Broker, OrderTrigger.SaveDraft, OrderState.Draft, OrderState.Draft, null, x => o.SaveDraftAsync(n.Broker, x, "{ }")),
            new("Place", n.Broker, OrderTrigger.Place, OrderState.Draft, OrderState.Placed, null, x => o.PlaceAsync(n.Broker, x)),
            new("Accept", n.Expert, OrderTrigger.Accept, OrderState.Placed, OrderState.InProgress, null, x => o.AcceptAsync(n.Expert, x)),
            new("SetProgressStep", n.Expert, OrderTrigger.SetProgressStep, OrderState.InProgress, OrderState.InProgress, n.ProgressSteps[0], x => o.SetProgressStepAsync(n.Expert, x, "  " + n.ProgressSteps[0] + " ")),
            new("AddDocumentation", n.Expert, OrderTrigger.AddDocumentation, OrderState.InProgress, OrderState.InProgress, null, x => o.AddDocumentationAsync(n.Expert, x, "Depotauszug geprüft")),
            new("RequestInformation", n.Expert, OrderTrigger.RequestInformation, OrderState.InProgress, OrderState.AwaitingInformation, "Bitte Depotauszug 2025 senden", x => o.RequestInformationAsync(n.Expert, x, " Bitte Depotauszug 2025 senden ")),
            new("AddDocumentation while waiting", n.Expert, OrderTrigger.AddDocumentation, OrderState.AwaitingInformation, OrderState.AwaitingInformation, null, x => o.AddDocumentationAsync(n.Expert, x, "Nachfrage beim Kunden")),
            new("ProvideInformation", n.Broker, OrderTrigger.ProvideInformation, OrderState.AwaitingInformation, OrderState.InProgress, "Liegt im Anhang", x => o.ProvideInformationAsync(n.Broker, x, "Liegt im Anhang")),
            new("Complete", n.Expert, OrderTrigger.Complete, OrderState.InProgress, OrderState.Completed, null, x => o.CompleteAsync(n.Expert, x)),
            new("OpenDispute", n.Broker, OrderTrigger.OpenDispute, OrderState.Completed, OrderState.Disputed, "Empfehlung fehlt", x => o.OpenDisputeAsync(n.Broker, x, "Empfehlung fehlt")),
            new("ResolveDisputeResume", op, OrderTrigger.ResolveDisputeResume, OrderState.Disputed, OrderState.InProgress, "Nachbesserung", x => o.ResolveDisputeAsync(op, x, DisputeResolution.Resume, "Nachbesserung")),
            new("Cancel", op, OrderTrigger.Cancel, OrderState.InProgress, OrderState.Cancelled, "Kunde verstorben", x => o.CancelAsync(op, x, "Kunde verstorben")),
        ];

        foreach (var step in steps)
        {
            host.Time.Advance(TimeSpan.FromMinutes(7));
            var before = await host.FootprintAsync(id);
            var outboxBefore = (await host.OutboxAsync(id)).Select(m => m.Id).ToHashSet();
            var result = await step.Run(id);
            OrderDriver.Ok(result, step.Name);
            result.Value.State.Should().Be(step.To);

            var after = await host.FootprintAsync(id);
            after.History.Should().Be(before.History + 1, "{0} appends exactly one history entry", step.Name);
            var entry = (await host.HistoryAsync(id))[^1];
            entry.Should().BeEquivalentTo(
                new
                {
                    Sequence = before.History + 1,
                    Event = step.Trigger.ToString(),
                    At = host.Time.GetUtcNow(),
                    UserId = step.Actor.UserId,
                    PartyId = step.Actor.PartyId,
                    PartyKind = step.Actor.PartyKind,
                    FromState = step.From,
                    ToState = step.To,
                    Text = step.Text,
                },
                because: "the history of {0} records who, for which party, from/to and the party's text", step.Name);

            var newRows = (await host.OutboxAsync(id)).Where(m => !outboxBefore.Contains(m.Id)).ToList();
            var notices = newRows.Where(m => m.EventType == OutboxEventTypes.DigitalMessage).ToList();
            newRows = newRows.Except(notices).ToList();
            if (step.Trigger is OrderTrigger.Place or OrderTrigger.Complete)
            {
                notices.Should().ContainSingle("{0} stores the network's notice with its delivery row", step.Name)
                    .Which.Recipients.Should().Be($"party:{(step.Trigger == OrderTrigger.Place ? n.ExpertPartyId : n.BrokerPartyId):D}");
            }
            else
            {
                notices.Should().BeEmpty("{0} notifies by its event row only", step.Name);
            }

            if (step.From == step.To)
            {
                newRows.Should().BeEmpty("{0} is an internal transition: no state-changed notification", step.Name);
                continue;
            }

            var row = newRows.Should().ContainSingle("{0} changes the state once", step.Name).Subject;
            row.IdempotencyKey.Should().Be($"{id:N}:{step.Trigger}:{entry.Sequence}");
            row.NetworkId.Should().Be(n.NetworkId);
            row.Status.Should().Be(OutboxStatus.Pending);
            row.CreatedAt.Should().Be(host.Time.GetUtcNow());
            if (step.Trigger == OrderTrigger.Place)
            {
                row.EventType.Should().Be("order.placed");
                row.Recipients.Split(' ').Should().BeEquivalentTo($"party:{n.BrokerPartyId:D}", $"party:{n.ExpertPartyId:D}");
            }
            else if (step.Trigger is OrderTrigger.ResolveDisputeResume or OrderTrigger.ResolveDisputeComplete or OrderTrigger.ResolveDisputeCancel)
            {
                row.EventType.Should().Be("order.state-changed");
                row.Recipients.Split(' ').Should().BeEquivalentTo([$"party:{n.BrokerPartyId:D}", $"party:{n.ExpertPartyId:D}"], "both sides are told of the operator's decision");
            }
            else
            {
                row.EventType.Should().Be("order.state-changed");
                row.Recipients.Should().Be($"party:{n.BrokerPartyId:D}", "the broker is told of every state change");
            }

            using var payload = JsonDocument.Parse(row.PayloadJson);
            payload.RootElement.GetProperty("trigger").GetString().Should().Be(step.Trigger.ToString());
            payload.RootElement.GetProperty("from").GetString().Should().Be(step.From.ToString());
            payload.RootElement.GetProperty("to").GetString().Should().Be(step.To.ToString());
            payload.RootElement.GetProperty("historySequence").GetInt32().Should().Be(entry.Sequence);
            row.PayloadJson.Should().NotContain("Mustermann", "outbox payloads carry no customer data");
        }

        var all = await host.OutboxAsync(id);
        all.Where(m => m.EventType == OutboxEventTypes.DigitalMessage).Should().HaveCount(2, "the notices of Place and Complete");
        all.Where(m => m.EventType != OutboxEventTypes.DigitalMessage).Should().HaveCount(steps.Count(s => s.From != s.To));
        all.Select(m => m.IdempotencyKey).Should().OnlyHaveUniqueItems();
        (await host.HistoryAsync(id)).Select(h => h.Sequence).Should().Equal(Enumerable.Range(1, steps.Length + 1));
        (await host.HistoryAsync(id)).Should().NotContain(h => h.Text != null && h.Text.Contains("Mustermann"), "history texts carry no customer data");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Withdrawing_a_draft_and_declining_are_state_changes_told_to_the_broker(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var draft = await host.OrderInAsync("Draft");
        OrderDriver.Ok(await host.Orders.WithdrawAsync(n.Broker, draft, "Doppelt angelegt"), "Withdraw");
        var withdrawn = (await host.OutboxAsync(draft)).Should().ContainSingle().Subject;
        withdrawn.IdempotencyKey.Should().Be($"{draft:N}:Withdraw:2");
        withdrawn.Recipients.Should().Be($"party:{n.BrokerPartyId:D}");

        var placed = await host.OrderInAsync("Placed");
        OrderDriver.Ok(await host.Orders.DeclineAsync(n.Expert, placed, "Keine Kapazität"), "Decline");
        (await host.OutboxAsync(placed)).Where(m => m.EventType != OutboxEventTypes.DigitalMessage).Select(m => m.IdempotencyKey)
            .Should().Equal($"{placed:N}:Place:2", $"{placed:N}:Decline:3");
        (await host.LoadOrderAsync(placed)).Should().BeEquivalentTo(new { State = OrderState.Declined, AssignedExpertPartyId = (Guid?)n.ExpertPartyId });
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Place_assigns_the_expert_and_stamps_the_times(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Draft");
        (await host.LoadOrderAsync(id)).AssignedExpertPartyId.Should().BeNull("a draft never reaches an expert");

        host.Time.Advance(TimeSpan.FromHours(1));
        OrderDriver.Ok(await host.Orders.PlaceAsync(n.Broker, id), "Place");
        var placed = await host.LoadOrderAsync(id);
        placed.AssignedExpertPartyId.Should().Be(n.ExpertPartyId);
        placed.PlacedAt.Should().Be(host.Time.GetUtcNow());
        placed.UpdatedAt.Should().Be(host.Time.GetUtcNow());
        placed.IsOpen.Should().BeTrue();

        OrderDriver.Ok(await host.Orders.AcceptAsync(n.Expert, id), "Accept");
        OrderDriver.Ok(await host.Orders.AddDocumentationAsync(n.Expert, id, "Fertig"), "AddDocumentation");
        host.Time.Advance(TimeSpan.FromHours(1));
        OrderDriver.Ok(await host.Orders.CompleteAsync(n.Expert, id), "Complete");
        var done = await host.LoadOrderAsync(id);
        done.CompletedAt.Should().Be(host.Time.GetUtcNow());
        done.IsOpen.Should().BeFalse();
        done.DocumentationCount.Should().Be(1);
    }
}
