namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// A dead-lettered outbox row as the operator sees it: metadata and the error, never the payload (a mail's text may
/// carry customer data).
/// </summary>
/// <param name="Id">The row's id (to re-queue it).</param>
/// <param name="OrderId">The order it is about, if any.</param>
/// <param name="EventType">E.g. <c>mail</c>.</param>
/// <param name="IdempotencyKey">The notification's key (the mail's Message-ID is built from it).</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="Attempts">Delivery attempts made.</param>
/// <param name="FirstAttemptAt">When the first attempt ended.</param>
/// <param name="LastAttemptAt">When it was given up.</param>
/// <param name="LastError">Why the last attempt failed.</param>
public sealed record DeadLetter(
    Guid Id,
    Guid? OrderId,
    string EventType,
    string IdempotencyKey,
    DateTimeOffset CreatedAt,
    int Attempts,
    DateTimeOffset? FirstAttemptAt,
    DateTimeOffset? LastAttemptAt,
    string? LastError);

/// <summary>A page of dead letters, newest first.</summary>
/// <param name="Items">The rows.</param>
/// <param name="NextCursor">Pass it to get the next page; null on the last page.</param>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items, string? NextCursor);
