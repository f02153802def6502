using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders.Listing;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Persistence.Dialects;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// The operator's view of undeliverable notifications: list the dead letters of the network (keyset paged, newest
/// first) and re-queue one. Operator actors only; everything is scoped to the actor's network.
/// </summary>
public sealed class OutboxAdministration
{
    private readonly RefusalDescriber _refusals;
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 100;

    private readonly IModuleDbContextFactory _factory;
    private readonly ActorVerifier _actors;
    private readonly CursorProtector _cursors;
    private readonly OutboxSignal _signal;
    private readonly TimeProvider _time;

    internal OutboxAdministration(IModuleDbContextFactory factory, ActorVerifier actors, CursorProtector cursors, OutboxSignal signal, TimeProvider time, RefusalDescriber refusals)
    {
        _refusals = refusals;
        _factory = factory;
        _actors = actors;
        _cursors = cursors;
        _signal = signal;
        _time = time;
    }

    /// <summary>Lists dead letters of the actor's network, newest first; <paramref name="cursor"/> is a previous page's <see cref="DeadLetterPage.NextCursor"/>.</summary>
    public async Task<Result<DeadLetterPage>> ListDeadLettersAsync(Actor actor, string? cursor = null, int pageSize = 25, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<OutboxAdministration>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<DeadLetterPage>.From(Result.Forbidden());
        }

        if (actor.PartyKind != PartyKind.Operator)
        {
            return Result<DeadLetterPage>.From(_refusals.Refused(OutboxRefusals.OperatorOnly));
        }

        var errors = new List<FieldError>();
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add(InputErrors.OutOfRange("pageSize", 1, MaxPageSize));
        }

        var filter = FilterHash(actor.NetworkId);
        var after = _cursors.Read(cursor, filter, errors);

        if (errors.Count > 0)
        {
            return Result<DeadLetterPage>.From(Result.Invalid(errors));
        }

        await using var db = _factory.CreateDbContext();
        var query = db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.NetworkId == actor.NetworkId && m.Status == OutboxStatus.DeadLettered);
        if (after is { } position)
        {
            // A dead letter always has had an attempt: LastAttemptAt is set.
            query = SqlDialect.For(db).WhereBefore(query, m => m.LastAttemptAt!.Value, m => m.Id, position);
        }

        var rows = await query
            .OrderByDescending(m => m.LastAttemptAt).ThenByDescending(m => m.Id)
            .Take(pageSize + 1)
            .Select(m => new DeadLetter(m.Id, m.OrderId, m.EventType, m.IdempotencyKey, m.CreatedAt, m.Attempts, m.FirstAttemptAt, m.LastAttemptAt, m.LastError))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        // Rows dead-lettered before errors were redacted on write may still carry a recipient's address.
        rows = rows.ConvertAll(r => r.LastError is null ? r : r with { LastError = DeliveryErrorText.Redact(r.LastError) });
        var next = KeysetPage.Trim(rows, pageSize, last => _cursors.Protect(new KeysetPosition(last.LastAttemptAt ?? last.CreatedAt, last.Id), filter));

        return new DeadLetterPage(rows, next);
    }

    /// <summary>
    /// Puts a dead letter back into delivery now, with a fresh attempt count (its last error stays until the next
    /// attempt). NotFound for an unknown id or another network's row; Refused when it is not dead-lettered.
    /// </summary>
    public async Task<Result> RequeueAsync(Actor actor, Guid outboxMessageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<OutboxAdministration>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result.Forbidden();
        }

        if (actor.PartyKind != PartyKind.Operator)
        {
            return _refusals.Refused(OutboxRefusals.OperatorOnly);
        }

        var now = _time.GetUtcNow();
        await using var db = _factory.CreateDbContext();
        var rows = db.Set<OutboxMessage>().Where(m => m.Id == outboxMessageId && m.NetworkId == actor.NetworkId);
        var requeued = await rows.Where(m => m.Status == OutboxStatus.DeadLettered).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending)
            .SetProperty(m => m.Attempts, 0)
            .SetProperty(m => m.DueAt, now)
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken).ConfigureAwait(false);
        if (requeued == 1)
        {
            _signal.Pulse();
            return Result.Ok();
        }

        return await rows.AnyAsync(cancellationToken).ConfigureAwait(false) ? _refusals.Refused(OutboxRefusals.NotDeadLettered) : Result.NotFound();
    }

    private static ulong FilterHash(Guid networkId) => CursorProtector.FilterHash("outbox.dead-letters|" + networkId.ToString("N"));
}
