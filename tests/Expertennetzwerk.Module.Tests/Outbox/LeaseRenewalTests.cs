using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Expertennetzwerk.Module.Tests.Outbox;

/// <summary>
/// A batch is claimed under one lease but delivered row after row: with a slow mail server the last rows of a batch
/// start after the claim's lease ran out, when another instance may already have claimed them. Found by the load
/// harness (docs/reliability.md): both instances sent the same mails about a second apart. Each row's lease is renewed
/// right before its send, so a row the first instance no longer holds is left to the second.
/// </summary>
public sealed class LeaseRenewalTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Rows_whose_lease_ran_out_while_waiting_in_a_batch_are_not_sent_twice(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        static void Wire(Module.Hosting.ExpertennetzwerkBuilder builder)
        {
            builder.Services.AddSingleton<ScriptedMailSender>();
            builder.Services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<ScriptedMailSender>()));
        }

        static void Options(Module.Hosting.ExpertennetzwerkOptions o)
        {
            o.Outbox.LeaseDuration = TimeSpan.FromSeconds(2);
            o.Outbox.BatchSize = 4;
            o.Outbox.MaxConcurrency = 1;
        }

        await using var first = await ModuleHost.StartAsync(kind, new ModuleHostOptions { SqliteFile = true, Options = Options }, Wire);
        await using var second = await ModuleHost.StartAsync(kind, new ModuleHostOptions { ShareDatabaseOf = first, Options = Options }, Wire);
        var a = first.Services.GetRequiredService<OutboxDispatcher>();
        var b = second.Services.GetRequiredService<OutboxDispatcher>();
        var slow = first.Services.GetRequiredService<ScriptedMailSender>();
        var keys = await first.EnqueueMailsAsync(4, "lease");

        // Each send of the first instance takes 1.5 s (both instances' clocks move together). While it sends its
        // second row (3 s after the claim, the claim's 2 s lease has run out), the second instance dispatches.
        var claimedBySecond = -1;
        slow.BeforeDelivering = async call =>
        {
            first.Time.Advance(TimeSpan.FromSeconds(1.5));
            second.Time.Advance(TimeSpan.FromSeconds(1.5));
            if (call == 2)
            {
                claimedBySecond = await b.DispatchBatchAsync();
            }
        };

        (await a.DispatchBatchAsync()).Should().Be(4, "the first instance claimed the whole batch");
        claimedBySecond.Should().Be(2, "the rows the first instance had not started were due again; the one it was sending was renewed");

        var byFirst = slow.Delivered;
        var bySecond = second.Services.GetRequiredService<ScriptedMailSender>().Delivered;
        bySecond.Should().HaveCount(2, "the second instance delivered the rows whose lease had run out");
        byFirst.Keys.Should().NotIntersectWith(bySecond.Keys, "no mail went out from both instances");
        byFirst.Keys.Concat(bySecond.Keys).Should().BeEquivalentTo(keys.Select(k => MessageIds.FromIdempotencyKey(k)));
        (await first.OutboxRowsAsync()).Should().OnlyContain(r => r.Status == OutboxStatus.Sent && r.LeaseOwner == null);
    }
}
