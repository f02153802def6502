namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// Payload of a <see cref="Outbox.OutboxEventTypes.ConsentWithdrawn"/> row: a consent of the order was withdrawn and the
/// order kept its state (no personal data: the planner tells the broker's users which order it is).
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="ConsentId">The withdrawn consent.</param>
/// <param name="State">The order's state (Draft: the draft stays and waits for a new consent; else its data are blocked).</param>
/// <param name="WithdrawnAt">When.</param>
internal sealed record ConsentWithdrawnEvent(Guid OrderId, Guid ConsentId, string State, DateTimeOffset WithdrawnAt)
{
    /// <summary>The event row's idempotency key: <c>{orderId:N}:ConsentWithdrawn:{consentId:N}</c> (a consent is withdrawn once).</summary>
    public static string IdempotencyKey(Guid orderId, Guid consentId) => $"{orderId:N}:ConsentWithdrawn:{consentId:N}";
}
