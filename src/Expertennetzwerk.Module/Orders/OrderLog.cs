using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Orders;

/// <summary>The order feature's log lines (source-generated): ids only, never the database's error text (it may quote a value).</summary>
internal static partial class OrderLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Order {OrderId} changed concurrently while it was saved ({ErrorType}).")]
    internal static partial void SavedConcurrently(ILogger logger, Guid orderId, string errorType);
}
