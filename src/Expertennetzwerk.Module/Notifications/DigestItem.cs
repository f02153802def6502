namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// Payload of a <see cref="Outbox.OutboxEventTypes.DigestItem"/> row: one notification held for a user's daily digest,
/// already worded in the user's language.
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="Kind">What it is about.</param>
/// <param name="Slot">The digest it belongs to (UTC instant of the digest time).</param>
/// <param name="Subject">The line it shows (the immediate mail's subject).</param>
/// <param name="Detail">A reason or other detail, if any.</param>
/// <param name="Url">Where to read more, if anywhere.</param>
/// <param name="OccurredAt">When it happened.</param>
internal sealed record DigestItem(Guid UserId, NotificationKind Kind, DateTimeOffset Slot, string Subject, string? Detail, string? Url, DateTimeOffset OccurredAt);

/// <summary>Payload of a <see cref="Outbox.OutboxEventTypes.Digest"/> row: one user's digest at one slot.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Slot">The digest time (UTC).</param>
internal sealed record DigestRun(Guid UserId, DateTimeOffset Slot)
{
    /// <summary>The row's idempotency key: <c>digest:{userId:N}:{slot:yyyyMMddHHmm}</c> (UTC), one digest per user and slot.</summary>
    public string IdempotencyKey() => $"digest:{UserId:N}:{Slot.UtcDateTime:yyyyMMddHHmm}";
}
