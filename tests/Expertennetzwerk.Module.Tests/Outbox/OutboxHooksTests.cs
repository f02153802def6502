using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Consent;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Expertennetzwerk.Module.Tests.Outbox;

/// <summary>
/// The dispatcher knows no feature: the dead-letter notice and the scrubbing of consent links come from the notification
/// feature's <see cref="IOutboxDeliveryHooks"/>, in the same commit and right after delivery as before.
/// </summary>
public sealed class OutboxHooksTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Delivering_a_consent_request_scrubs_the_event_and_its_mail_once_sent(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var draft = await ConsentLinkTests.DraftAsync(host);
        var requested = (await host.Consents.RequestConsentAsync(host.Network.Broker, draft, new RequestConsentCommand(DataSubjectKind.Customer, Email: "erika@example.test"))).Value;

        await host.DrainAsync(host.Dispatcher("A"));

        var secrets = (await host.OutboxAsync(draft)).Where(r => r.IdempotencyKey.StartsWith("consent:", StringComparison.Ordinal)).ToList();
        secrets.Should().Contain(r => r.EventType == OutboxEventTypes.ConsentRequested).And.Contain(r => r.EventType == OutboxEventTypes.Mail);
        secrets.Should().OnlyContain(r => r.Status == OutboxStatus.Sent && r.PayloadJson == OutboxSecrets.ScrubbedPayload, "a consent link lives in the outbox only until delivered");
        host.Services.GetRequiredService<DevelopmentMailbox>().List().Should().Contain(m => m.Mail.Text.Contains(requested.ConsentUrl.AbsoluteUri, StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Without_the_notification_hooks_a_dead_letter_writes_no_notice(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, new ModuleHostOptions(), builder =>
        {
            builder.Services.AddSingleton<ScriptedMailSender>();
            builder.Services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<ScriptedMailSender>()));
            builder.Services.RemoveAll<IOutboxDeliveryHooks>();
        });
        host.Services.GetRequiredService<ScriptedMailSender>().Behaviour = (_, _) => new PermanentDeliveryException("550 5.1.1 unknown user");
        var key = (await host.EnqueueMailsAsync(1)).Single();

        await host.DrainAsync(host.Dispatcher("A"));

        (await host.RowAsync(key)).Status.Should().Be(OutboxStatus.DeadLettered);
        (await host.OutboxRowsAsync()).Should().NotContain(r => r.EventType == OutboxEventTypes.DeadLettered, "the notice is the notification feature's, not the dispatcher's");
    }
}
