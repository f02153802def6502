namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// Payload of a <see cref="Outbox.OutboxEventTypes.ConsentRequested"/> row, written by the command that asks a data
/// subject for consent. It carries the secret links (the only place besides the mail and digital message built from it):
/// the row and its follow-ups have keys starting with <c>consent:</c> (<see cref="IdempotencyKey"/>) and must be scrubbed
/// once delivered (<see cref="OutboxSecrets"/>).
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="ConsentId">The consent request.</param>
/// <param name="DataSubjectName">The person asked.</param>
/// <param name="DataSubjectEmail">Where the mail goes.</param>
/// <param name="DataSubjectCulture">The language of the texts (German unless English).</param>
/// <param name="ConsentUrl">The unguessable link to the declaration page.</param>
/// <param name="WithdrawalUrl">The link that withdraws the consent later.</param>
/// <param name="ExpiresAt">Until when the request can be answered.</param>
internal sealed record ConsentRequestedEvent(
    Guid OrderId,
    Guid ConsentId,
    string DataSubjectName,
    string DataSubjectEmail,
    string? DataSubjectCulture,
    string ConsentUrl,
    string WithdrawalUrl,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The event row's idempotency key: <c>consent:{consentId:N}:requested</c> (a repeated request needs a new consent id).</summary>
    public static string IdempotencyKey(Guid consentId) => $"{OutboxSecrets.ConsentKeyPrefix}{consentId:N}:requested";
}
