namespace Expertennetzwerk.Module.Outbox.Events;

/// <summary>
/// Payload of a <see cref="OutboxEventTypes.ConsentDecided"/> row, written with the data subject's decision. The
/// planner reads name, address, language and text from the consent itself; the row carries only the withdrawal link,
/// a secret: its key starts with <see cref="ConsentRequestedEvent.KeyPrefix"/> (<see cref="IdempotencyKey"/>), so it and
/// the mail planned from it are scrubbed once delivered.
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="ConsentId">The decided consent.</param>
/// <param name="Agreed">True for an agreement, false for a refusal.</param>
/// <param name="WithdrawalUrl">The working withdrawal link (after an agreement; null after a refusal).</param>
internal sealed record ConsentDecidedEvent(Guid OrderId, Guid ConsentId, bool Agreed, string? WithdrawalUrl)
{
    /// <summary>The row's idempotency key: <c>consent:{consentId:N}:decided</c> (a consent is decided once).</summary>
    public string IdempotencyKey() => $"{ConsentRequestedEvent.KeyPrefix}{ConsentId:N}:decided";
}
