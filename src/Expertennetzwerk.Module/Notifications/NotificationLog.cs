using Expertennetzwerk.Module.Templates;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// The notification feature's log lines (source-generated). Ids, counts, event types and template kinds only: never a
/// name, mail address, link, token, text or exception message (a template error may quote the data it rendered).
/// </summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Planned {Count} notification rows for {EventType} row {RowId}.")]
    internal static partial void Planned(ILogger logger, int count, string eventType, Guid rowId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "The service version {VersionId}'s {Kind} template failed ({ErrorType}); the default is used instead.")]
    internal static partial void ServiceTemplateFailed(ILogger logger, Guid versionId, TemplateKind kind, string errorType);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Order {OrderId} of network {NetworkId} is gone; no notifications planned.")]
    internal static partial void OrderGone(ILogger logger, Guid orderId, Guid networkId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Consent request {ConsentId} of order {OrderId} has no mail address; nothing is sent.")]
    internal static partial void ConsentRequestWithoutAddress(ILogger logger, Guid consentId, Guid orderId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Consent {ConsentId} of order {OrderId} is gone; no confirmation is sent.")]
    internal static partial void ConsentGone(ILogger logger, Guid consentId, Guid orderId);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Debug, Message = "Consent {ConsentId} of order {OrderId} has no mail address; the decision is not confirmed by mail.")]
    internal static partial void ConsentConfirmationWithoutAddress(ILogger logger, Guid consentId, Guid orderId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Broker party {PartyId} of order {OrderId} has no recipient; the withdrawal notice is skipped.")]
    internal static partial void WithdrawalNoticeWithoutRecipient(ILogger logger, Guid partyId, Guid orderId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Dead-letter notice {RowId} is about a notice (row {DeadRowId}); the operator is not mailed again.")]
    internal static partial void NoticeAboutNotice(ILogger logger, Guid rowId, Guid deadRowId);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Network {NetworkId} has no operator recipient; dead letter {DeadRowId} is not mailed.")]
    internal static partial void DeadLetterWithoutOperator(ILogger logger, Guid networkId, Guid deadRowId);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Message {MessageId} names party {PartyId}, which is not a party of order {OrderId}; nobody is notified.")]
    internal static partial void MessageToStranger(ILogger logger, Guid messageId, Guid? partyId, Guid orderId);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug, Message = "Event row {RowId} is no state change; nothing to notify.")]
    internal static partial void NoStateChange(ILogger logger, Guid rowId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Broker party {PartyId} of order {OrderId} has no recipient; its state-change mail is skipped.")]
    internal static partial void StateMailWithoutRecipient(ILogger logger, Guid partyId, Guid orderId);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "Network {NetworkId} has no operator recipient; the dispute on order {OrderId} is not mailed.")]
    internal static partial void DisputeWithoutOperator(ILogger logger, Guid networkId, Guid orderId);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Expert party {PartyId} of order {OrderId} has no mail recipient; it has only the order's system notice.")]
    internal static partial void ExpertWithoutRecipient(ILogger logger, Guid? partyId, Guid orderId);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Debug, Message = "Digest row {RowId} has no items.")]
    internal static partial void EmptyDigest(ILogger logger, Guid rowId);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning, Message = "User {UserId} of network {NetworkId} has no mail address; digest row {RowId} with {Count} items is not sent.")]
    internal static partial void DigestWithoutAddress(ILogger logger, Guid userId, Guid networkId, Guid rowId, int count);
}
