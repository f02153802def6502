namespace Expertennetzwerk.Module.Smtp;

/// <summary>
/// Settings of <see cref="SmtpMailSender"/>, checked when the host starts (see <c>UseSmtp(...)</c>). Bound from
/// configuration, e.g. <c>"Smtp": { "Host": "mail.example.org", "Port": 587, "TlsMode": "StartTls", "UserName": "…",
/// "Password": "…", "FromAddress": "netzwerk@example.org", "FromDisplayName": "Expertennetzwerk" }</c>.
/// </summary>
public sealed class SmtpOptions
{
    /// <summary>The SMTP server's host name or IP address (required), e.g. <c>mail.example.org</c>.</summary>
    public string? Host { get; set; }

    /// <summary>The server's port, 1 to 65535 (default 587, the submission port).</summary>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured (default <see cref="SmtpTlsMode.StartTls"/>).</summary>
    public SmtpTlsMode TlsMode { get; set; } = SmtpTlsMode.StartTls;

    /// <summary>The user name to authenticate with; give it together with <see cref="Password"/>, or neither.</summary>
    public string? UserName { get; set; }

    /// <summary>The password to authenticate with; give it together with <see cref="UserName"/>, or neither.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address of every mail (required), e.g. <c>netzwerk@example.org</c>.</summary>
    public string? FromAddress { get; set; }

    /// <summary>The sender's display name, e.g. <c>Expertennetzwerk</c>.</summary>
    public string? FromDisplayName { get; set; }

    /// <summary>How long one network operation (connect, a command, the message data) may take (default 30 s, 1 s to 10 min).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many connections to the server may be open at once (default 2, 1 to 64). Concurrent sends beyond it wait for
    /// a free connection.
    /// </summary>
    public int MaxConnections { get; set; } = 2;

    /// <summary>
    /// How long an unused connection is kept for the next mail (default 30 s, at most 5 min, below the idle limit of
    /// common servers); <see cref="TimeSpan.Zero"/> opens a new connection per mail.
    /// </summary>
    public TimeSpan ConnectionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
