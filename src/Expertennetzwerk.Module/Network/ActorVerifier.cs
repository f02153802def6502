using System.Collections.Concurrent;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Network;

/// <summary>
/// Checks the actor a use case is given against the module's own rows, once at the start of each use case: the user
/// is a member of the party in the network, the party has exactly the actor's kind there, and an operator party is
/// the network's operator. One indexed lookup (primary keys of memberships, parties and networks); a positive answer
/// is kept for <see cref="CacheLifetime"/>, a negative one never. Every save through a module context that changes a
/// membership, party, network or user clears the cache (see <see cref="OutboxWakeUpInterceptor"/>); changes written
/// outside the change tracker (raw SQL, <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>) take effect after the cache lifetime.
/// </summary>
internal sealed class ActorVerifier
{
    /// <summary>How long a verified actor is trusted without a new lookup.</summary>
    internal static readonly TimeSpan DefaultCacheLifetime = TimeSpan.FromSeconds(30);

    /// <summary>More cached actors than this clear the cache (a bound, not an eviction policy).</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<Actor, Verified> _verified = new();
    private readonly Lazy<IModuleDbContextFactory> _factory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _generation;

    /// <param name="factory">Resolved on the first lookup, so clearing the cache never needs the storage set up.</param>
    /// <param name="time">The clock of the cache lifetime.</param>
    /// <param name="logger">Receives one warning per failed check.</param>
    internal ActorVerifier(Func<IModuleDbContextFactory> factory, TimeProvider time, ILogger<ActorVerifier> logger)
    {
        _factory = new Lazy<IModuleDbContextFactory>(factory);
        _time = time;
        _logger = logger;
    }

    /// <summary>How long a verified actor is trusted without a new lookup.</summary>
    internal TimeSpan CacheLifetime { get; set; } = DefaultCacheLifetime;

    /// <summary>Skips the check (benchmarks measure the use cases with and without it). Never set in a host.</summary>
    internal bool SkipCheck { get; set; }

    /// <summary>
    /// True when <paramref name="actor"/> may act. The module's own actors (data subject, system) are not members of a
    /// party; the module creates them only after its own checks (a consent token, a job), so they pass.
    /// </summary>
    internal ValueTask<bool> VerifyAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsModuleInternal || SkipCheck)
        {
            return ValueTask.FromResult(true);
        }

        var generation = Volatile.Read(ref _generation);
        if (_verified.TryGetValue(actor, out var cached) && cached.Generation == generation && cached.ExpiresAt > _time.GetUtcNow())
        {
            return ValueTask.FromResult(true);
        }

        return LookUpAsync(actor, generation, cancellationToken);
    }

    /// <summary>Forgets every verified actor (a membership, party, network or user changed).</summary>
    internal void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _verified.Clear();
    }

    private async ValueTask<bool> LookUpAsync(Actor actor, long generation, CancellationToken cancellationToken)
    {
        if (await IsMemberAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            if (_verified.Count >= MaxEntries)
            {
                _verified.Clear();
            }

            // Stored with the generation read before the lookup: a change saved meanwhile makes this entry stale at once.
            _verified[actor] = new Verified(generation, _time.GetUtcNow() + CacheLifetime);
            return true;
        }

        _verified.TryRemove(actor, out _);
        NetworkLog.NotVerified(_logger, actor.PartyKind, actor.NetworkId);
        return false;
    }

    private async Task<bool> IsMemberAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (actor.PartyKind is not (PartyKind.Broker or PartyKind.Expert or PartyKind.Operator) || actor.UserId == Guid.Empty)
        {
            return false;
        }

        var networkId = actor.NetworkId;
        var userId = actor.UserId;
        var partyId = actor.PartyId;
        var kind = actor.PartyKind;
        await using var db = _factory.Value.CreateDbContext();
        // Query roots as locals: a `db.Set<T>()` call inside a lambda would be evaluated (interpreted) on every lookup.
        var networks = db.Set<ExpertNetwork>();
        var memberships = db.Set<PartyMembership>();
        var parties = db.Set<Party>().AsNoTracking().Where(p => p.Id == partyId && p.NetworkId == networkId && p.Kind == kind);
        if (kind == PartyKind.Operator)
        {
            parties = parties.Where(p => networks.Any(n => n.Id == networkId && n.OperatorPartyId == p.Id));
        }

        return await parties
            .AnyAsync(p => memberships.Any(m => m.NetworkId == networkId && m.UserId == userId && m.PartyId == p.Id), cancellationToken)
            .ConfigureAwait(false);
    }

    private readonly record struct Verified(long Generation, DateTimeOffset ExpiresAt);
}
