using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Smtp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// Lives where users of Microsoft.Extensions.DependencyInjection look for registration methods.
// ReSharper disable once CheckNamespace
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="SmtpMailSender"/> as the module's <see cref="IMailSender"/>.</summary>
public static class SmtpExpertennetzwerkBuilderExtensions
{
    /// <summary>
    /// Delivers the module's mails over SMTP, configured by <paramref name="configure"/>, e.g.
    /// <c>UseSmtp(o =&gt; { o.Host = "mail.example.org"; o.FromAddress = "netzwerk@example.org"; })</c>.
    /// The options are checked when the host starts; an invalid setting stops it with what to fix.
    /// </summary>
    public static ExpertennetzwerkBuilder UseSmtp(this ExpertennetzwerkBuilder builder, Action<SmtpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SmtpOptions>().Configure(configure);
        return AddSender(builder);
    }

    /// <summary>
    /// Delivers the module's mails over SMTP, configured from <paramref name="section"/> (e.g.
    /// <c>builder.Configuration.GetSection("Smtp")</c> with keys Host, Port, TlsMode, UserName, Password, FromAddress,
    /// FromDisplayName, Timeout, MaxConnections, ConnectionIdleTimeout). The options are checked when the host starts.
    /// </summary>
    public static ExpertennetzwerkBuilder UseSmtp(this ExpertennetzwerkBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<SmtpOptions>().Bind(section);
        return AddSender(builder);
    }

    private static ExpertennetzwerkBuilder AddSender(ExpertennetzwerkBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SmtpOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        services.TryAddSingleton(sp => new SmtpMailSender(
            sp.GetRequiredService<IOptions<SmtpOptions>>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<SmtpMailSender>>()));
        services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<SmtpMailSender>()));
        return builder;
    }
}
