using System.Text.Json;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Notifications;

/// <summary>
/// A host with recipients beyond the seeded Anna (German, broker and expert): an English broker user and a German
/// operator user. Plans event rows the way the dispatcher would: the registered handler over a fresh context, then the
/// follow-ups committed (as the dispatcher commits them with the mark).
/// </summary>
internal sealed class NotificationKit : IAsyncDisposable
{
    private NotificationKit(ModuleHost host) => Host = host;

    public ModuleHost Host { get; }

    public TestNetwork N => Host.Network;

    /// <summary>Anna: German, member of the broker and the expert party.</summary>
    public Guid Anna => N.UserId;

    /// <summary>Ben: English broker user.</summary>
    public Guid Ben { get; } = Guid.CreateVersion7();

    /// <summary>Olga: German operator user.</summary>
    public Guid Olga { get; } = Guid.CreateVersion7();

    public static async Task<NotificationKit> StartAsync(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        var host = await ModuleHost.StartAsync(kind);
        var kit = new NotificationKit(host);
        await using var db = host.CreateDbContext();
        db.Add(new NetworkUser(kit.Ben, host.Network.NetworkId, "Ben Baker", "ben@example.test", "en"));
        db.Add(new PartyMembership(host.Network.NetworkId, kit.Ben, host.Network.BrokerPartyId));
        db.Add(new NetworkUser(kit.Olga, host.Network.NetworkId, "Olga Operativ", "olga@example.test", "de-DE"));
        db.Add(new PartyMembership(host.Network.NetworkId, kit.Olga, host.Network.OperatorPartyId));
        await db.SaveChangesAsync();
        return kit;
    }

    /// <summary>The event row the last command wrote for the order with the given trigger.</summary>
    public async Task<OutboxMessage> EventAsync(Guid orderId, string trigger)
    {
        var rows = await Host.OutboxAsync(orderId);
        return rows.Last(r => r.IdempotencyKey.Contains($":{trigger}:", StringComparison.Ordinal)
                              && r.EventType is OutboxEventTypes.OrderPlaced or OutboxEventTypes.OrderStateChanged);
    }

    /// <summary>Runs the registered handler for <paramref name="row"/>'s type and commits what it queued; returns those rows.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> PlanAsync(OutboxMessage row)
    {
        using var scope = Host.Services.CreateScope();
        var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().Single(h => h.EventTypes.Contains(row.EventType));
        await using var db = Host.CreateDbContext();
        var context = new OutboxDeliveryContext(row, db);
        await handler.HandleAsync(context, CancellationToken.None);
        db.AddRange(context.FollowUps);
        await db.SaveChangesAsync();
        return context.FollowUps;
    }

    /// <summary>Writes a row as a command would (for events whose commands other features build).</summary>
    public async Task<OutboxMessage> WriteAsync(string eventType, Guid? orderId, object payload, string key, string recipients = "")
    {
        var row = new OutboxMessage(Guid.CreateVersion7(), N.NetworkId, orderId, eventType, recipients, JsonSerializer.Serialize(payload), key, Host.Time.GetUtcNow());
        await using var db = Host.CreateDbContext();
        db.Add(row);
        await db.SaveChangesAsync();
        return row;
    }

    public NotificationPreferences Preferences => Host.Services.GetRequiredService<NotificationPreferences>();

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    /// <summary>The mail rows among <paramref name="rows"/> with their payloads.</summary>
    public static List<(OutboxMessage Row, OutboxMail Mail)> Mails(IEnumerable<OutboxMessage> rows) =>
        rows.Where(r => r.EventType == OutboxEventTypes.Mail).Select(r => (r, JsonSerializer.Deserialize<OutboxMail>(r.PayloadJson)!)).ToList();

    /// <summary>The one mail to <paramref name="address"/>.</summary>
    public static (OutboxMessage Row, OutboxMail Mail) MailTo(IEnumerable<OutboxMessage> rows, string address) =>
        Mails(rows).Should().ContainSingle(m => m.Mail.To.Any(t => t.Address == address), "exactly one mail should go to {0}", address).Subject;

    public static async Task<int> OutboxCountAsync(ModuleHost host)
    {
        await using var db = host.CreateDbContext();
        return await db.Set<OutboxMessage>().CountAsync();
    }
}
