using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Consent;
using Expertennetzwerk.Module.Tests.Messaging;
using Expertennetzwerk.Module.Tests.Outbox;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Tests.Diagnostics;

/// <summary>
/// No personal datum and no secret in any log line at any level: the main flows are driven with every category
/// captured at Trace (the module's own lines and EF Core's), and no message, structured value or exception text
/// holds a consent or withdrawal token, a cursor, a mail address or the customer's name.
/// </summary>
public sealed class LogPrivacyTests
{
    private const string DataSubjectAddress = "erika@example.test";

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_main_flows_log_no_token_cursor_address_or_name_at_trace(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        var capture = new CapturingLoggerProvider();
        await using var host = await ModuleHost.StartAsync(kind, builder =>
        {
            builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
            builder.Services.AddSingleton<ScriptedMailSender>();
            builder.Services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<ScriptedMailSender>()));
        });
        var sender = host.Services.GetRequiredService<ScriptedMailSender>();
        // An SMTP server's replies quote addresses: the data subject's mail is refused for good (a dead letter), every
        // first attempt of another mail fails for a while (a retry).
        var failedOnce = new HashSet<string>();
        sender.Behaviour = (_, mail) =>
        {
            var to = string.Join(", ", mail.To.Select(t => t.Address));
            if (to.Contains(DataSubjectAddress, StringComparison.Ordinal))
            {
                return new PermanentDeliveryException($"550 5.1.1 <{to}>: Recipient address rejected");
            }

            lock (failedOnce)
            {
                return failedOnce.Add(mail.MessageId) ? new IOException($"451 4.3.0 <{to}>: try again later") : null;
            }
        };

        var n = host.Network;
        var orderId = await ConsentLinkTests.DraftAsync(host);
        var requested = (await host.Consents.RequestConsentAsync(n.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer, Email: DataSubjectAddress))).Value;
        var token = ConsentLinkTests.TokenOf(requested.ConsentUrl);
        var withdrawalToken = ConsentLinkTests.TokenOf(requested.WithdrawalUrl);
        (await host.Consents.OpenAsync(token)).IsOk.Should().BeTrue();
        (await host.Consents.DecideAsync(token, agree: true)).IsOk.Should().BeTrue();
        (await host.Consents.OpenAsync(token)).IsOk.Should().BeFalse("a used link");
        (await host.Consents.OpenWithdrawalAsync(withdrawalToken)).IsOk.Should().BeTrue();
        (await host.Orders.PlaceAsync(n.Broker, orderId)).IsOk.Should().BeTrue();
        (await host.Orders.AcceptAsync(n.Expert, orderId)).IsOk.Should().BeTrue();
        (await host.Messages().SendAsync(n.Broker, orderId, "Frau Mustermann bittet um Rückruf.")).IsOk.Should().BeTrue();
        (await host.Messages().SendAsync(n.Expert, orderId, "Gern, ich melde mich.")).IsOk.Should().BeTrue();
        var thread = (await host.Services.GetRequiredService<DigitalMessageQueries>().ListThreadAsync(n.Broker, orderId, new ThreadQuery { PageSize = 1 })).Value;
        var threadCursor = thread.NextCursor!;
        (await host.Services.GetRequiredService<DigitalMessageQueries>().ListThreadAsync(n.Broker, orderId, new ThreadQuery { PageSize = 1, Cursor = threadCursor })).IsOk.Should().BeTrue();

        await host.OrderInAsync("Placed", "K-1");
        var page = (await host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { PageSize = 1, Text = "Mustermann" })).Value;
        var listCursor = page.NextCursor!;
        (await host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { PageSize = 1, Text = "Mustermann", Cursor = listCursor })).IsOk.Should().BeTrue();
        var badCursor = listCursor[..^6] + "AAAAAA";
        (await host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { PageSize = 1, Text = "Mustermann", Cursor = badCursor })).Status.Should().Be(Module.Common.ResultStatus.ValidationFailed);
        (await host.Consents.OpenAsync("not-a-token-" + token[..10])).IsOk.Should().BeFalse();

        await host.DrainAsync(host.Services.GetRequiredService<OutboxDispatcher>());
        (await host.OutboxRowsAsync()).Should().Contain(r => r.Status == OutboxStatus.DeadLettered, "the data subject's mail was refused for good");
        sender.Mails.Should().NotBeEmpty();

        List<string> addresses, userNames;
        await using (var db = host.CreateDbContext())
        {
            addresses = await db.Set<NetworkUser>().Select(u => u.Email).ToListAsync();
            userNames = await db.Set<NetworkUser>().Select(u => u.DisplayName).ToListAsync();
        }

        var forbidden = new List<string> { token, withdrawalToken, threadCursor, listCursor, badCursor, DataSubjectAddress, "Mustermann", "Erika" };
        forbidden.AddRange(addresses);
        forbidden.AddRange(userNames);
        var entries = capture.Entries.ToList();
        entries.Should().Contain(e => e.EventId.Id == 3005, "a failed delivery was logged (retry)");
        entries.Should().Contain(e => e.EventId.Id == 3007 && e.Level == LogLevel.Error, "a dead letter was logged");
        entries.Should().Contain(e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal), "EF Core's lines are captured too");
        foreach (var secret in forbidden.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct())
        {
            entries.Where(e => e.AllText.Contains(secret, StringComparison.OrdinalIgnoreCase))
                .Select(e => $"{e.Category} {e.Level} {e.EventId}: {e.AllText}")
                .Should().BeEmpty($"no log line may hold \"{secret}\"");
        }
    }
}
