namespace Expertennetzwerk.Module.Smtp;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpTlsMode
{
    /// <summary>Plain text, no TLS (only for a relay on the same machine or a test server).</summary>
    None,

    /// <summary>Connect in plain text, then require <c>STARTTLS</c> (submission port 587); fails if the server does not offer it.</summary>
    StartTls,

    /// <summary>Use <c>STARTTLS</c> if the server offers it, plain text otherwise.</summary>
    StartTlsWhenAvailable,

    /// <summary>TLS from the first byte (implicit TLS, port 465).</summary>
    SslOnConnect,
}
