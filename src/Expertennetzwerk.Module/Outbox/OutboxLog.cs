using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// The outbox's log lines (source-generated). Row ids, event types and counts only: a delivery error's text may quote a
/// mail address (an SMTP server's reply), so it is kept with the row for the operator and never logged; idempotency keys
/// are not logged either (a data subject's key holds a hash of the address).
/// </summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Expertennetzwerk outbox dispatcher is disabled on this instance (Outbox.DispatcherEnabled = false).")]
    internal static partial void DispatcherDisabled(ILogger logger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Expertennetzwerk outbox dispatcher {InstanceId} started.")]
    internal static partial void DispatcherStarted(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Expertennetzwerk outbox dispatcher {InstanceId} stopped.")]
    internal static partial void DispatcherStopped(ILogger logger, string instanceId);

    // With the exception: this is the database or the schema failing (claims and settling), not a delivery.
    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Expertennetzwerk outbox dispatcher {InstanceId} could not dispatch; retrying in {Wait}.")]
    internal static partial void DispatchFailed(ILogger logger, Exception exception, string instanceId, TimeSpan wait);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Outbox row {RowId} ({EventType}) failed after {Elapsed} ms ({ErrorType}); it is tried again (the error is kept with the row).")]
    internal static partial void DeliveryFailed(ILogger logger, Guid rowId, string eventType, long elapsed, string errorType);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning,
        Message = "Outbox row {RowId} ({EventType}) was delivered or tried by {InstanceId} after its lease passed to another instance; its outcome was not recorded. Raise Outbox.LeaseDuration if deliveries take that long.")]
    internal static partial void LeaseLost(ILogger logger, Guid rowId, string eventType, string instanceId);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information,
        Message = "Outbox row {RowId} ({EventType}) waited in {InstanceId}'s batch until its lease ran out; it was left to the instance that holds it now (not sent twice). Lower Outbox.BatchSize or raise Outbox.LeaseDuration if this is frequent.")]
    internal static partial void LeaseExpiredBeforeDelivery(ILogger logger, Guid rowId, string eventType, string instanceId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Outbox row {RowId} ({EventType}) dead-lettered after {Attempts} attempt(s); the operator sees the error with the row.")]
    internal static partial void DeadLettered(ILogger logger, Guid rowId, string eventType, int attempts);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Outbox dispatcher {InstanceId} could not release {Count} leases on shutdown ({ErrorType}); they expire by themselves.")]
    internal static partial void ReleaseFailed(ILogger logger, string instanceId, int count, string errorType);
}
