using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Smtp;

/// <summary>
/// The SMTP sender's log lines (source-generated). The Message-ID, the server's host and port and a reply's status code
/// only: a server's reply text often quotes the recipient's address, so it is never logged.
/// </summary>
internal static partial class SmtpLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Pooled SMTP connection was closed by the server ({ErrorType}); sending {MessageId} on a new one.")]
    internal static partial void ClosedByServer(ILogger logger, string errorType, string messageId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "SMTP server refused mail {MessageId} for good (status {StatusCode}).")]
    internal static partial void RefusedForGood(ILogger logger, string messageId, int statusCode);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Debug, Message = "Connected to SMTP server {Host}:{Port}.")]
    internal static partial void Connected(ILogger logger, string host, int port);
}
