using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Expertennetzwerk.Module.Tests.Outbox;

/// <summary>Two host instances on one database work the same outbox under load: every key is delivered exactly once.</summary>
public sealed class TwoDispatcherTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Postgres, 2_000)]
    [InlineData(DatabaseKind.Sqlite, 600)]
    public async Task Two_instances_on_one_database_deliver_each_key_exactly_once(DatabaseKind kind, int rows)
    {
        Postgres.SkipUnlessAvailable(kind);
        static void Wire(Module.Hosting.ExpertennetzwerkBuilder builder)
        {
            builder.Services.AddSingleton<ScriptedMailSender>();
            builder.Services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<ScriptedMailSender>()));
        }

        static void Options(Module.Hosting.ExpertennetzwerkOptions o)
        {
            o.Outbox.BatchSize = 20;
            o.Outbox.MaxConcurrency = 4;
            o.Outbox.PollInterval = TimeSpan.FromMilliseconds(200);
        }

        await using var first = await ModuleHost.StartAsync(kind, new ModuleHostOptions { SqliteFile = true, Options = Options }, Wire);
        await using var second = await ModuleHost.StartAsync(kind, new ModuleHostOptions { ShareDatabaseOf = first, Options = Options }, Wire);
        var a = first.Services.GetRequiredService<OutboxDispatcher>();
        var b = second.Services.GetRequiredService<OutboxDispatcher>();
        a.InstanceId.Should().NotBe(b.InstanceId);

        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        List<string> keys;
        try
        {
            keys = await first.EnqueueMailsAsync(rows, "load");
            second.Services.GetRequiredService<OutboxSignal>().Pulse(); // another instance's commit: it would find them at its next poll

            await OutboxTestKit.EventuallyAsync(
                async () =>
                {
                    await using var db = first.CreateDbContext();
                    return await db.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Sent) == rows;
                },
                TimeSpan.FromMinutes(4),
                "both instances drain the outbox");
        }
        finally
        {
            await a.StopAsync(CancellationToken.None);
            await b.StopAsync(CancellationToken.None);
        }

        var byFirst = first.Services.GetRequiredService<ScriptedMailSender>().Delivered;
        var bySecond = second.Services.GetRequiredService<ScriptedMailSender>().Delivered;
        byFirst.Should().NotBeEmpty();
        bySecond.Should().NotBeEmpty("both instances took part");
        byFirst.Keys.Should().NotIntersectWith(bySecond.Keys, "no row was delivered by both instances");
        byFirst.Values.Concat(bySecond.Values).Should().OnlyContain(n => n == 1);
        byFirst.Keys.Concat(bySecond.Keys).Should().BeEquivalentTo(keys.Select(k => MessageIds.FromIdempotencyKey(k)));
        (await first.OutboxRowsAsync()).Should().OnlyContain(r => r.Attempts == 1 && r.LeaseOwner == null);
    }
}
