using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Documents;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Consent;
using Expertennetzwerk.Module.Tests.Messaging;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>
/// The shared pieces of a command on an order: the file staging (files stored before a failed commit are deleted, kept
/// after a commit), the bounded retry on Conflict and the one history append (gapless sequences under racing writers).
/// </summary>
public sealed class UnitOfWorkTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_staging_deletes_the_files_it_stored_unless_the_commit_was_accepted(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var networkId = host.Network.NetworkId;
        var before = await DocumentsAsync(host);

        List<Guid> dropped;
        await using (var staging = new DocumentStaging(store, networkId))
        {
            await staging.StoreAsync(MessagingDriver.Pdf("a.pdf", 10), CancellationToken.None);
            var all = await staging.StoreAllAsync([MessagingDriver.Pdf("a.pdf", 10), MessagingDriver.Pdf("b.pdf", 20)], CancellationToken.None);
            all.Should().HaveCount(2, "the first upload was stored already and is not stored twice");
            dropped = all.Select(s => s.DocumentId).ToList();
            (await DocumentsAsync(host)).Should().Be(before + 2);
        }

        (await DocumentsAsync(host)).Should().Be(before, "disposed without an accepted commit");
        foreach (var id in dropped)
        {
            (await store.OpenAsync(networkId, id)).Should().BeNull();
        }

        Guid kept;
        await using (var staging = new DocumentStaging(store, networkId))
        {
            kept = await staging.StoreAsync(MessagingDriver.Pdf("c.pdf", 30), CancellationToken.None);
            staging.Accept();
        }

        (await DocumentsAsync(host)).Should().Be(before + 1);
        (await store.OpenAsync(networkId, kept)).Should().NotBeNull();
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Documentation_that_loses_a_race_after_storing_its_files_leaves_none_and_one_that_commits_keeps_them(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartInterleavedAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        var interleaving = host.Services.GetRequiredService<MessageRaceTests.Interleaving>();

        // After the first file is stored (the command has read the order), the broker's message commits first.
        interleaving.OnDocumentSaved = async () => OrderDriver.Ok(await host.Messages().SendAsync(n.Broker, id, "Dazwischen"), "message in between");
        var before = await host.CountRowsAsync();

        var lost = await host.Orders.AddDocumentationAsync(n.Expert, id, "Gutachten", [MessagingDriver.Pdf("a.pdf", 10), MessagingDriver.Pdf("b.pdf", 20)]);

        lost.Status.Should().Be(ResultStatus.Conflict);
        interleaving.Saves.Should().Be(2, "both files were stored before the save");
        var after = await host.CountRowsAsync();
        (after.Documents, after.Documentation, after.Attachments).Should().Be((before.Documents, before.Documentation, before.Attachments), "the staging took the files back");

        OrderDriver.Ok(await host.Orders.AddDocumentationAsync(n.Expert, id, "Gutachten", [MessagingDriver.Pdf("a.pdf", 10), MessagingDriver.Pdf("b.pdf", 20)]), "documentation");
        var committed = await host.CountRowsAsync();
        (committed.Documents, committed.Attachments).Should().Be((before.Documents + 2, before.Attachments + 2));
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_paper_consent_that_loses_a_race_after_storing_its_scan_leaves_no_scan_and_one_that_commits_keeps_it(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartInterleavedAsync(kind);
        var n = host.Network;
        var orderId = await ConsentLinkTests.DraftAsync(host);
        var interleaving = host.Services.GetRequiredService<MessageRaceTests.Interleaving>();

        // After the scan is stored, the broker saves the draft: the order's version moves under the command.
        interleaving.OnDocumentSaved = async () => OrderDriver.Ok(await host.Orders.SaveDraftAsync(n.Broker, orderId, "{}"), "SaveDraft in between");
        var before = await host.CountRowsAsync();

        var lost = await host.Consents.RecordPaperConsentAsync(n.Broker, orderId, new RecordPaperConsentCommand(DataSubjectKind.Customer, OrderDriver.Scan()));

        lost.Status.Should().Be(ResultStatus.Conflict);
        interleaving.Saves.Should().Be(1);
        (await host.CountRowsAsync()).Documents.Should().Be(before.Documents, "the staging took the scan back");
        (await ConsentLinkTests.CountConsentsAsync(host)).Should().Be(0);

        var recorded = await host.Consents.RecordPaperConsentAsync(n.Broker, orderId, new RecordPaperConsentCommand(DataSubjectKind.Customer, OrderDriver.Scan()));
        OrderDriver.Ok(recorded, "paper consent");
        (await host.CountRowsAsync()).Documents.Should().Be(before.Documents + 1);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_message_that_fails_after_storing_its_files_leaves_none(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartInterleavedAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Placed");
        var interleaving = host.Services.GetRequiredService<MessageRaceTests.Interleaving>();

        // The caller gives up after the files are stored and before the message is saved.
        using var cancellation = new CancellationTokenSource();
        interleaving.OnDocumentSaved = () =>
        {
            cancellation.Cancel();
            return Task.CompletedTask;
        };
        var before = await host.CountMessageRowsAsync();

        var send = () => host.Messages().SendAsync(n.Broker, id, "Anbei", [MessagingDriver.Pdf("a.pdf", 10), MessagingDriver.Pdf("b.pdf", 20)], cancellation.Token);

        await send.Should().ThrowAsync<OperationCanceledException>();
        interleaving.Saves.Should().BeGreaterThan(0, "a file was stored before the failure");
        (await host.CountMessageRowsAsync()).Should().Be(before, "the staging took the files back and nothing else was written");
    }

    [Fact]
    public async Task The_retry_runs_until_something_other_than_Conflict_and_at_most_MaxAttempts_times()
    {
        var calls = 0;
        var conflict = await OrderConcurrency.RetryOnConflictAsync(_ =>
        {
            calls++;
            return Task.FromResult(Result.Conflict());
        });
        conflict.Status.Should().Be(ResultStatus.Conflict);
        calls.Should().Be(OrderConcurrency.MaxAttempts).And.Be(DigitalMessageService.MaxAttempts);

        var numbers = new List<int>();
        var ok = await OrderConcurrency.RetryOnConflictAsync(attempt =>
        {
            numbers.Add(attempt);
            return Task.FromResult(attempt < 3 ? Result.Conflict() : Result.Ok());
        });
        ok.IsOk.Should().BeTrue();
        numbers.Should().Equal(1, 2, 3);

        calls = 0;
        var refused = await OrderConcurrency.RetryOnConflictAsync(_ =>
        {
            calls++;
            return Task.FromResult(Result.NotFound());
        });
        refused.Status.Should().Be(ResultStatus.NotFound);
        calls.Should().Be(1, "only a Conflict is tried again");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Racing_transitions_messages_and_operator_looks_keep_the_history_gapless(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, new ModuleHostOptions { SqliteFile = true });
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        var before = (await host.HistoryAsync(id)).Count;

        var writers = Enumerable.Range(0, 9).Select(i => Task.Run<Result>(async () => (i % 3) switch
        {
            0 => await host.Messages().SendAsync(i % 2 == 0 ? n.Broker : n.Expert, id, $"Nachricht {i}"),
            1 => await host.Orders.AddDocumentationAsync(n.Expert, id, $"Notiz {i}"),
            _ => await host.Queries.GetOrderAsync(n.Operator, id, "Prüfung einer Beschwerde"),
        }));
        var results = await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));

        results.Should().OnlyContain(r => r.Status == ResultStatus.Ok || r.Status == ResultStatus.Conflict, "a lost race is a Conflict, never an exception");
        var history = await host.HistoryAsync(id);
        history.Select(h => h.Sequence).Should().Equal(Enumerable.Range(1, history.Count), "one sequence per entry, no gap, no duplicate");
        history.Count.Should().Be(before + results.Count(r => r.IsOk), "every committed writer appended exactly one entry");
        (await host.LoadOrderAsync(id)).HistoryCount.Should().Be(history.Count);
    }

    private static Task<ModuleHost> StartInterleavedAsync(DatabaseKind kind) =>
        ModuleHost.StartAsync(kind, builder =>
        {
            builder.Services.AddSingleton<MessageRaceTests.Interleaving>();
            builder.Services.AddScoped<IDocumentStore, MessageRaceTests.InterleavingDocumentStore>();
        });

    private static async Task<int> DocumentsAsync(ModuleHost host)
    {
        await using var db = host.CreateDbContext();
        return await db.Set<StoredDocument>().CountAsync();
    }
}
