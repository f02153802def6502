namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// Payload of a <see cref="Outbox.OutboxEventTypes.ConsentDecided"/> row, written with the data subject's decision. The
/// planner reads name, address, language and text from the consent itself; the row carries only the withdrawal link,
/// a secret: its key starts with <c>consent:</c> (<see cref="IdempotencyKey"/>), so it and the mail planned from it are
/// scrubbed once delivered (<see cref="OutboxSecrets"/>).
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="ConsentId">The decided consent.</param>
/// <param name="Agreed">True for an agreement, false for a refusal.</param>
/// <param name="WithdrawalUrl">The working withdrawal link (after an agreement; null after a refusal).</param>
internal sealed record ConsentDecidedEvent(Guid OrderId, Guid ConsentId, bool Agreed, string? WithdrawalUrl)
{
    /// <summary>The event row's idempotency key: <c>consent:{consentId:N}:decided</c> (a consent is decided once).</summary>
    public static string IdempotencyKey(Guid consentId) => $"{OutboxSecrets.ConsentKeyPrefix}{consentId:N}:decided";
}
