using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Expertennetzwerk.Module.Tests.Outbox;

/// <summary>The module's interceptors wake the dispatcher after a commit that wrote outbox rows — not before, not on a rollback.</summary>
public sealed class OutboxWakeUpTests
{
    private static bool WasPulsed(ModuleHost host) =>
        host.Services.GetRequiredService<OutboxSignal>().WaitAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult();

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task SaveChanges_with_an_outbox_row_pulses_after_the_commit_and_only_then(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var now = host.Time.GetUtcNow();
        WasPulsed(host).Should().BeFalse();

        await using (var db = host.CreateDbContext())
        {
            db.Add(OutboxTestKit.MailRow(host.Network.NetworkId, "auto:1", OutboxTestKit.Recipient, now));
            await db.SaveChangesAsync();
        }

        WasPulsed(host).Should().BeTrue("SaveChanges committed an outbox row");
        WasPulsed(host).Should().BeFalse("pulses are consumed");

        await using (var db = host.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(OutboxTestKit.MailRow(host.Network.NetworkId, "tx:1", OutboxTestKit.Recipient, now));
            await db.SaveChangesAsync();
            WasPulsed(host).Should().BeFalse("the row is not committed yet");
            await transaction.CommitAsync();
        }

        WasPulsed(host).Should().BeTrue("the transaction that wrote the row committed");

        await using (var db = host.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(OutboxTestKit.MailRow(host.Network.NetworkId, "tx:2", OutboxTestKit.Recipient, now));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();

            db.ChangeTracker.Clear();
            await using var next = await db.Database.BeginTransactionAsync();
            await next.CommitAsync(); // a later, unrelated commit of the same context must not pulse for the rolled-back row
        }

        WasPulsed(host).Should().BeFalse("the row was rolled back");

        await using (var db = host.CreateDbContext())
        {
            var row = await db.Set<OutboxMessage>().AsTracking().FirstAsync();
            row.LastError = "touched";
            (await db.SaveChangesAsync()).Should().Be(1);
        }

        WasPulsed(host).Should().BeFalse("an outbox row was changed, none was added");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_command_s_commit_wakes_the_running_dispatcher_without_waiting_for_the_poll(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, new ModuleHostOptions { SqliteFile = true });
        var dispatcher = host.Dispatcher("A", o => o.PollInterval = TimeSpan.FromHours(1)); // and the fake clock never moves
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            // The dispatcher found nothing and sleeps (its poll is an hour): only a wake-up can bring it back in time.
            await OutboxTestKit.EventuallyAsync(() => Task.FromResult(dispatcher.IdleWaits >= 1), TimeSpan.FromSeconds(15), "the dispatcher goes to sleep");

            var orderId = await host.OrderInAsync("Placed");
            var number = (await host.LoadOrderAsync(orderId)).Number;

            // The event is planned into mails (a second round of rows, written by the dispatcher itself) and delivered.
            var mailbox = host.Services.GetRequiredService<DevelopmentMailbox>();
            await OutboxTestKit.EventuallyAsync(
                () => Task.FromResult(mailbox.List().Any(m => m.Mail.Subject.Contains(number, StringComparison.Ordinal))), TimeSpan.FromSeconds(15),
                "the commit woke the dispatcher; its poll is an hour");
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_generic_host_runs_the_dispatcher_into_the_development_mailbox_and_stops_cleanly()
    {
        var file = Path.Combine(Path.GetTempPath(), "enw-outbox-host-" + Guid.NewGuid().ToString("N") + ".db");
        var network = new TestNetwork();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<InMemoryCustomerDirectory>();
        builder.Services.AddExpertennetzwerk(o => o.PublicBaseUrl = new Uri("https://crm.example.org/"))
            .UseEntityFrameworkCore(db => db.UseSqlite("Data Source=" + file))
            .UseCustomerDirectory<InMemoryCustomerDirectory>()
            .UseDevelopmentMailbox(capacity: 10);
        using var app = builder.Build();
        try
        {
            await using (var db = app.Services.GetRequiredService<IDbContextFactory<Module.Persistence.ExpertennetzwerkDbContext>>().CreateDbContext())
            {
                await db.Database.EnsureExpertennetzwerkCreatedAsync();
            }

            await app.StartAsync();
            await using (var db = app.Services.GetRequiredService<IDbContextFactory<Module.Persistence.ExpertennetzwerkDbContext>>().CreateDbContext())
            {
                db.Add(OutboxTestKit.MailRow(network.NetworkId, "host:1", OutboxTestKit.Recipient, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            }

            var mailbox = app.Services.GetRequiredService<DevelopmentMailbox>();
            await OutboxTestKit.EventuallyAsync(() => Task.FromResult(mailbox.List().Count == 1), TimeSpan.FromSeconds(15), "the hosted dispatcher delivers the row");
            mailbox.List()[0].Mail.MessageId.Should().Be("host=3A1@expertennetzwerk");

            await app.StopAsync().WaitAsync(TimeSpan.FromSeconds(15));
            app.Services.GetRequiredService<OutboxDispatcher>().ExecuteTask!.IsCompleted.Should().BeTrue("the dispatcher stopped with the host");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }

    [Fact]
    public async Task With_the_dispatcher_disabled_an_instance_only_writes_rows()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite, new ModuleHostOptions { Options = o => o.Outbox.DispatcherEnabled = false });
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.StartAsync(CancellationToken.None);
        await host.EnqueueMailsAsync(3);
        await dispatcher.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        (await host.OutboxRowsAsync()).Should().OnlyContain(r => r.Status == OutboxStatus.Pending && r.Attempts == 0);
        host.Services.GetRequiredService<DevelopmentMailbox>().List().Should().BeEmpty();
        await dispatcher.StopAsync(CancellationToken.None);
    }
}
