using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Smtp;
using Expertennetzwerk.SampleHost.Mailbox;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.SampleHost.Tests.Mailbox;

/// <summary>
/// <c>Mail:Smtp:Host</c> switches the sample from its mailbox to the module's SMTP package; <c>Expertennetzwerk:Outbox</c>
/// sets the dispatcher's options (the load harness starts the host with both).
/// </summary>
public sealed class SmtpSwitchTests
{
    [Fact]
    public async Task With_Mail_Smtp_Host_mails_go_to_that_server_and_the_outbox_settings_apply()
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        await using var app = SampleHostApp.Build([
            .. database.HostArguments(),
            "--Mail:Smtp:Host=127.0.0.1", "--Mail:Smtp:Port=2525", "--Mail:Smtp:TlsMode=None", "--Mail:Smtp:FromAddress=netzwerk@example.org",
            "--Expertennetzwerk:Outbox:LeaseDuration=00:00:08", "--Expertennetzwerk:Outbox:MaxAttempts=40",
        ]);

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IMailSender>().Should().BeOfType<SmtpMailSender>();
        var smtp = app.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        (smtp.Host, smtp.Port, smtp.TlsMode, smtp.FromAddress).Should().Be(("127.0.0.1", 2525, SmtpTlsMode.None, "netzwerk@example.org"));
        var outbox = app.Services.GetRequiredService<IOptions<ExpertennetzwerkOptions>>().Value.Outbox;
        (outbox.LeaseDuration, outbox.MaxAttempts).Should().Be((TimeSpan.FromSeconds(8), 40));
    }

    [Fact]
    public async Task Without_it_mails_stay_in_the_sample_mailbox()
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        await using var app = SampleHostApp.Build(database.HostArguments());

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IMailSender>().Should().BeOfType<StoredMailbox>();
        app.Services.GetRequiredService<IOptions<ExpertennetzwerkOptions>>().Value.Outbox.LeaseDuration.Should().Be(TimeSpan.FromMinutes(2));
    }
}
