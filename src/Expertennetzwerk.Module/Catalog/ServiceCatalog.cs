using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Catalog;

/// <summary>The catalogue of published services, marked orderable or not for the acting broker party.</summary>
public sealed class ServiceCatalog
{
    private readonly RefusalDescriber _refusals;
    private readonly IModuleDbContextFactory _factory;
    private readonly ActorVerifier _actors;

    internal ServiceCatalog(IModuleDbContextFactory factory, ActorVerifier actors, RefusalDescriber refusals)
    {
        _refusals = refusals;
        _factory = factory;
        _actors = actors;
    }

    /// <summary>
    /// Every published service of the actor's network, optionally of one category, by title. For a broker party each
    /// entry says whether it may order it: approval, the licence the service needs, and the advisor rule (an insurance
    /// advisor may take no revenue share, § 34d Abs. 2 GewO) use the same refusals as placing.
    /// </summary>
    public async Task<Result<IReadOnlyList<CatalogEntry>>> ListAsync(Actor actor, Guid? categoryId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ServiceCatalog>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<IReadOnlyList<CatalogEntry>>.From(Result.Forbidden());
        }

        if (actor.PartyKind is PartyKind.Customer)
        {
            return Result<IReadOnlyList<CatalogEntry>>.From(_refusals.Refused(OrderRefusals.ActorNotPermitted));
        }

        await using var db = _factory.CreateDbContext();
        Party? broker = actor.PartyKind == PartyKind.Broker
            ? await db.Set<Party>().AsNoTracking().Include(p => p.Registrations)
                .SingleOrDefaultAsync(p => p.Id == actor.PartyId && p.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false)
            : null;

        // Only the entry's columns: the versions' form definitions, templates and data categories are not needed here.
        var networkId = actor.NetworkId;
        var query =
            from service in db.Set<ExpertService>().AsNoTracking()
            join version in db.Set<ExpertServiceVersion>().AsNoTracking() on service.PublishedVersionId equals version.Id
            where service.NetworkId == networkId && version.Status == ServiceVersionStatus.Published
            select new
            {
                service.Id,
                VersionId = version.Id,
                version.Title,
                version.Description,
                service.CategoryId,
                service.ExpertPartyId,
                version.RequiredPermission,
                version.PriceCents,
                version.RevenueShareCents,
            };
        if (categoryId is { } category)
        {
            query = query.Where(x => x.CategoryId == category);
        }

        var rows = await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        return Result<IReadOnlyList<CatalogEntry>>.Ok(rows
            .OrderBy(x => x.Title, StringComparer.CurrentCulture)
            .Select(x =>
            {
                var refusal = actor.PartyKind == PartyKind.Broker && WhyNotOrderable(broker, x.RequiredPermission, x.RevenueShareCents) is { } why
                    ? _refusals.Describe(why)
                    : null;
                return new CatalogEntry(
                    x.Id, x.VersionId, x.Title, x.Description, x.CategoryId, x.ExpertPartyId, x.RequiredPermission, x.PriceCents, x.RevenueShareCents,
                    actor.PartyKind == PartyKind.Broker && refusal is null, refusal);
            })
            .ToList());
    }

    /// <summary>The categories of the actor's network in their order (the catalogue's sections), with their German and English names.</summary>
    public async Task<Result<IReadOnlyList<CatalogCategory>>> ListCategoriesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ServiceCatalog>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<IReadOnlyList<CatalogCategory>>.From(Result.Forbidden());
        }

        await using var db = _factory.CreateDbContext();
        var networkId = actor.NetworkId;
        var rows = await db.Set<ServiceCategory>().AsNoTracking()
            .Where(c => c.NetworkId == networkId)
            .OrderBy(c => c.SortOrder)
            .Select(c => new CatalogCategory(c.Id, c.Key, c.NameGerman, c.NameEnglish))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>
    /// One published service of the actor's network with its published version, order form and expert; NotFound for
    /// an unknown service, one of another network or one without a published version.
    /// </summary>
    public async Task<Result<CatalogServiceDetail>> GetAsync(Actor actor, Guid serviceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ServiceCatalog>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<CatalogServiceDetail>.From(Result.Forbidden());
        }

        if (actor.PartyKind is PartyKind.Customer)
        {
            return Result<CatalogServiceDetail>.From(_refusals.Refused(OrderRefusals.ActorNotPermitted));
        }

        await using var db = _factory.CreateDbContext();
        var row = await (
                from service in db.Set<ExpertService>().AsNoTracking()
                join version in db.Set<ExpertServiceVersion>().AsNoTracking() on service.PublishedVersionId equals version.Id
                join expert in db.Set<Party>().AsNoTracking() on service.ExpertPartyId equals expert.Id
                where service.Id == serviceId && service.NetworkId == actor.NetworkId && version.Status == ServiceVersionStatus.Published
                select new { service, version, expert.Name, expert.Address })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return Result<CatalogServiceDetail>.From(Result.NotFound());
        }

        Party? broker = actor.PartyKind == PartyKind.Broker
            ? await db.Set<Party>().AsNoTracking().Include(p => p.Registrations)
                .SingleOrDefaultAsync(p => p.Id == actor.PartyId && p.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false)
            : null;
        var refusal = actor.PartyKind == PartyKind.Broker && WhyNotOrderable(broker, row.version.RequiredPermission, row.version.RevenueShareCents) is { } why ? _refusals.Describe(why) : null;
        var published = row.version;
        var entry = new CatalogEntry(
            row.service.Id, published.Id, published.Title, published.Description, row.service.CategoryId, row.service.ExpertPartyId,
            published.RequiredPermission, published.PriceCents, published.RevenueShareCents, actor.PartyKind == PartyKind.Broker && refusal is null, refusal);
        return new CatalogServiceDetail(
            entry, published.VersionNumber, published.PublishedAt, published.FeeKind, published.FeeValue, published.AcceptWithinBusinessDays,
            published.CompleteWithinBusinessDays, published.ProgressSteps, published.FormDefinitionJson, published.DataCategoriesJson,
            new CatalogExpert(row.service.ExpertPartyId, row.Name, row.Address));
    }

    private static Refusal? WhyNotOrderable(Party? broker, TradePermission requiredPermission, long revenueShareCents)
    {
        if (broker is null || broker.Approval != ApprovalState.Approved)
        {
            return OrderRefusals.BrokerNotApproved;
        }

        if (!broker.Holds(requiredPermission))
        {
            return OrderRefusals.BrokerLacksPermission;
        }

        return ExpertServiceVersion.IsOrderableBy(broker.BrokerKind ?? BrokerKind.InsuranceBroker, revenueShareCents) ? null : OrderRefusals.AdvisorRevenueShare;
    }
}
