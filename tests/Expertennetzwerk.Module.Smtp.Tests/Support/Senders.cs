using System.Net;
using System.Net.Sockets;
using Expertennetzwerk.Module.Ports;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Smtp.Tests.Support;

internal static class Senders
{
    public static SmtpOptions Options(int port, Action<SmtpOptions>? adjust = null)
    {
        var options = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port,
            TlsMode = SmtpTlsMode.None,
            FromAddress = "netzwerk@expertennetzwerk.example",
            FromDisplayName = "Expertennetzwerk Süd",
            Timeout = TimeSpan.FromSeconds(10),
        };
        adjust?.Invoke(options);
        return options;
    }

    public static SmtpMailSender Create(int port, Action<SmtpOptions>? adjust = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(port, adjust)));

    public static OutgoingMail Mail(string id, params MailAddress[] to) =>
        new(id, to, $"Betreff {id}", $"Text {id}", $"<p>HTML {id}</p>");

    /// <summary>A port on 127.0.0.1 that nothing listens on (bound once by the system, then released).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
