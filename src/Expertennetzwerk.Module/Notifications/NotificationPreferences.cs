using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// Reads and sets a user's notification preferences: per <see cref="NotificationKind"/> an immediate mail (the default)
/// or the daily digest. Digital messages are delivered either way. A user reads and changes only their own.
/// </summary>
public sealed class NotificationPreferences
{
    private readonly RefusalDescriber _refusals;
    private readonly IModuleDbContextFactory _factory;
    private readonly ActorVerifier _actors;
    private readonly TimeProvider _time;

    internal NotificationPreferences(IModuleDbContextFactory factory, ActorVerifier actors, TimeProvider time, RefusalDescriber refusals)
    {
        _refusals = refusals;
        _factory = factory;
        _actors = actors;
        _time = time;
    }

    /// <summary>Every kind with how <paramref name="actor"/>'s user gets it.</summary>
    public async Task<Result<IReadOnlyList<NotificationPreferenceView>>> GetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<NotificationPreferences>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<IReadOnlyList<NotificationPreferenceView>>.From(Result.Forbidden());
        }

        if (!IsUser(actor))
        {
            return Result<IReadOnlyList<NotificationPreferenceView>>.From(_refusals.Refused(NotificationRefusals.OnlyOwnPreferences));
        }

        await using var db = _factory.CreateDbContext();
        var stored = await db.Set<NotificationPreference>().AsNoTracking()
            .Where(p => p.NetworkId == actor.NetworkId && p.UserId == actor.UserId)
            .ToDictionaryAsync(p => p.Kind, p => p.Delivery, cancellationToken)
            .ConfigureAwait(false);
        IReadOnlyList<NotificationPreferenceView> views = Enum.GetValues<NotificationKind>()
            .Select(kind => new NotificationPreferenceView(kind, stored.GetValueOrDefault(kind, NotificationDelivery.Immediate)))
            .ToList();
        return Result<IReadOnlyList<NotificationPreferenceView>>.Ok(views);
    }

    /// <summary>
    /// Sets how user <paramref name="userId"/> gets <paramref name="kind"/>. Refused unless <paramref name="userId"/> is
    /// the actor's own user; unknown kind or delivery values are field errors; a user unknown in the network is NotFound.
    /// </summary>
    public async Task<Result> SetAsync(Actor actor, Guid userId, NotificationKind kind, NotificationDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<NotificationPreferences>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result.Forbidden();
        }

        if (!IsUser(actor) || actor.UserId != userId)
        {
            return _refusals.Refused(NotificationRefusals.OnlyOwnPreferences);
        }

        var errors = new List<FieldError>();
        if (!Enum.IsDefined(kind))
        {
            errors.Add(InputErrors.NotAllowed("kind"));
        }

        if (!Enum.IsDefined(delivery))
        {
            errors.Add(InputErrors.NotAllowed("delivery"));
        }

        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        await using var db = _factory.CreateDbContext();
        var known = await db.Set<NetworkUser>().AnyAsync(u => u.NetworkId == actor.NetworkId && u.Id == userId, cancellationToken).ConfigureAwait(false);
        if (!known)
        {
            return Result.NotFound();
        }

        var now = _time.GetUtcNow();
        var preference = await db.Set<NotificationPreference>()
            .SingleOrDefaultAsync(p => p.NetworkId == actor.NetworkId && p.UserId == userId && p.Kind == kind, cancellationToken)
            .ConfigureAwait(false);
        if (preference is null)
        {
            db.Add(new NotificationPreference(actor.NetworkId, userId, kind, delivery, now));
        }
        else
        {
            preference.Delivery = delivery;
            preference.UpdatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // The same user set the same kind at the same moment from elsewhere: the other write stands.
            return Result.Conflict();
        }

        return Result.Ok();
    }

    /// <summary>The deliveries the given users chose, for the planner (kinds without a row are immediate).</summary>
    internal static async Task<Dictionary<(Guid UserId, NotificationKind Kind), NotificationDelivery>> LoadAsync(
        DbContext db, Guid networkId, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        var rows = await db.Set<NotificationPreference>().AsNoTracking()
            .Where(p => p.NetworkId == networkId && userIds.Contains(p.UserId))
            .Select(p => new { p.UserId, p.Kind, p.Delivery })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows.ToDictionary(r => (r.UserId, r.Kind), r => r.Delivery);
    }

    private static bool IsUser(Actor actor) =>
        actor.UserId != Guid.Empty && actor.PartyKind is PartyKind.Broker or PartyKind.Expert or PartyKind.Operator;
}
