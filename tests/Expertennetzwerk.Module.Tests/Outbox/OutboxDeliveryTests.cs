using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Expertennetzwerk.Module.Tests.Outbox;

/// <summary>
/// The dispatcher delivers, retries with backoff, dead-letters and records attempts — and loses nothing when the sender
/// fails at random, is down for a while, or refuses a recipient.
/// </summary>
public sealed class OutboxDeliveryTests
{
    private static Task<ModuleHost> StartAsync(DatabaseKind kind, Action<OutboxOptions>? outbox = null, Action<Module.Hosting.ExpertennetzwerkBuilder>? configure = null) =>
        ModuleHost.StartAsync(kind, new ModuleHostOptions { Options = o => outbox?.Invoke(o.Outbox) }, builder =>
        {
            builder.Services.AddSingleton<ScriptedMailSender>();
            builder.Services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<ScriptedMailSender>()));
            configure?.Invoke(builder);
        });

    private static ScriptedMailSender Sender(ModuleHost host) => host.Services.GetRequiredService<ScriptedMailSender>();

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_mail_row_is_rendered_sent_with_the_Message_ID_of_its_key_and_marked_sent(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind);
        Guid documentId;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            documentId = await scope.ServiceProvider.GetRequiredService<IDocumentStore>()
                .SaveAsync(host.Network.NetworkId, new DocumentUpload("Gutachten.pdf", "application/pdf", new byte[] { 37, 80, 68, 70 }));
        }

        await host.EnqueueMailsAsync(1, prefix: "0193abcd:Place:3", attachments: [documentId]);
        var sentAt = host.Time.GetUtcNow();

        (await host.Dispatcher("A").DispatchBatchAsync()).Should().Be(1);

        var mail = Sender(host).Mails.Should().ContainSingle().Subject;
        mail.MessageId.Should().Be("0193abcd=3APlace=3A3=3A0@expertennetzwerk");
        mail.To.Should().Equal(new MailAddress(OutboxTestKit.Recipient, "Makler Müller"));
        mail.Subject.Should().Be("Auftrag 0193abcd:Place:3:0");
        mail.Html.Should().Contain("<p>");
        var attachment = mail.Attachments.Should().ContainSingle().Subject;
        attachment.FileName.Should().Be("Gutachten.pdf");
        attachment.Content.ToArray().Should().Equal(37, 80, 68, 70);

        var row = await host.RowAsync("0193abcd:Place:3:0");
        row.Status.Should().Be(OutboxStatus.Sent);
        row.Attempts.Should().Be(1);
        row.SentAt.Should().Be(sentAt);
        row.FirstAttemptAt.Should().Be(sentAt);
        row.LastAttemptAt.Should().Be(sentAt);
        row.LeaseOwner.Should().BeNull();
        row.LeaseUntil.Should().BeNull();
        (await host.Dispatcher("A").DispatchBatchAsync()).Should().Be(0, "a sent row is never claimed again");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_sender_failing_30_percent_at_random_still_delivers_every_key_exactly_once(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind, o =>
        {
            o.MaxAttempts = 30;
            o.BatchSize = 25;
        });
        var random = new Random(20260302);
        var sender = Sender(host);
        sender.Behaviour = (_, _) =>
        {
            lock (random)
            {
                return random.NextDouble() < 0.3 ? new IOException("421 4.3.2 Service not available, closing transmission channel") : null;
            }
        };
        var keys = await host.EnqueueMailsAsync(200);

        await host.DrainAsync(host.Dispatcher("A"));

        var rows = await host.OutboxRowsAsync();
        rows.Should().OnlyContain(r => r.Status == OutboxStatus.Sent, "every notification was delivered in the end");
        sender.Delivered.Keys.Should().BeEquivalentTo(keys.Select(k => MessageIds.FromIdempotencyKey(k)));
        sender.Delivered.Values.Should().OnlyContain(n => n == 1, "a failed send delivered nothing, so each key went out once");
        sender.Calls.Should().BeGreaterThan(keys.Count, "about 30 % of the sends failed and were retried");
        rows.Where(r => r.Attempts > 1).Should().NotBeEmpty().And.OnlyContain(r => r.FirstAttemptAt < r.LastAttemptAt);
        rows.Sum(r => r.Attempts).Should().Be(sender.Calls, "every attempt is counted");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_sender_down_for_a_while_backs_off_exponentially_then_delivers_everything(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind, o =>
        {
            o.BaseRetryDelay = TimeSpan.FromSeconds(10);
            o.MaxRetryDelay = TimeSpan.FromMinutes(5);
            o.MaxAttempts = 10;
        });
        var sender = Sender(host);
        var down = true;
        sender.Behaviour = (_, _) => down ? new TimeoutException("SMTP server did not answer") : null;
        var keys = await host.EnqueueMailsAsync(20);
        var dispatcher = host.Dispatcher("A");

        var lastDelay = new Dictionary<string, TimeSpan>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            (await dispatcher.DispatchBatchAsync()).Should().Be(20, "attempt {0}: every row is due", attempt);
            var rows = await host.OutboxRowsAsync();
            var now = host.Time.GetUtcNow();
            var full = TimeSpan.FromSeconds(10 * Math.Pow(2, attempt - 1));
            foreach (var row in rows)
            {
                row.Status.Should().Be(OutboxStatus.Pending);
                row.Attempts.Should().Be(attempt);
                row.LastError.Should().Be("TimeoutException: SMTP server did not answer");
                row.LastAttemptAt.Should().Be(now);
                var delay = row.DueAt - now;
                delay.Should().BeGreaterThanOrEqualTo(full / 2).And.BeLessThanOrEqualTo(full, "attempt {0}: backoff {1} with jitter", attempt, full);
                lastDelay[row.IdempotencyKey] = delay;
            }

            rows.Select(r => r.DueAt).Distinct().Count().Should().BeGreaterThan(1, "jitter spreads the retries");
            (await dispatcher.DispatchBatchAsync()).Should().Be(0, "nothing is due before its backoff ran out");
            host.Time.Advance(full);
        }

        down = false;
        await host.DrainAsync(dispatcher);

        var final = await host.OutboxRowsAsync();
        final.Should().OnlyContain(r => r.Status == OutboxStatus.Sent && r.Attempts == 5 && r.LastError == null);
        final.Should().OnlyContain(r => r.LastAttemptAt - r.FirstAttemptAt >= TimeSpan.FromSeconds(5 + 10 + 20 + 40 - 1));
        sender.Delivered.Keys.Should().BeEquivalentTo(keys.Select(k => MessageIds.FromIdempotencyKey(k)));
        sender.Delivered.Values.Should().OnlyContain(n => n == 1);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task After_the_last_attempt_a_row_is_dead_lettered_with_its_error(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind, o => o.MaxAttempts = 3);
        Sender(host).Behaviour = (call, _) => new InvalidOperationException($"connection refused ({call})");
        await host.EnqueueMailsAsync(2);

        await host.DrainAsync(host.Dispatcher("A"));

        var rows = (await host.OutboxRowsAsync()).Where(r => r.EventType == OutboxEventTypes.Mail).ToList();
        rows.Should().HaveCount(2).And.OnlyContain(r => r.Status == OutboxStatus.DeadLettered && r.Attempts == 3);
        (await host.OutboxRowsAsync()).Where(r => r.EventType == OutboxEventTypes.DeadLettered).Should().HaveCount(2, "the operator is told of each dead letter");
        rows.Should().OnlyContain(r => r.LastError!.StartsWith("InvalidOperationException: connection refused", StringComparison.Ordinal));
        Sender(host).Calls.Should().Be(6);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_invalid_recipient_dead_letters_that_row_at_once_and_the_rest_keep_flowing(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind);
        const string Refused = "550 5.1.1 <niemand@invalid.example>: Recipient address rejected: User unknown";
        Sender(host).Behaviour = (_, mail) => mail.To[0].Address == "niemand@invalid.example" ? new PermanentDeliveryException(Refused) : null;
        var keys = await host.EnqueueMailsAsync(10, recipient: i => i == 4 ? "niemand@invalid.example" : OutboxTestKit.Recipient);

        await host.DrainAsync(host.Dispatcher("A"));

        var bad = await host.RowAsync(keys[4]);
        bad.Status.Should().Be(OutboxStatus.DeadLettered);
        bad.Attempts.Should().Be(1, "retrying cannot help");
        bad.LastError.Should().Be("550 5.1.1 <[Adresse entfernt]>: Recipient address rejected: User unknown", "the operator sees metadata, not the recipient's address");
        (await host.OutboxRowsAsync()).Where(r => r.EventType == OutboxEventTypes.Mail && r.IdempotencyKey != keys[4]).Should().HaveCount(9).And.OnlyContain(r => r.Status == OutboxStatus.Sent);
        Sender(host).Delivered.Should().HaveCount(9);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_dead_letter_is_announced_once_and_a_dead_notice_mail_announces_nothing(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind);
        await using (var db = host.CreateDbContext())
        {
            // The operator's user, so the planner has someone to mail the notice to (and that mail fails too).
            db.Add(new Network.NetworkUser(Guid.CreateVersion7(), host.Network.NetworkId, "Olga Operator", "olga@example.test"));
            await db.SaveChangesAsync();
            var olga = await db.Set<Network.NetworkUser>().SingleAsync(u => u.Email == "olga@example.test");
            db.Add(new Network.PartyMembership(host.Network.NetworkId, olga.Id, host.Network.OperatorPartyId));
            await db.SaveChangesAsync();
        }

        Sender(host).Behaviour = (_, _) => new PermanentDeliveryException("550 5.1.1 unknown user");
        var keys = await host.EnqueueMailsAsync(2);

        await host.DrainAsync(host.Dispatcher("A"));

        var rows = await host.OutboxRowsAsync();
        var mails = rows.Where(r => r.EventType == OutboxEventTypes.Mail && keys.Contains(r.IdempotencyKey)).ToList();
        mails.Should().HaveCount(2).And.OnlyContain(r => r.Status == OutboxStatus.DeadLettered);
        var notices = rows.Where(r => r.EventType == OutboxEventTypes.DeadLettered).ToList();
        notices.Should().HaveCount(2, "one notice per dead row, none for the dead notice mails").And.OnlyContain(r => r.Status == OutboxStatus.Sent && r.Recipients == "operator");
        var payloads = notices.Select(n => OutboxPayloads.Deserialize<Module.Outbox.Events.DeadLetteredEvent>(n)).ToList();
        payloads.Select(n => n.MessageId).Should().BeEquivalentTo(mails.Select(r => r.Id));
        payloads.Should().OnlyContain(n => n.Attempts == 1 && n.EventType == OutboxEventTypes.Mail && n.LastError!.Contains("550"));
        var noticeMails = rows.Where(r => r.EventType == OutboxEventTypes.Mail && r.IdempotencyKey.StartsWith("deadletter:", StringComparison.Ordinal)).ToList();
        noticeMails.Should().HaveCount(2, "the planner mails the operator's user").And.OnlyContain(r => r.Status == OutboxStatus.DeadLettered);
    }

    [Fact]
    public async Task A_row_without_a_handler_is_dead_lettered_with_what_to_do()
    {
        await using var host = await StartAsync(DatabaseKind.Sqlite);
        await using (var db = host.CreateDbContext())
        {
            db.Add(new OutboxMessage(Guid.CreateVersion7(), host.Network.NetworkId, null, "nobody.handles-this", "party:x", "{}", "k:1", host.Time.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await host.Dispatcher("A").DispatchBatchAsync();

        var row = await host.RowAsync("k:1");
        row.Status.Should().Be(OutboxStatus.DeadLettered);
        row.LastError.Should().Contain("No IOutboxHandler delivers event type \"nobody.handles-this\"").And.Contain("re-queue");
    }

    [Fact]
    public async Task A_payload_that_is_not_a_mail_is_dead_lettered_at_once()
    {
        await using var host = await StartAsync(DatabaseKind.Sqlite);
        await using (var db = host.CreateDbContext())
        {
            db.Add(new OutboxMessage(Guid.CreateVersion7(), host.Network.NetworkId, null, OutboxEventTypes.Mail, "party:x", "[1,2", "k:broken", host.Time.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await host.Dispatcher("A").DispatchBatchAsync();

        var row = await host.RowAsync("k:broken");
        row.Status.Should().Be(OutboxStatus.DeadLettered);
        row.LastError.Should().StartWith("The mail row's payload is not a OutboxMail");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_handler_s_follow_ups_are_written_with_the_sent_mark_and_delivered_next(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind, configure: b => b.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxHandler, FanOutHandler>()));
        await using (var db = host.CreateDbContext())
        {
            db.Add(new OutboxMessage(Guid.CreateVersion7(), host.Network.NetworkId, null, FanOutHandler.EventType, "party:x", "{}", "event:1", host.Time.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var dispatcher = host.Dispatcher("A");
        (await dispatcher.DispatchBatchAsync()).Should().Be(1);
        var rows = await host.OutboxRowsAsync();
        rows.Should().HaveCount(3);
        rows.Single(r => r.IdempotencyKey == "event:1").Status.Should().Be(OutboxStatus.Sent);
        rows.Where(r => r.EventType == OutboxEventTypes.Mail).Should().HaveCount(2).And.OnlyContain(r => r.Status == OutboxStatus.Pending);

        (await dispatcher.DispatchBatchAsync()).Should().Be(2);
        Sender(host).Delivered.Keys.Should().BeEquivalentTo(["event=3A1=3Abroker@expertennetzwerk", "event=3A1=3Aexpert@expertennetzwerk"]);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_dispatcher_that_lost_its_lease_records_nothing_and_writes_no_follow_ups(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind, configure: b => b.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IOutboxHandler, FanOutHandler>()));
        await using (var db = host.CreateDbContext())
        {
            db.Add(new OutboxMessage(Guid.CreateVersion7(), host.Network.NetworkId, null, FanOutHandler.EventType, "party:x", "{\"steal\":true}", "event:2", host.Time.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        (await host.Dispatcher("A").DispatchBatchAsync()).Should().Be(1);

        var rows = await host.OutboxRowsAsync();
        rows.Should().ContainSingle("the follow-ups are only written with the sent mark");
        rows[0].Status.Should().Be(OutboxStatus.Pending);
        rows[0].LeaseOwner.Should().Be("B", "the instance that took the lease over owns the row");
        rows[0].Attempts.Should().Be(0);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Rows_claimed_by_a_crashed_instance_are_delivered_by_another_once_the_lease_ran_out(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind, o => o.LeaseDuration = TimeSpan.FromMinutes(2));
        var keys = await host.EnqueueMailsAsync(5);
        await using (var db = host.CreateDbContext())
        {
            var now = host.Time.GetUtcNow();
            var claimed = await Module.Persistence.Dialects.SqlDialect.For(db).ClaimOutboxAsync(db, "crashed", now, now + TimeSpan.FromMinutes(2), 50, default);
            claimed.Should().HaveCount(5);
        }

        var survivor = host.Dispatcher("B");
        (await survivor.DispatchBatchAsync()).Should().Be(0, "the crashed instance's leases still hold");
        host.Time.Advance(TimeSpan.FromMinutes(2));
        (await survivor.DispatchBatchAsync()).Should().Be(5);

        Sender(host).Delivered.Keys.Should().BeEquivalentTo(keys.Select(k => MessageIds.FromIdempotencyKey(k)));
        (await host.OutboxRowsAsync()).Should().OnlyContain(r => r.Status == OutboxStatus.Sent && r.Attempts == 1);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_dispatcher_stopped_mid_batch_loses_nothing_and_only_the_in_flight_row_goes_twice(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, new ModuleHostOptions { SqliteFile = true, Options = o => o.Outbox.MaxConcurrency = 1 }, builder =>
        {
            builder.Services.AddSingleton<ScriptedMailSender>();
            builder.Services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<ScriptedMailSender>()));
        });
        var sender = Sender(host);
        sender.HangAfterDeliveringCall = 7; // the 7th mail reaches the server, then the connection hangs
        var keys = await host.EnqueueMailsAsync(20);

        var first = host.Dispatcher("first", o => o.BatchSize = 20);
        await first.StartAsync(CancellationToken.None);
        await sender.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(30));
        first.Dispose(); // what disposing the host does: cancels the dispatcher
        await first.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        var rows = await host.OutboxRowsAsync();
        rows.Count(r => r.Status == OutboxStatus.Sent).Should().Be(6);
        rows.Where(r => r.Status == OutboxStatus.Pending).Should().HaveCount(14).And.OnlyContain(r => r.LeaseOwner == null, "the stopping instance handed its unsettled rows back");

        sender.HangAfterDeliveringCall = null;
        var second = host.Dispatcher("second");
        await host.DrainAsync(second);

        (await host.OutboxRowsAsync()).Should().OnlyContain(r => r.Status == OutboxStatus.Sent);
        sender.Delivered.Keys.Should().BeEquivalentTo(keys.Select(k => MessageIds.FromIdempotencyKey(k)), "nothing was lost");
        var inFlight = sender.Mails.ElementAt(6).MessageId;
        sender.Delivered.Where(d => d.Value > 1).Should().ContainSingle("only the in-flight row may go twice").Which
            .Should().Be(new KeyValuePair<string, int>(inFlight, 2), "a redelivery carries the same Message-ID");
    }

    [Fact]
    public void Backoff_doubles_from_the_base_with_jitter_and_stops_at_the_maximum()
    {
        var options = new OutboxOptions { BaseRetryDelay = TimeSpan.FromSeconds(5), MaxRetryDelay = TimeSpan.FromMinutes(10) };
        var random = new Random(7);
        for (var attempt = 1; attempt <= 40; attempt++)
        {
            var full = TimeSpan.FromSeconds(Math.Min(5 * Math.Pow(2, attempt - 1), 600));
            var delays = Enumerable.Range(0, 50).Select(_ => OutboxDispatcher.Backoff(attempt, options, random)).ToList();
            delays.Should().OnlyContain(d => d >= full / 2 && d <= full, "attempt {0}", attempt);
            delays.Distinct().Count().Should().BeGreaterThan(10, "jitter spreads attempt {0}", attempt);
        }
    }

    /// <summary>Expands an event into two mail rows; with <c>{"steal":true}</c> another instance takes the lease over while it runs.</summary>
    private sealed class FanOutHandler : IOutboxHandler
    {
        public const string EventType = "test.fan-out";

        public IReadOnlyCollection<string> EventTypes { get; } = [EventType];

        public async Task HandleAsync(OutboxDeliveryContext context, CancellationToken cancellationToken)
        {
            var row = context.Message;
            if (row.PayloadJson.Contains("steal", StringComparison.Ordinal))
            {
                await context.Db.Set<OutboxMessage>().Where(m => m.Id == row.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, "B"), cancellationToken);
            }

            foreach (var who in new[] { "broker", "expert" })
            {
                context.Enqueue(OutboxTestKit.MailRow(row.NetworkId, $"{row.IdempotencyKey}:{who}", who + "@example.test", row.CreatedAt));
            }
        }
    }
}
