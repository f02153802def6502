namespace Expertennetzwerk.Module.HostEvents;

/// <summary>
/// An order change the module announces to the host (e.g. for its own customer timeline), delivered after the commit
/// through the outbox, at least once, to every <see cref="IExpertennetzwerkHostEventHandler"/>. A stable contract: ids,
/// the order's number, states and triggers by name — no personal data and no secret (no names, addresses, texts or
/// links). <see cref="CustomerRef"/> is the host's own reference of the order's data subject, with
/// <see cref="BrokerPartyId"/> the key the host's <c>ICustomerDirectory</c> was asked by.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="IdempotencyKey">The same for every delivery of this event: drop a delivery whose key you already stored.</param>
/// <param name="NetworkId">The network.</param>
/// <param name="OrderId">The order.</param>
/// <param name="OrderNumber">The order's number as users see it.</param>
/// <param name="BrokerPartyId">The owning broker party.</param>
/// <param name="CustomerRef">The host's reference of the customer the order is for.</param>
/// <param name="OccurredAt">When the change was committed.</param>
/// <param name="Trigger">For an order's state change: the workflow trigger by name (e.g. <c>Accept</c>); else null.</param>
/// <param name="FromState">For an order's state change: the state before, by name; else null.</param>
/// <param name="ToState">For an order's state change: the state after, by name; else null.</param>
/// <param name="ConsentId">For a consent event: the consent; else null.</param>
/// <param name="MessageId">For <see cref="HostEventKind.MessageSent"/>: the message; else null.</param>
public sealed record ExpertennetzwerkHostEvent(
    HostEventKind Kind,
    string IdempotencyKey,
    Guid NetworkId,
    Guid OrderId,
    string OrderNumber,
    Guid BrokerPartyId,
    string CustomerRef,
    DateTimeOffset OccurredAt,
    string? Trigger = null,
    string? FromState = null,
    string? ToState = null,
    Guid? ConsentId = null,
    Guid? MessageId = null);
