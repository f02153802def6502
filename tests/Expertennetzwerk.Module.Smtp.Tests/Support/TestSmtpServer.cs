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

namespace Expertennetzwerk.Module.Smtp.Tests.Support;

/// <summary>A received mail: the envelope recipients (RCPT TO) and the parsed message.</summary>
public sealed record ReceivedMail(IReadOnlyList<string> EnvelopeRecipients, MimeMessage Message);

/// <summary>
/// A real SMTP server (SmtpServer) listening on 127.0.0.1 on a port the system picks. It refuses recipients in the
/// domain <c>invalid.example</c> for good (550) and in <c>busy.example</c> for now (451), and rejects messages whose
/// subject contains <c>[SPAM]</c> after the data (554).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    public const string RefusedText = "5.1.1 Recipient address rejected: User unknown in virtual mailbox table";
    public const string BusyText = "4.3.2 Mailbox temporarily unavailable, try again later";
    public const string SpamText = "5.7.1 Message rejected as spam by content filter";

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _sessions;

    private TestSmtpServer(int port, Task running, global::SmtpServer.SmtpServer server)
    {
        Port = port;
        _running = running;
        server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
    }

    public int Port { get; }

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>How many SMTP sessions (connections) clients opened.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>Starts the server; with <paramref name="idleLimit"/> it hangs up on a client that sends no command for that long.</summary>
    public static async Task<TestSmtpServer> StartAsync(TimeSpan? idleLimit = null)
    {
        var listeners = new EndpointListenerFactory();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var builder = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)));
        if (idleLimit is { } limit)
        {
            builder.CommandWaitTimeout(limit);
        }

        var options = builder.Build();

        TestSmtpServer? self = null;
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Filter());
        services.Add(new Store(mail => self!.Received.Enqueue(mail)));
        var server = new global::SmtpServer.SmtpServer(options, services);
        var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        var port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        self = new TestSmtpServer(port, running, server);
        self._stop.Token.Register(stop.Cancel);
        return self;
    }

    /// <summary>Waits until <paramref name="count"/> mails arrived (the server stores them after replying to the client).</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return Received.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Filter : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (to.Host.Equals("invalid.example", StringComparison.OrdinalIgnoreCase))
            {
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)550, RefusedText));
            }

            if (to.Host.Equals("busy.example", StringComparison.OrdinalIgnoreCase))
            {
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)451, BusyText));
            }

            return Task.FromResult(true);
        }
    }

    private sealed class Store(Action<ReceivedMail> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            if (message.Subject?.Contains("[SPAM]", StringComparison.Ordinal) == true)
            {
                return new SmtpResponse((SmtpReplyCode)554, SpamText);
            }

            received(new ReceivedMail(transaction.To.Select(m => $"{m.User}@{m.Host}").ToList(), message));
            return SmtpResponse.Ok;
        }
    }
}
