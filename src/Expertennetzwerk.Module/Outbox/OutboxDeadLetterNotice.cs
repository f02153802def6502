namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// Payload of an <see cref="OutboxEventTypes.DeadLettered"/> row: which row gave up. No error text and no payload (they
/// may carry personal data); the operator reads them through <see cref="OutboxAdministration"/>.
/// </summary>
/// <param name="OutboxMessageId">The dead-lettered row.</param>
/// <param name="OrderId">The order it was about, if any.</param>
/// <param name="EventType">Its event type, e.g. <c>mail</c>.</param>
/// <param name="IdempotencyKey">Its key.</param>
/// <param name="Attempts">Attempts made.</param>
public sealed record OutboxDeadLetterNotice(Guid OutboxMessageId, Guid? OrderId, string EventType, string IdempotencyKey, int Attempts);
