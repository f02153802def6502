using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Templates;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Notifications;

/// <summary>The module's default recipient directory and what AddExpertennetzwerk registers for notifications.</summary>
public sealed class RecipientDirectoryTests
{
    public static TheoryData<DatabaseKind> Kinds() => new(Enum.GetValues<DatabaseKind>());

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task The_default_directory_reads_users_party_members_and_the_operator_and_skips_users_without_address(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var n = kit.N;
        var silent = Guid.CreateVersion7();
        await using (var db = kit.Host.CreateDbContext())
        {
            db.Add(new NetworkUser(silent, n.NetworkId, "Ohne Adresse", " "));
            db.Add(new PartyMembership(n.NetworkId, silent, n.BrokerPartyId));
            await db.SaveChangesAsync();
        }

        using var scope = kit.Host.Services.CreateScope();
        var directory = scope.ServiceProvider.GetRequiredService<IRecipientDirectory>();

        (await directory.FindUserAsync(n.NetworkId, kit.Ben)).Should().Be(new Recipient(kit.Ben, null, "ben@example.test", "Ben Baker", "en"));
        (await directory.FindUserAsync(n.NetworkId, silent)).Should().BeNull("a user without a mail address is no recipient");
        (await directory.FindUserAsync(Guid.CreateVersion7(), kit.Ben)).Should().BeNull("another network does not know Ben");
        (await directory.FindPartyAsync(n.NetworkId, n.BrokerPartyId)).Select(r => r.Email).Should().BeEquivalentTo(["anna@example.test", "ben@example.test"]);
        (await directory.FindPartyAsync(n.NetworkId, n.OtherBrokerPartyId)).Should().BeEmpty();
        (await directory.FindOperatorAsync(n.NetworkId)).Should().ContainSingle().Which.Should().Be(new Recipient(kit.Olga, n.OperatorPartyId, "olga@example.test", "Olga Operativ", "de-DE"));

        // Without OperatorPartyId on the network, the operator parties' users.
        await using (var db = kit.Host.CreateDbContext())
        {
            var network = await db.Set<ExpertNetwork>().SingleAsync(x => x.Id == n.NetworkId);
            network.OperatorPartyId = null;
            await db.SaveChangesAsync();
        }

        (await directory.FindOperatorAsync(n.NetworkId)).Select(r => r.UserId).Should().Equal(kit.Olga);
    }

    [Fact]
    public void AddExpertennetzwerk_registers_the_planner_for_every_event_and_the_digest_and_singleton_templates()
    {
        var services = new ServiceCollection();
        services.AddExpertennetzwerk(o => o.PublicBaseUrl = new Uri("https://crm.example.org/"))
            .UseEntityFrameworkCore(db => db.UseSqlite("Data Source=:memory:"))
            .UseDevelopmentMailbox();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = provider.CreateScope();

        var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().ToList();
        handlers.Select(h => h.GetType()).Should().BeEquivalentTo(
            [typeof(NotificationPlanner), typeof(DigestHandler), typeof(MailOutboxHandler), typeof(DigitalMessageOutboxHandler), typeof(Module.HostEvents.HostEventOutboxHandler)]);
        handlers.SelectMany(h => h.EventTypes).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(
        [
            OutboxEventTypes.OrderPlaced, OutboxEventTypes.OrderStateChanged, OutboxEventTypes.MessageSent, OutboxEventTypes.ConsentRequested,
            OutboxEventTypes.ConsentDecided, OutboxEventTypes.ConsentWithdrawn, OutboxEventTypes.DeadLettered, OutboxEventTypes.Digest, OutboxEventTypes.DigestItem, OutboxEventTypes.Mail, OutboxEventTypes.DigitalMessage,
            OutboxEventTypes.HostEvent,
        ]);
        provider.GetRequiredService<TemplateService>().Should().BeSameAs(provider.GetRequiredService<TemplateService>());
        // The preferences are a use case of the scope (they open a context per call): one per scope, a new one in the next.
        var preferences = scope.ServiceProvider.GetRequiredService<NotificationPreferences>();
        scope.ServiceProvider.GetRequiredService<NotificationPreferences>().Should().BeSameAs(preferences);
        using var next = provider.CreateScope();
        next.ServiceProvider.GetRequiredService<NotificationPreferences>().Should().NotBeSameAs(preferences);
    }
}
