using Microsoft.Extensions.Options;
using MimeKit;

namespace Expertennetzwerk.Module.Smtp;

/// <summary>Checks <see cref="SmtpOptions"/> at start-up and says what to fix.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    private const string Prefix = "Expertennetzwerk SMTP: ";

    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add(Prefix + "Host is required, e.g. UseSmtp(o => o.Host = \"mail.example.org\") or \"Smtp:Host\" in configuration.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add(Prefix + $"Port must be between 1 and 65535 (is {options.Port}); usually 587 (StartTls) or 465 (SslOnConnect).");
        }

        if (!Enum.IsDefined(options.TlsMode))
        {
            failures.Add(Prefix + $"TlsMode must be None, StartTls, StartTlsWhenAvailable or SslOnConnect (is {(int)options.TlsMode}).");
        }

        var hasUser = !string.IsNullOrEmpty(options.UserName);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (hasUser != hasPassword)
        {
            failures.Add(Prefix + (hasUser
                ? "UserName is set but Password is not; give both to authenticate, or neither."
                : "Password is set but UserName is not; give both to authenticate, or neither."));
        }

        if (string.IsNullOrWhiteSpace(options.FromAddress))
        {
            failures.Add(Prefix + "FromAddress is required, the sender of every mail, e.g. netzwerk@example.org.");
        }
        else if (!SmtpAddresses.TryParseMailbox(options.FromAddress, out _))
        {
            failures.Add(Prefix + $"FromAddress is not a valid mail address (is \"{options.FromAddress}\"); give one like netzwerk@example.org.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add(Prefix + $"Timeout must be between 1 second and 10 minutes (is {options.Timeout}).");
        }

        if (options.MaxConnections is < 1 or > 64)
        {
            failures.Add(Prefix + $"MaxConnections must be between 1 and 64 (is {options.MaxConnections}).");
        }

        if (options.ConnectionIdleTimeout < TimeSpan.Zero || options.ConnectionIdleTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add(Prefix + $"ConnectionIdleTimeout must be between 0 (a new connection per mail) and 5 minutes (is {options.ConnectionIdleTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
