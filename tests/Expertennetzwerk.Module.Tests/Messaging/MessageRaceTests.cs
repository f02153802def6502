using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Documents;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Tests.Messaging;

/// <summary>
/// A message and a workflow command on one order at once. Both append history with a per-order sequence: the one that
/// commits second must notice. A message that loses is retried (its sender sees Ok, its files are stored once); a
/// workflow command that loses answers Conflict (never an exception) and leaves no trace.
/// </summary>
public sealed class MessageRaceTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_message_overtaken_by_a_workflow_command_is_retried_and_stored_once(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, builder =>
        {
            builder.Services.AddSingleton<Interleaving>();
            builder.Services.AddScoped<IDocumentStore, InterleavingDocumentStore>();
        });
        var n = host.Network;
        var id = await host.OrderInAsync("Placed");
        var interleaving = host.Services.GetRequiredService<Interleaving>();

        // While the message's files are stored (after it read the order, before it saves), the expert accepts.
        var accepted = new List<Result<OrderChanged>>();
        interleaving.OnDocumentSaved = async () => accepted.Add(await host.Orders.AcceptAsync(n.Expert, id));
        var before = await host.CountMessageRowsAsync();

        var sent = await host.Messages().SendAsync(n.Broker, id, "Anbei die Police", [MessagingDriver.Pdf("Police.pdf", 100)]);

        OrderDriver.Ok(sent, "Send overtaken by Accept");
        accepted.Should().ContainSingle().Which.IsOk.Should().BeTrue("the workflow command committed in the middle of the message");
        interleaving.Saves.Should().Be(1, "the retry reuses the stored file");
        var history = await host.HistoryAsync(id);
        history.Select(h => h.Event).TakeLast(2).Should().Equal("Accept", "MessageSent");
        history.Select(h => h.Sequence).Should().Equal(Enumerable.Range(1, history.Count));
        var message = (await host.StoredMessagesAsync(id)).Single();
        message.Sequence.Should().Be(history[^1].Sequence);
        message.Attachments.Should().ContainSingle();
        var after = await host.CountMessageRowsAsync();
        after.Messages.Should().Be(before.Messages + 1);
        after.Documents.Should().Be(before.Documents + 1, "one file, stored once");
        after.Outbox.Should().Be(before.Outbox + 3, "Accept's state change + the message's delivery and event");
        (await host.LoadOrderAsync(id)).State.Should().Be(OrderState.InProgress);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_workflow_command_overtaken_by_a_message_is_a_Conflict_and_leaves_no_trace(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, builder =>
        {
            builder.Services.AddSingleton<Interleaving>();
            builder.AddWorkflowExtension<InterleavingExtension>();
        });
        var n = host.Network;
        var id = await host.OrderInAsync("Placed");
        var interleaving = host.Services.GetRequiredService<Interleaving>();

        // After Accept loaded the order and before it saves, the broker sends a message.
        var sent = new List<Result<SentMessage>>();
        interleaving.OnWorkflowLoaded = async orderId =>
        {
            interleaving.OnWorkflowLoaded = null;
            sent.Add(await host.Messages().SendAsync(n.Broker, orderId, "Noch eine Frage vorab"));
        };
        var before = await host.FootprintAsync(id);
        var rows = await host.CountMessageRowsAsync();

        var accept = await host.Orders.AcceptAsync(n.Expert, id, expectedVersion: before.Version);

        accept.Status.Should().Be(ResultStatus.Conflict, "the history moved under the command");
        sent.Should().ContainSingle().Which.IsOk.Should().BeTrue();
        var after = await host.CountMessageRowsAsync();
        after.Should().Be(rows with
        {
            Messages = rows.Messages + 1,
            ReceivedCounterSum = rows.ReceivedCounterSum + 1,
            History = rows.History + 1,
            Outbox = rows.Outbox + 2,
            OrderHistoryCountSum = rows.OrderHistoryCountSum + 1,
        }, "only the message committed");
        (await host.LoadOrderAsync(id)).State.Should().Be(OrderState.Placed);

        // The client retries with the same version (a message does not change it) and succeeds.
        OrderDriver.Ok(await host.Orders.AcceptAsync(n.Expert, id, expectedVersion: before.Version), "Accept retried");
        var history = await host.HistoryAsync(id);
        history.Select(h => h.Sequence).Should().Equal(Enumerable.Range(1, history.Count));
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Messages_from_both_sides_at_once_all_commit_with_distinct_sequences(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, new ModuleHostOptions { SqliteFile = true });
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        var before = await host.CountMessageRowsAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            host.Messages().SendAsync(i % 2 == 0 ? n.Broker : n.Expert, id, $"Gleichzeitig {i}")))).WaitAsync(TimeSpan.FromSeconds(60));

        results.Should().OnlyContain(r => r.Status == ResultStatus.Ok || r.Status == ResultStatus.Conflict);
        var ok = results.Count(r => r.IsOk);
        // Each lost attempt means another message committed in its window, so a sender that gives up after MaxAttempts
        // saw at least that many others commit: either all succeed or at least MaxAttempts do.
        (ok == results.Length || ok >= DigitalMessageService.MaxAttempts).Should().BeTrue("retries absorb the races ({0} of {1} Ok)", ok, results.Length);
        var messages = await host.StoredMessagesAsync(id);
        messages.Should().HaveCount(ok);
        var history = await host.HistoryAsync(id);
        history.Select(h => h.Sequence).Should().Equal(Enumerable.Range(1, history.Count));
        messages.Select(m => m.Sequence).Should().BeSubsetOf(history.Where(h => h.Event == "MessageSent").Select(h => h.Sequence));
        var after = await host.CountMessageRowsAsync();
        after.Outbox.Should().Be(before.Outbox + 2 * ok);
        after.ReceivedCounterSum.Should().Be(before.ReceivedCounterSum + ok, "each committed message counted exactly once");
    }

    public sealed class Interleaving
    {
        public Func<Task>? OnDocumentSaved { get; set; }

        public Func<Guid, Task>? OnWorkflowLoaded { get; set; }

        public int Saves { get; set; }
    }

    /// <summary>The real database store, running a test step right after each save.</summary>
    internal sealed class InterleavingDocumentStore(Interleaving interleaving, IModuleDbContextFactory factory, TimeProvider time, IOptions<ExpertennetzwerkOptions> options)
        : IDocumentStore
    {
        private readonly DatabaseDocumentStore _inner = new(factory, time, options);

        public async Task<Guid> SaveAsync(Guid networkId, DocumentUpload upload, CancellationToken cancellationToken = default)
        {
            var id = await _inner.SaveAsync(networkId, upload, cancellationToken);
            interleaving.Saves++;
            if (interleaving.OnDocumentSaved is { } step)
            {
                interleaving.OnDocumentSaved = null;
                await step();
            }

            return id;
        }

        public Task<DocumentUpload?> OpenAsync(Guid networkId, Guid documentId, CancellationToken cancellationToken = default) =>
            _inner.OpenAsync(networkId, documentId, cancellationToken);

        public Task DeleteAsync(Guid networkId, Guid documentId, CancellationToken cancellationToken = default) =>
            _inner.DeleteAsync(networkId, documentId, cancellationToken);
    }

    /// <summary>Runs a test step after a workflow command loaded the order (before it fires and saves).</summary>
    public sealed class InterleavingExtension(Interleaving interleaving) : IOrderWorkflowExtension
    {
        public async ValueTask LoadAsync(OrderTrigger trigger, OrderGuardContext context, DbContext db, CancellationToken cancellationToken)
        {
            if (interleaving.OnWorkflowLoaded is { } step)
            {
                await step(context.Order.Id);
            }
        }
    }
}
