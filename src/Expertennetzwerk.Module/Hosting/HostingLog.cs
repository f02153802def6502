using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Hosting;

/// <summary>The start-up's log lines (source-generated).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "Expertennetzwerk could not read the networks at start ({ErrorType}); their time zones are checked at first use instead.")]
    internal static partial void NetworksUnreadable(ILogger logger, Exception exception, string errorType);
}
