using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using ServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace Expertennetzwerk.Module.LoadTests;

/// <summary>One message the server accepted: its Message-ID, envelope sender and recipients, text and when.</summary>
public sealed record AcceptedMail(string MessageId, string From, IReadOnlyList<string> Recipients, string Text, DateTimeOffset At);

/// <summary>
/// A real SMTP server (SmtpServer) on 127.0.0.1 that misbehaves like a mail provider on a bad day: it rejects a share of
/// the messages with 451 at random, answers 421 to everything while <see cref="Down"/>, and refuses one marked recipient
/// for good (550). It records every message it accepted.
/// </summary>
public sealed class FlakySmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random;
    private readonly double _rejectShare;
    private readonly int _latency;
    private Task? _running;
    private long _rejected;
    private long _refusedWhileDown;
    private long _refusedForGood;

    private FlakySmtpServer(int seed, double rejectShare, string markedRecipient, int latencyMilliseconds)
    {
        _latency = latencyMilliseconds;
        _random = new Random(seed);
        _rejectShare = rejectShare;
        MarkedRecipient = markedRecipient;
    }

    public int Port { get; private set; }

    /// <summary>Mail to this address is refused for good (550): its notifications must end as dead letters.</summary>
    public string MarkedRecipient { get; }

    /// <summary>While true every session gets 421 (service not available) at MAIL FROM.</summary>
    public bool Down { get; set; }

    public ConcurrentQueue<AcceptedMail> Accepted { get; } = new();

    public long RandomlyRejected => Interlocked.Read(ref _rejected);

    public long RefusedWhileDown => Interlocked.Read(ref _refusedWhileDown);

    public long RefusedForGood => Interlocked.Read(ref _refusedForGood);

    /// <summary>Starts listening on a free loopback port.</summary>
    /// <param name="seed">Seeds the random rejections and delays.</param>
    /// <param name="rejectShare">Share of messages rejected with 451.</param>
    /// <param name="markedRecipient">Refused for good (550).</param>
    /// <param name="latencyMilliseconds">A remote provider's delay before it answers a message (random, up to twice this).</param>
    public static async Task<FlakySmtpServer> StartAsync(int seed, double rejectShare, string markedRecipient, int latencyMilliseconds)
    {
        var self = new FlakySmtpServer(seed, rejectShare, markedRecipient, latencyMilliseconds);
        var listeners = new EndpointListenerFactory();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("load.example")
            .MaxMessageSize(32 * 1024 * 1024)
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Filter(self));
        services.Add(new Store(self));
        var server = new SmtpServer.SmtpServer(options, services);
        self._running = server.StartAsync(self._stop.Token);
        self.Port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_running is not null)
            {
                await _running.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (TimeoutException)
        {
        }

        _stop.Dispose();
    }

    private int Latency()
    {
        lock (_random)
        {
            return _random.Next(2 * _latency + 1);
        }
    }

    private bool RejectNow()
    {
        lock (_random)
        {
            return _random.NextDouble() < _rejectShare;
        }
    }

    private sealed class Filter(FlakySmtpServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
        {
            if (server.Down)
            {
                Interlocked.Increment(ref server._refusedWhileDown);
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)421, "4.3.2 Service not available, closing transmission channel"), quit: true);
            }

            return Task.FromResult(true);
        }

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (string.Equals($"{to.User}@{to.Host}", server.MarkedRecipient, StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref server._refusedForGood);
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)550, "5.1.1 Recipient address rejected: mailbox unavailable"));
            }

            return Task.FromResult(true);
        }
    }

    private sealed class Store(FlakySmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server.Down)
            {
                Interlocked.Increment(ref server._refusedWhileDown);
                return new SmtpResponse((SmtpReplyCode)421, "4.3.2 Service not available");
            }

            await Task.Delay(server.Latency(), cancellationToken);
            if (server.RejectNow())
            {
                Interlocked.Increment(ref server._rejected);
                return new SmtpResponse((SmtpReplyCode)451, "4.3.0 Temporary local problem, try again later");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            server.Accepted.Enqueue(new AcceptedMail(
                message.MessageId ?? string.Empty,
                $"{transaction.From.User}@{transaction.From.Host}",
                [.. transaction.To.Select(m => $"{m.User}@{m.Host}")],
                message.TextBody ?? message.HtmlBody ?? string.Empty,
                DateTimeOffset.UtcNow));
            return SmtpResponse.Ok;
        }
    }
}
