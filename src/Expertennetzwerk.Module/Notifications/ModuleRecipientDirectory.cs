using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Ports;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// The default <see cref="IRecipientDirectory"/>: the module's own users (<see cref="NetworkUser"/>), a party's users through
/// <see cref="PartyMembership"/>, and the operator as the users of the network's <see cref="ExpertNetwork.OperatorPartyId"/>
/// (or, when that is not set, of its operator parties). Users without a mail address are left out.
/// </summary>
internal sealed class ModuleRecipientDirectory(IModuleDbContextFactory factory) : IRecipientDirectory
{
    public async Task<Recipient?> FindUserAsync(Guid networkId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var user = await db.Set<NetworkUser>().AsNoTracking()
            .SingleOrDefaultAsync(u => u.NetworkId == networkId && u.Id == userId, cancellationToken)
            .ConfigureAwait(false);
        return user is null || string.IsNullOrWhiteSpace(user.Email) ? null : new Recipient(user.Id, null, user.Email, user.DisplayName, user.Culture);
    }

    public async Task<IReadOnlyList<Recipient>> FindPartyAsync(Guid networkId, Guid partyId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        return await UsersOfAsync(db, networkId, [partyId], cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Recipient>> FindOperatorAsync(Guid networkId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var operatorPartyId = await db.Set<ExpertNetwork>().AsNoTracking()
            .Where(n => n.Id == networkId)
            .Select(n => n.OperatorPartyId)
            .SingleOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        List<Guid> parties = operatorPartyId is { } id
            ? [id]
            : await db.Set<Party>().AsNoTracking()
                .Where(p => p.NetworkId == networkId && p.Kind == PartyKind.Operator)
                .Select(p => p.Id)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
        return await UsersOfAsync(db, networkId, parties, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<Recipient>> UsersOfAsync(DbContext db, Guid networkId, IReadOnlyCollection<Guid> partyIds, CancellationToken cancellationToken)
    {
        if (partyIds.Count == 0)
        {
            return [];
        }

        var rows = await (
                from m in db.Set<PartyMembership>().AsNoTracking()
                join u in db.Set<NetworkUser>().AsNoTracking() on new { m.NetworkId, Id = m.UserId } equals new { u.NetworkId, u.Id }
                where m.NetworkId == networkId && partyIds.Contains(m.PartyId)
                select new { u.Id, m.PartyId, u.Email, u.DisplayName, u.Culture })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows
            .Where(r => !string.IsNullOrWhiteSpace(r.Email))
            .OrderBy(r => r.Id)
            .DistinctBy(r => r.Id)
            .Select(r => new Recipient(r.Id, r.PartyId, r.Email, r.DisplayName, r.Culture))
            .ToList();
    }
}
