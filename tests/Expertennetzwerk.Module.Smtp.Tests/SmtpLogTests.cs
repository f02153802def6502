using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Smtp.Tests.Support;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Smtp.Tests;

/// <summary>An SMTP server's replies quote recipients' addresses: the sender logs status codes and Message-IDs, never a reply's text or an address.</summary>
public sealed class SmtpLogTests : IAsyncLifetime
{
    private TestSmtpServer _server = null!;

    public async Task InitializeAsync() => _server = await TestSmtpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Refusals_and_delays_log_no_address_and_no_reply_text_at_trace()
    {
        var capture = new CapturingLoggerProvider();
        using var logs = LoggerFactory.Create(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        await using var sender = new SmtpMailSender(Microsoft.Extensions.Options.Options.Create(Senders.Options(_server.Port)), null, logs.CreateLogger<SmtpMailSender>());

        await sender.SendAsync(Senders.Mail("l.1@expertennetzwerk", new MailAddress("anna@example.org", "Anna Beispiel")));
        await FluentActions.Awaiting(() => sender.SendAsync(Senders.Mail("l.2@expertennetzwerk", new MailAddress("niemand@invalid.example", "Niemand"))))
            .Should().ThrowAsync<PermanentDeliveryException>();
        await FluentActions.Awaiting(() => sender.SendAsync(Senders.Mail("l.3@expertennetzwerk", new MailAddress("spaeter@busy.example"))))
            .Should().ThrowAsync<Exception>();

        var entries = capture.Entries.ToList();
        entries.Should().Contain(e => e.EventId.Id == 7002 && e.AllText.Contains("550") && e.AllText.Contains("l.2@expertennetzwerk"), "the refusal is logged by status and Message-ID");
        foreach (var secret in new[] { "anna@example.org", "Anna Beispiel", "niemand@invalid.example", "spaeter@busy.example", TestSmtpServer.RefusedText, TestSmtpServer.BusyText })
        {
            entries.Where(e => e.AllText.Contains(secret, StringComparison.OrdinalIgnoreCase)).Select(e => e.AllText).Should().BeEmpty($"no log line may hold \"{secret}\"");
        }
    }
}
