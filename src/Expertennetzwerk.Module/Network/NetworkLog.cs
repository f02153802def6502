using Expertennetzwerk.Module.Common;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Network;

/// <summary>The network feature's log lines (source-generated): the party kind and the network id, never a user or a name.</summary>
internal static partial class NetworkLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning,
        Message = "An actor of kind {PartyKind} in network {NetworkId} is not a verified member of its party; the use case answered Forbidden.")]
    internal static partial void NotVerified(ILogger logger, PartyKind partyKind, Guid networkId);
}
