using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Idempotency;
using Expertennetzwerk.Module.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

internal enum IdempotencyOutcome
{
    /// <summary>The key is this request's now: run it.</summary>
    Run,
    Replay,
    OtherRequest,
    InProgress,
}

/// <summary>The idempotency keys in the module's database (<see cref="IdempotencyRecord"/>), shared by every host instance.</summary>
internal sealed class IdempotencyStore(IModuleDbContextFactory contexts, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>A first request that has neither answered nor released its key by then died with its process.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    public async Task<(IdempotencyOutcome Outcome, IdempotencyRecord? Record)> BeginAsync(Actor actor, string key, string hash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = time.GetUtcNow();
            await using var db = contexts.CreateDbContext();
            var records = db.Set<IdempotencyRecord>();
            var existing = await records.AsNoTracking()
                .SingleOrDefaultAsync(r => r.NetworkId == actor.NetworkId && r.UserId == actor.UserId && r.PartyId == actor.PartyId && r.Key == key, cancellationToken)
                .ConfigureAwait(false);
            if (existing is null)
            {
                // Expired keys of this actor go when it uses a new one.
                var expired = now - Lifetime;
                await records.Where(r => r.NetworkId == actor.NetworkId && r.UserId == actor.UserId && r.PartyId == actor.PartyId && r.CreatedAt < expired)
                    .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                records.Add(new IdempotencyRecord(actor.NetworkId, actor.UserId, actor.PartyId, key, hash, now));
                try
                {
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    return (IdempotencyOutcome.Run, null);
                }
                catch (DbUpdateException) when (attempt == 0)
                {
                    continue; // another instance inserted the same key first: read what it wrote
                }
            }

            var stale = existing.CreatedAt < now - Lifetime || (existing.StatusCode is null && existing.CreatedAt < now - Abandoned);
            if (stale)
            {
                // Take the key over, unless another request took it over first.
                var taken = await records
                    .Where(r => r.NetworkId == actor.NetworkId && r.UserId == actor.UserId && r.PartyId == actor.PartyId && r.Key == key
                                && r.CreatedAt == existing.CreatedAt)
                    .ExecuteUpdateAsync(
                        set => set.SetProperty(r => r.RequestHash, hash).SetProperty(r => r.CreatedAt, now).SetProperty(r => r.StatusCode, (int?)null)
                            .SetProperty(r => r.ContentType, (string?)null).SetProperty(r => r.Location, (string?)null)
                            .SetProperty(r => r.ETag, (string?)null).SetProperty(r => r.Body, (byte[]?)null),
                        cancellationToken)
                    .ConfigureAwait(false);
                if (taken == 1)
                {
                    return (IdempotencyOutcome.Run, null);
                }

                if (attempt == 0)
                {
                    continue;
                }

                return (IdempotencyOutcome.InProgress, null);
            }

            if (!string.Equals(existing.RequestHash, hash, StringComparison.Ordinal))
            {
                return (IdempotencyOutcome.OtherRequest, null);
            }

            return existing.StatusCode is null ? (IdempotencyOutcome.InProgress, null) : (IdempotencyOutcome.Replay, existing);
        }
    }

    public async Task CompleteAsync(Actor actor, string key, int status, string? contentType, string? location, string? etag, byte[] body, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await db.Set<IdempotencyRecord>()
            .Where(r => r.NetworkId == actor.NetworkId && r.UserId == actor.UserId && r.PartyId == actor.PartyId && r.Key == key)
            .ExecuteUpdateAsync(
                set => set.SetProperty(r => r.StatusCode, status).SetProperty(r => r.ContentType, contentType)
                    .SetProperty(r => r.Location, string.IsNullOrEmpty(location) ? null : location)
                    .SetProperty(r => r.ETag, string.IsNullOrEmpty(etag) ? null : etag)
                    .SetProperty(r => r.Body, body),
                cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task ReleaseAsync(Actor actor, string key, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await db.Set<IdempotencyRecord>()
            .Where(r => r.NetworkId == actor.NetworkId && r.UserId == actor.UserId && r.PartyId == actor.PartyId && r.Key == key && r.StatusCode == null)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
    }
}
