using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Network;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Orders.Workflow;

/// <summary>Loads what the workflow's guards look at, once per command or query (guards are synchronous over loaded data).</summary>
internal static class OrderGuardContextLoader
{
    /// <summary>
    /// Builds the guard context. Place's guards need the service version and the broker party; they are loaded only
    /// when <paramref name="placeGuardsMatter"/>. Each extension then loads its data for every trigger in <paramref name="triggers"/>.
    /// </summary>
    public static async Task<OrderGuardContext> LoadAsync(
        DbContext db,
        ExpertOrder order,
        Actor actor,
        OrderRole role,
        bool placeGuardsMatter,
        IReadOnlyList<OrderTrigger> triggers,
        IReadOnlyList<IOrderWorkflowExtension> extensions,
        CancellationToken cancellationToken)
    {
        ExpertServiceVersion? version = null;
        Party? broker = null;
        if (placeGuardsMatter && role == OrderRole.OwningBroker)
        {
            version = await db.Set<ExpertServiceVersion>().AsNoTracking()
                .SingleOrDefaultAsync(v => v.Id == order.ServiceVersionId, cancellationToken).ConfigureAwait(false);
            broker = await db.Set<Party>().AsNoTracking().Include(p => p.Registrations)
                .SingleOrDefaultAsync(p => p.Id == order.BrokerPartyId, cancellationToken).ConfigureAwait(false);
        }

        OrderConsents? consents = null;
        if (role is OrderRole.OwningBroker or OrderRole.DataSubject && triggers.Any(t => t is OrderTrigger.Place or OrderTrigger.WithdrawConsent or OrderTrigger.RequestConsent or OrderTrigger.RecordPaperConsent))
        {
            consents = await LoadConsentsAsync(db, order, version, cancellationToken).ConfigureAwait(false);
        }

        var context = new OrderGuardContext(order, actor, role) { ServiceVersion = version, BrokerParty = broker, Consents = consents };
        foreach (var extension in extensions)
        {
            foreach (var trigger in triggers)
            {
                await extension.LoadAsync(trigger, context, db, cancellationToken).ConfigureAwait(false);
            }
        }

        return context;
    }

    /// <summary>The order's consents and what its service needs (the version's categories whose basis is consent).</summary>
    public static async Task<OrderConsents> LoadConsentsAsync(DbContext db, ExpertOrder order, ExpertServiceVersion? version, CancellationToken cancellationToken)
    {
        var categoriesJson = version?.DataCategoriesJson ?? await db.Set<ExpertServiceVersion>().AsNoTracking()
            .Where(v => v.Id == order.ServiceVersionId).Select(v => v.DataCategoriesJson).SingleAsync(cancellationToken).ConfigureAwait(false);
        var sharing = DataSharing.TryParse(categoriesJson, out _) ?? DataSharing.None;
        // Tracked: a withdrawal changes the consent in the same unit of work.
        var consents = await db.Set<ConsentDeclaration>().Where(c => c.OrderId == order.Id && c.NetworkId == order.NetworkId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new OrderConsents(sharing.SubjectsNeedingConsent, consents, ConsentEvidence.DataHash(ConsentEvidence.CanonicalData(order)));
    }
}
