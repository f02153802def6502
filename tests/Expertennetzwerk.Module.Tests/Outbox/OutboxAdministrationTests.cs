using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Expertennetzwerk.Module.Tests.Outbox;

/// <summary>The operator lists dead letters of the network, newest first and paged, and re-queues one; nobody else may.</summary>
public sealed class OutboxAdministrationTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_operator_pages_through_dead_letters_newest_first_and_re_queues_one(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, b =>
        {
            b.Services.AddSingleton<ScriptedMailSender>();
            b.Services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<ScriptedMailSender>()));
        });
        var sender = host.Services.GetRequiredService<ScriptedMailSender>();
        var refusing = true;
        sender.Behaviour = (_, mail) => refusing ? new PermanentDeliveryException("550 refused " + mail.Subject) : null;
        var dispatcher = host.Dispatcher("A");
        var keys = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            keys.AddRange(await host.EnqueueMailsAsync(1, "dead" + i));
            await dispatcher.DispatchBatchAsync();
            host.Time.Advance(TimeSpan.FromMinutes(1));
        }

        keys.AddRange(await host.EnqueueMailsAsync(1, "foreign", recipient: null));
        await using (var db = host.CreateDbContext())
        {
            var foreign = OutboxTestKit.MailRow(Guid.CreateVersion7(), "other-network:1", OutboxTestKit.Recipient, host.Time.GetUtcNow());
            db.Add(foreign);
            await db.SaveChangesAsync();
        }

        await dispatcher.DispatchBatchAsync(); // dead-letters "foreign:0" and the other network's row too
        while (await dispatcher.DispatchBatchAsync() > 0)
        {
            // the operator's dead-letter notices (nobody to mail in the test network)
        }
        var admin = host.Services.CreateScope().ServiceProvider.GetRequiredService<OutboxAdministration>();
        var op = host.Network.Operator;

        var seen = new List<DeadLetter>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await admin.ListDeadLettersAsync(op, cursor, pageSize: 2);
            page.IsOk.Should().BeTrue(page.ToString());
            page.Value.Items.Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(page.Value.Items);
            cursor = page.Value.NextCursor;
            pages++;
        }
        while (cursor is not null);

        pages.Should().Be(3);
        seen.Select(d => d.IdempotencyKey).Should().Equal("foreign:0", "dead4:0", "dead3:0", "dead2:0", "dead1:0", "dead0:0");
        seen.Should().OnlyContain(d => d.Attempts == 1 && d.LastError!.StartsWith("550 refused", StringComparison.Ordinal), "the other network's row is not listed");

        (await admin.ListDeadLettersAsync(host.Network.Broker)).Status.Should().Be(ResultStatus.Refused);
        (await admin.ListDeadLettersAsync(op, pageSize: 0)).FieldErrors.Should().ContainSingle(e => e.Field == "pageSize" && e.Code == "out_of_range");
        (await admin.ListDeadLettersAsync(op, cursor: "not-a-cursor")).FieldErrors.Should().ContainSingle(e => e.Field == "cursor" && e.Code == "malformed");

        var target = seen.Single(d => d.IdempotencyKey == "dead2:0");
        (await admin.RequeueAsync(host.Network.Expert, target.Id)).Refusal.Should().Be(OutboxRefusals.OperatorOnly);
        (await admin.RequeueAsync(op, Guid.CreateVersion7())).Status.Should().Be(ResultStatus.NotFound);
        var foreignId = (await host.OutboxRowsAsync()).Single(r => r.IdempotencyKey == "other-network:1").Id;
        (await admin.RequeueAsync(op, foreignId)).Status.Should().Be(ResultStatus.NotFound, "another network's row does not exist for this operator");

        (await admin.RequeueAsync(op, target.Id)).IsOk.Should().BeTrue();
        var requeued = await host.RowAsync("dead2:0");
        requeued.Status.Should().Be(OutboxStatus.Pending);
        requeued.Attempts.Should().Be(0);
        requeued.DueAt.Should().Be(host.Time.GetUtcNow());
        (await admin.RequeueAsync(op, target.Id)).Refusal.Should().Be(OutboxRefusals.NotDeadLettered);

        refusing = false;
        (await dispatcher.DispatchBatchAsync()).Should().Be(1);
        (await host.RowAsync("dead2:0")).Status.Should().Be(OutboxStatus.Sent);
        sender.Delivered.Keys.Should().Equal(MessageIds.FromIdempotencyKey("dead2:0"));
        (await admin.ListDeadLettersAsync(op, pageSize: 100)).Value.Items.Should().HaveCount(5);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_operator_never_sees_a_recipients_address_in_a_dead_letters_error(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, b =>
        {
            b.Services.AddSingleton<ScriptedMailSender>();
            b.Services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<ScriptedMailSender>()));
        });
        host.Services.GetRequiredService<ScriptedMailSender>().Behaviour = (_, mail) =>
            new PermanentDeliveryException($"550 5.1.1 <{mail.To[0].Address}>: Recipient address rejected");
        await host.EnqueueMailsAsync(1, "refused", recipient: _ => "erika.muster@kunde.example");
        await host.DrainAsync(host.Dispatcher("A"));
        await using (var db = host.CreateDbContext())
        {
            // A row dead-lettered by an older version, which stored the server's reply as it came.
            var old = OutboxTestKit.MailRow(host.Network.NetworkId, "old:0", "max.muster@kunde.example", host.Time.GetUtcNow());
            old.Status = OutboxStatus.DeadLettered;
            old.Attempts = 1;
            old.LastAttemptAt = host.Time.GetUtcNow();
            old.LastError = "SMTP server refused recipient <max.muster@kunde.example>: 550 unknown user max.muster@kunde.example";
            db.Add(old);
            await db.SaveChangesAsync();
        }

        var admin = host.Services.CreateScope().ServiceProvider.GetRequiredService<OutboxAdministration>();
        var letters = (await admin.ListDeadLettersAsync(host.Network.Operator, pageSize: 100)).Value.Items;

        letters.Select(d => d.IdempotencyKey).Should().Contain(["refused:0", "old:0"]);
        letters.Should().OnlyContain(d => !d.LastError!.Contains('@'), "the operator sees metadata, not whom a mail was for");
        letters.Single(d => d.IdempotencyKey == "refused:0").LastError.Should().Be("550 5.1.1 <[Adresse entfernt]>: Recipient address rejected");
        (await host.OutboxRowsAsync()).Where(r => r.LastError is not null && r.IdempotencyKey != "old:0")
            .Should().OnlyContain(r => !r.LastError!.Contains("erika.muster"), "nor is the address stored");
    }
}
