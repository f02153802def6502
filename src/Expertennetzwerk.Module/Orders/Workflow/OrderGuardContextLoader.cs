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
        List<ConsentDeclaration>? consentRows = null;
        if (placeGuardsMatter && role == OrderRole.OwningBroker)
        {
            (version, broker, consentRows) = await LoadPlaceGuardsAsync(db, order, cancellationToken).ConfigureAwait(false);
        }

        OrderConsents? consents = null;
        if (role is OrderRole.OwningBroker or OrderRole.DataSubject && triggers.Any(t => t is OrderTrigger.Place or OrderTrigger.WithdrawConsent or OrderTrigger.RequestConsent or OrderTrigger.RecordPaperConsent))
        {
            consents = consentRows is not null && version is not null
                ? BuildConsents(db, order, version.DataCategoriesJson, consentRows)
                : await LoadConsentsAsync(db, order, version, cancellationToken).ConfigureAwait(false);
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
        var consents = await db.Set<ConsentDeclaration>().Where(c => c.OrderId == order.Id && c.NetworkId == order.NetworkId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return BuildConsents(db, order, categoriesJson, consents);
    }

    /// <summary>
    /// Place's guard data in one round trip: the order's service version, the owning broker party with its
    /// registrations, and the order's consents (a broker holds one or two registrations and an order a few consents, so
    /// the single query's rows stay few). Read without tracking; the consents are attached by <see cref="BuildConsents"/>.
    /// </summary>
    private static async Task<(ExpertServiceVersion? Version, Party? Broker, List<ConsentDeclaration>? Consents)> LoadPlaceGuardsAsync(
        DbContext db, ExpertOrder order, CancellationToken cancellationToken)
    {
        var (versionId, brokerId, orderId, networkId) = (order.ServiceVersionId, order.BrokerPartyId, order.Id, order.NetworkId);
        // The version row is the root; it belongs to the order's network.
        // Query roots as locals: a `db.Set<T>()` call inside the lambda would be evaluated (interpreted) on every call.
        var parties = db.Set<Party>();
        var consents = db.Set<ConsentDeclaration>();
        var loaded = await db.Set<ExpertServiceVersion>().AsNoTracking()
            .Where(v => v.Id == versionId && v.NetworkId == networkId)
            .Select(v => new
            {
                Version = v,
                // Correlated with the version's network (the order's), so SQLite can join instead of needing APPLY.
                Brokers = parties.Where(p => p.NetworkId == v.NetworkId && p.Id == brokerId)
                    .Select(p => new { Party = p, Registrations = p.Registrations.ToList() }).ToList(),
                Consents = consents.Where(c => c.NetworkId == v.NetworkId && c.OrderId == orderId).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return (null, null, null);
        }

        var broker = loaded.Brokers.SingleOrDefault();
        foreach (var registration in broker?.Registrations ?? [])
        {
            broker!.Party.AddRegistration(registration);
        }

        return (loaded.Version, broker?.Party, loaded.Consents);
    }

    private static OrderConsents BuildConsents(DbContext db, ExpertOrder order, string categoriesJson, List<ConsentDeclaration> consents)
    {
        var sharing = DataSharing.TryParse(categoriesJson, out _) ?? DataSharing.None;
        // Tracked: a withdrawal changes the consent in the same unit of work.
        foreach (var consent in consents)
        {
            if (db.Entry(consent).State == EntityState.Detached)
            {
                db.Attach(consent);
            }
        }

        // The hash (canonical JSON of the customer snapshot and the form data, SHA-256) only when a consent is needed.
        return new OrderConsents(sharing.SubjectsNeedingConsent, consents, () => ConsentEvidence.DataHash(ConsentEvidence.CanonicalData(order)));
    }
}
