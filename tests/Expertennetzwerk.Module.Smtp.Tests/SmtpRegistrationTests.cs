using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Smtp.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Smtp.Tests;

/// <summary>UseSmtp(...): registration, configuration binding and start-up validation of the options.</summary>
public sealed class SmtpRegistrationTests
{
    /// <summary>Name → (a change to valid options, fragments the start-up message must contain).</summary>
    private static readonly Dictionary<string, (Action<SmtpOptions> Break, string[] Message)> Invalid = new()
    {
        ["no host"] = (o => o.Host = null, ["Host is required"]),
        ["blank host"] = (o => o.Host = "  ", ["Host is required"]),
        ["port 0"] = (o => o.Port = 0, ["Port must be between 1 and 65535 (is 0)"]),
        ["port 70000"] = (o => o.Port = 70_000, ["Port must be between 1 and 65535 (is 70000)"]),
        ["no from address"] = (o => o.FromAddress = null, ["FromAddress is required"]),
        ["from not an address"] = (o => o.FromAddress = "netzwerk.example.org", ["FromAddress is not a valid mail address (is \"netzwerk.example.org\")"]),
        ["from with a display name"] = (o => o.FromAddress = "Netz <netzwerk@example.org>", ["FromAddress is not a valid mail address"]),
        ["user without password"] = (o => o.UserName = "netzwerk", ["UserName is set but Password is not"]),
        ["password without user"] = (o => o.Password = "geheim", ["Password is set but UserName is not"]),
        ["unknown TLS mode"] = (o => o.TlsMode = (SmtpTlsMode)42, ["TlsMode must be None, StartTls, StartTlsWhenAvailable or SslOnConnect"]),
        ["timeout zero"] = (o => o.Timeout = TimeSpan.Zero, ["Timeout must be between 1 second and 10 minutes"]),
        ["no connections"] = (o => o.MaxConnections = 0, ["MaxConnections must be between 1 and 64 (is 0)"]),
        ["negative idle time"] = (o => o.ConnectionIdleTimeout = TimeSpan.FromSeconds(-1), ["ConnectionIdleTimeout must be between 0"]),
    };

    public static TheoryData<string> InvalidCases() => new(Invalid.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task Invalid_options_stop_the_host_at_start_with_what_to_fix(string name)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddExpertennetzwerk().UseSmtp(o =>
        {
            Valid(o);
            Invalid[name].Break(o);
        });
        using var host = builder.Build();

        var thrown = (await FluentActions.Awaiting(() => host.StartAsync()).Should().ThrowAsync<OptionsValidationException>()).Which;

        thrown.Failures.Should().Contain(f => f.StartsWith("Expertennetzwerk SMTP: ") && Invalid[name].Message.All(f.Contains),
            "the message must name the fix for \"{0}\"", name);
    }

    [Fact]
    public void Valid_options_pass_the_start_up_validation_and_resolve_one_shared_sender()
    {
        var services = new ServiceCollection();
        services.AddExpertennetzwerk().UseSmtp(Valid);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        var sender = provider.GetRequiredService<IMailSender>().Should().BeOfType<SmtpMailSender>().Subject;
        provider.GetRequiredService<IMailSender>().Should().BeSameAs(sender);
        provider.GetRequiredService<SmtpMailSender>().Should().BeSameAs(sender);
    }

    [Fact]
    public void UseSmtp_replaces_a_sender_registered_before()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IMailSender, NoSender>();
        services.AddExpertennetzwerk().UseSmtp(Valid);
        using var provider = services.BuildServiceProvider();

        provider.GetServices<IMailSender>().Should().ContainSingle().Which.Should().BeOfType<SmtpMailSender>();
    }

    [Fact]
    public void A_configuration_section_binds_every_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "mail.example.org",
            ["Smtp:Port"] = "465",
            ["Smtp:TlsMode"] = "SslOnConnect",
            ["Smtp:UserName"] = "netzwerk",
            ["Smtp:Password"] = "geheim",
            ["Smtp:FromAddress"] = "netzwerk@example.org",
            ["Smtp:FromDisplayName"] = "Expertennetzwerk Nord",
            ["Smtp:Timeout"] = "00:00:20",
            ["Smtp:MaxConnections"] = "4",
            ["Smtp:ConnectionIdleTimeout"] = "00:01:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddExpertennetzwerk().UseSmtp(configuration.GetSection("Smtp"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<IOptions<SmtpOptions>>().Value.Should().BeEquivalentTo(new SmtpOptions
        {
            Host = "mail.example.org",
            Port = 465,
            TlsMode = SmtpTlsMode.SslOnConnect,
            UserName = "netzwerk",
            Password = "geheim",
            FromAddress = "netzwerk@example.org",
            FromDisplayName = "Expertennetzwerk Nord",
            Timeout = TimeSpan.FromSeconds(20),
            MaxConnections = 4,
            ConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        });
    }

    [Fact]
    public async Task A_configuration_section_without_host_stops_the_host()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:FromAddress"] = "netzwerk@example.org",
        }).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddExpertennetzwerk().UseSmtp(configuration.GetSection("Smtp"));
        using var host = builder.Build();

        (await FluentActions.Awaiting(() => host.StartAsync()).Should().ThrowAsync<OptionsValidationException>())
            .Which.Failures.Should().Contain(f => f.Contains("Host is required"));
    }

    [Fact]
    public async Task A_sender_resolved_from_configuration_delivers_to_the_configured_server()
    {
        await using var server = await TestSmtpServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:TlsMode"] = "None",
            ["Smtp:FromAddress"] = "netzwerk@example.org",
            ["Smtp:FromDisplayName"] = "Netzwerk Süd",
        }).Build();
        var services = new ServiceCollection();
        services.AddExpertennetzwerk().UseSmtp(configuration.GetSection("Smtp"));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IMailSender>().SendAsync(Senders.Mail("cfg.1@expertennetzwerk", new MailAddress("anna@example.org")));

        var message = (await server.WaitForAsync(1)).Should().ContainSingle().Subject.Message;
        message.MessageId.Should().Be("cfg.1@expertennetzwerk");
        message.From.Mailboxes.Single().Name.Should().Be("Netzwerk Süd");
    }

    private static void Valid(SmtpOptions o)
    {
        o.Host = "127.0.0.1";
        o.Port = 2525;
        o.TlsMode = SmtpTlsMode.None;
        o.FromAddress = "netzwerk@example.org";
    }

    private sealed class NoSender : IMailSender
    {
        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
