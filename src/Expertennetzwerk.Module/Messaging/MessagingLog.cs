using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Messaging;

/// <summary>The messaging feature's log lines (source-generated): ids only.</summary>
internal static partial class MessagingLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Read mark of order {OrderId} changed concurrently; trying again.")]
    internal static partial void ReadMarkRaced(ILogger logger, Guid orderId);
}
