using System.Collections.Concurrent;
using Expertennetzwerk.Module.Ports;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Expertennetzwerk.Module.Smtp;

/// <summary>
/// Delivers mails over SMTP with MailKit (register it with <c>UseSmtp(...)</c>).
/// <para>
/// Each mail becomes one MIME message: From from <see cref="SmtpOptions"/>, the recipients with their display names, the
/// subject, <c>Message-ID</c> exactly <see cref="OutgoingMail.MessageId"/> (so a redelivery is recognisable), the text
/// and the HTML body as <c>multipart/alternative</c>, and attachments beside them in <c>multipart/mixed</c>.
/// </para>
/// <para>
/// Errors: a recipient or message the server refuses for good (a 5xx reply to <c>RCPT TO</c> or to the message data,
/// or 552 "too large" to <c>MAIL FROM</c>), an invalid recipient address or a mail without recipients throw
/// <see cref="PermanentDeliveryException"/> with the server's text, and the outbox dead-letters that mail. Everything
/// else — the server unreachable, TLS or authentication failing, a time-out, a 4xx reply, a 5xx reply to our own
/// sender address (a configuration fault that fixing the settings cures) — is rethrown as it is, and the outbox retries.
/// A mail with several recipients is sent to none of them when the server refuses one.
/// </para>
/// <para>
/// Thread safety: one instance serves the whole host (a singleton) and may be called concurrently. It keeps up to
/// <see cref="SmtpOptions.MaxConnections"/> connections; every send takes one connection for itself (a MailKit
/// <see cref="SmtpClient"/> is not thread-safe, so a connection is never shared by two sends at once), and further
/// calls wait for a free one. A connection is reused while it has been idle less than
/// <see cref="SmtpOptions.ConnectionIdleTimeout"/>, and dropped after any error. When the server turns out to have
/// closed a pooled connection, the mail goes out once more on a new one (a redelivery keeps its Message-ID).
/// </para>
/// </summary>
public sealed class SmtpMailSender : IMailSender, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(2);

    private readonly SmtpOptions _options;
    private readonly string _host;
    private readonly MailboxAddress _from;
    private readonly TimeProvider _time;
    private readonly ILogger<SmtpMailSender> _logger;
    private readonly SemaphoreSlim _connections;
    private readonly ConcurrentStack<IdleConnection> _idle = new();
    private int _disposed;

    /// <summary>Creates the sender; <paramref name="options"/> must be valid (they are checked at start-up).</summary>
    public SmtpMailSender(IOptions<SmtpOptions> options, TimeProvider? timeProvider = null, ILogger<SmtpMailSender>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var validation = new SmtpOptionsValidator().Validate(null, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SmtpOptions), validation.Failures);
        }

        _host = _options.Host!.Trim();
        SmtpAddresses.TryParseMailbox(_options.FromAddress, out var from);
        from!.Name = _options.FromDisplayName ?? string.Empty;
        _from = from;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SmtpMailSender>.Instance;
        _connections = new SemaphoreSlim(_options.MaxConnections, _options.MaxConnections);
    }

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var message = SmtpMessageBuilder.Build(mail, _from, _time.GetUtcNow());

        await _connections.WaitAsync(cancellationToken).ConfigureAwait(false);
        SmtpClient? client = null;
        try
        {
            (client, var reused) = await RentAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (reused && IsClosedByServer(ex) && !cancellationToken.IsCancellationRequested)
            {
                // The server hung up on the pooled connection while it was idle (a time-out of its own, a restart):
                // that says nothing about this mail, so it goes out once more on a new connection.
                SmtpLog.ClosedByServer(_logger, ex.GetType().Name, mail.MessageId);
                client.Dispose();
                client = null;
                client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
                await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }

            var sent = client;
            client = null;
            await ReturnAsync(sent).ConfigureAwait(false);
        }
        catch (SmtpCommandException ex) when (IsPermanent(ex))
        {
            SmtpLog.RefusedForGood(_logger, mail.MessageId, (int)ex.StatusCode);
            throw new PermanentDeliveryException(Describe(ex), ex);
        }
        finally
        {
            // After an error (or a cancellation) the connection's state is unknown: close it, never reuse it.
            client?.Dispose();
            _connections.Release();
        }
    }

    /// <summary>Closes the pooled connections (politely, with <c>QUIT</c>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await DrainIdleAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        while (_idle.TryPop(out var entry))
        {
            entry.Client.Dispose();
        }
    }

    /// <summary>Whether the server's refusal will stand however often the mail is sent again.</summary>
    internal static bool IsPermanent(SmtpCommandException exception)
    {
        var code = (int)exception.StatusCode;
        if (code is < 500 or > 599)
        {
            return false;
        }

        return exception.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => true,
            SmtpErrorCode.MessageNotAccepted => true,
            // A 5xx to MAIL FROM is about our own sender (settings, relay rights): retrying after a fix helps. Only
            // "552 message too large" (the SIZE the client announced) is about this mail.
            SmtpErrorCode.SenderNotAccepted => exception.StatusCode == SmtpStatusCode.ExceededStorageAllocation,
            _ => false,
        };
    }

    private static string Describe(SmtpCommandException exception)
    {
        var reply = $"{(int)exception.StatusCode} {exception.Message}".Trim();
        return exception.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => $"SMTP server refused recipient <{exception.Mailbox?.Address}>: {reply}",
            SmtpErrorCode.SenderNotAccepted => $"SMTP server refused the message from <{exception.Mailbox?.Address}>: {reply}",
            _ => $"SMTP server refused the message: {reply}",
        };
    }

    /// <summary>
    /// Whether a pooled connection failed because the server had closed it: the socket is gone, or the farewell the
    /// server sent on its idle time-out or shutdown ("421 … closing transmission channel", some servers "221") answered
    /// the first command.
    /// </summary>
    private static bool IsClosedByServer(Exception exception) => exception switch
    {
        SmtpCommandException command => command.StatusCode is SmtpStatusCode.ServiceNotAvailable or SmtpStatusCode.ServiceClosingTransmissionChannel,
        ServiceNotConnectedException or SmtpProtocolException or IOException => true,
        _ => false,
    };

    private async Task<(SmtpClient Client, bool Reused)> RentAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryPop(out var entry))
        {
            if (entry.Client.IsConnected && _time.GetUtcNow() - entry.IdleSince < _options.ConnectionIdleTimeout)
            {
                return (entry.Client, true);
            }

            await QuitAsync(entry.Client).ConfigureAwait(false);
        }

        return (await ConnectAsync(cancellationToken).ConfigureAwait(false), false);
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_host, _options.Port, SecureSocket(_options.TlsMode), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(_options.UserName))
            {
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }

            SmtpLog.Connected(_logger, _host, _options.Port);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task ReturnAsync(SmtpClient client)
    {
        if (_options.ConnectionIdleTimeout <= TimeSpan.Zero || !client.IsConnected)
        {
            await QuitAsync(client).ConfigureAwait(false);
            return;
        }

        _idle.Push(new IdleConnection(client, _time.GetUtcNow()));
        if (Volatile.Read(ref _disposed) != 0)
        {
            // Disposed while this send ran: close what was just put back.
            await DrainIdleAsync().ConfigureAwait(false);
        }
    }

    private async Task DrainIdleAsync()
    {
        while (_idle.TryPop(out var entry))
        {
            await QuitAsync(entry.Client).ConfigureAwait(false);
        }
    }

    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(QuitTimeout);
                await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Closing anyway: a failed QUIT changes nothing for the mails already accepted.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static SecureSocketOptions SecureSocket(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown TLS mode."),
    };

    private sealed record IdleConnection(SmtpClient Client, DateTimeOffset IdleSince);
}
