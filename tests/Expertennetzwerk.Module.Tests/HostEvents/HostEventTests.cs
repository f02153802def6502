using System.Collections.Concurrent;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.HostEvents;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Tests.Consent;
using Expertennetzwerk.Module.Tests.Messaging;
using Expertennetzwerk.Module.Tests.Outbox;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.HostEvents;

/// <summary>
/// Host events: a host's <see cref="IExpertennetzwerkHostEventHandler"/> hears of order changes after the commit, through
/// the outbox, at least once with one idempotency key per event, never of a command that rolled back, and with ids only.
/// </summary>
public sealed class HostEventTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Order_consent_and_message_events_reach_the_host_after_the_commit_with_ids_only(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind);
        var n = host.Network;
        var heard = host.Services.GetRequiredService<HeardEvents>();

        var orderId = await ConsentLinkTests.DraftAsync(host);
        var requested = (await host.Consents.RequestConsentAsync(n.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer, Email: "erika@example.test"))).Value;
        (await host.Consents.DecideAsync(ConsentLinkTests.TokenOf(requested.ConsentUrl), agree: true)).IsOk.Should().BeTrue();
        (await host.Orders.PlaceAsync(n.Broker, orderId)).IsOk.Should().BeTrue();
        heard.Events.Should().BeEmpty("nothing is handed to the host inside a command");

        await host.DrainAsync(host.Dispatcher("host-events"));
        heard.Events.Select(e => e.Kind).Should().BeEquivalentTo([HostEventKind.ConsentGiven, HostEventKind.OrderPlaced], "the outbox keeps no order between events; a host sorts by OccurredAt");
        var placed = heard.Events.Single(e => e.Kind == HostEventKind.OrderPlaced);
        string number;
        await using (var db = host.CreateDbContext())
        {
            number = await db.Set<ExpertOrder>().Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync();
        }

        placed.Should().BeEquivalentTo(new
        {
            NetworkId = n.NetworkId, OrderId = orderId, OrderNumber = number, BrokerPartyId = n.BrokerPartyId, CustomerRef = "K-1",
            Trigger = "Place", FromState = "Draft", ToState = "Placed",
        });
        placed.IdempotencyKey.Should().StartWith("host:").And.Contain(orderId.ToString("N")).And.Contain(":Place:");
        heard.Events.Single(e => e.Kind == HostEventKind.ConsentGiven).ConsentId.Should().Be(requested.ConsentId);

        (await host.Orders.AcceptAsync(n.Expert, orderId)).IsOk.Should().BeTrue();
        await host.SendOkAsync(n.Broker, orderId, "Bitte um Rückruf bei Frau Mustermann.");
        (await host.Orders.AddDocumentationAsync(n.Expert, orderId, "Unterlagen gesichtet")).IsOk.Should().BeTrue();
        (await host.Orders.CompleteAsync(n.Expert, orderId)).IsOk.Should().BeTrue();
        (await host.Consents.RecordWithdrawalAsync(n.Broker, orderId, requested.ConsentId, ConsentChannel.Phone)).IsOk.Should().BeTrue();
        await host.DrainAsync(host.Dispatcher("host-events"));

        heard.Events.Select(e => e.Kind).Should().BeEquivalentTo(
        [
            HostEventKind.ConsentGiven, HostEventKind.OrderPlaced, HostEventKind.OrderAccepted, HostEventKind.MessageSent, HostEventKind.OrderCompleted,
            HostEventKind.ConsentWithdrawn,
        ]);
        heard.Events.Select(e => e.IdempotencyKey).Should().OnlyHaveUniqueItems();
        heard.Events.Should().OnlyContain(e => e.OrderId == orderId && e.CustomerRef == "K-1" && e.BrokerPartyId == n.BrokerPartyId);

        var rows = (await host.OutboxRowsAsync()).Where(r => r.EventType == OutboxEventTypes.HostEvent).ToList();
        rows.Should().HaveCount(6).And.OnlyContain(r => r.Status == OutboxStatus.Sent);
        rows.Should().NotContain(r => r.PayloadJson.Contains("Mustermann") || r.PayloadJson.Contains('@') || r.PayloadJson.Contains("Rückruf"),
            "host events carry ids, numbers and states, no personal data");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_failing_handler_gets_the_event_again_with_the_same_key(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind);
        var heard = host.Services.GetRequiredService<HeardEvents>();
        heard.FailFirstCalls = 2;

        var orderId = await host.OrderInAsync("Placed");
        await host.DrainAsync(host.Dispatcher("host-events"));

        var placed = heard.Calls.Where(e => e.Kind == HostEventKind.OrderPlaced && e.OrderId == orderId).ToList();
        placed.Should().HaveCount(3, "two failed deliveries and the one that succeeded");
        placed.Select(e => e.IdempotencyKey).Distinct().Should().ContainSingle("every delivery of one event carries its one key");
        placed.Should().AllBeEquivalentTo(placed[0]);
        heard.Events.Where(e => e.Kind == HostEventKind.OrderPlaced).Should().ContainSingle();
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_command_that_rolled_back_announces_nothing(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind, failOnAccept: true);
        var heard = host.Services.GetRequiredService<HeardEvents>();
        var orderId = await host.OrderInAsync("Placed");

        var accept = () => host.Orders.AcceptAsync(host.Network.Expert, orderId);
        await accept.Should().ThrowAsync<InvalidOperationException>("the extension fails inside the transaction");
        await host.DrainAsync(host.Dispatcher("host-events"));

        heard.Events.Select(e => e.Kind).Should().Equal([HostEventKind.OrderPlaced]);
        (await host.OutboxRowsAsync()).Should().NotContain(r => r.IdempotencyKey.Contains(":Accept:"));
    }

    [Fact]
    public async Task Without_a_handler_no_host_event_rows_are_written()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        await host.OrderInAsync("Placed");
        await host.DrainAsync(host.Dispatcher("host-events"));

        (await host.OutboxRowsAsync()).Should().NotBeEmpty().And.NotContain(r => r.EventType == OutboxEventTypes.HostEvent);
    }

    private static Task<ModuleHost> StartAsync(DatabaseKind kind, bool failOnAccept = false) =>
        ModuleHost.StartAsync(kind, builder =>
        {
            builder.Services.AddSingleton<HeardEvents>();
            builder.AddHostEventHandler<RecordingHandler>();
            if (failOnAccept)
            {
                builder.AddWorkflowExtension<FailingAcceptExtension>();
            }
        });

    /// <summary>What the host's handler heard (every call, and each event once by its key).</summary>
    public sealed class HeardEvents
    {
        private int _calls;

        public int FailFirstCalls { get; set; }

        public ConcurrentQueue<ExpertennetzwerkHostEvent> Calls { get; } = new();

        public List<ExpertennetzwerkHostEvent> Events { get; } = [];

        public void Hear(ExpertennetzwerkHostEvent hostEvent)
        {
            Calls.Enqueue(hostEvent);
            if (Interlocked.Increment(ref _calls) <= FailFirstCalls)
            {
                throw new IOException("The CRM's timeline is not reachable.");
            }

            lock (Events)
            {
                // What a host does with the key: a second delivery of a stored key changes nothing.
                if (Events.All(e => e.IdempotencyKey != hostEvent.IdempotencyKey))
                {
                    Events.Add(hostEvent);
                }
            }
        }
    }

    public sealed class RecordingHandler(HeardEvents heard) : IExpertennetzwerkHostEventHandler
    {
        public Task HandleAsync(ExpertennetzwerkHostEvent hostEvent, CancellationToken cancellationToken)
        {
            heard.Hear(hostEvent);
            return Task.CompletedTask;
        }
    }

    public sealed class FailingAcceptExtension : IOrderWorkflowExtension
    {
        public ValueTask OnTransitionedAsync(OrderTransition transition, DbContext db, CancellationToken cancellationToken) =>
            transition.Trigger == OrderTrigger.Accept ? throw new InvalidOperationException("The host's bookkeeping failed.") : ValueTask.CompletedTask;
    }
}
