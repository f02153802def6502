using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Catalog;

/// <summary>
/// Saving services (docs/design.md, "Services and forms"): an expert party creates a service and edits it; every save is a new, immutable
/// version that stays unpublished until the operator approves it. The expert submits a draft version, the operator
/// approves it (it becomes the service's published version, the previous one is superseded; orders keep the version
/// they were placed against) or rejects it with a reason. A newer save supersedes the service's earlier unpublished
/// versions, so at most one waits for review.
/// <para>
/// Every save is validated at once and answers all field errors together. An expert party sees and edits only its own
/// services (anything else is <see cref="ResultStatus.NotFound"/>); the operator sees every service of its network and
/// reviews; brokers, customers and the system do not administer services (<see cref="ResultStatus.Refused"/>).
/// Each command is one unit of work; two clashing commands on one service give one success and one
/// <see cref="ResultStatus.Conflict"/>.
/// </para>
/// </summary>
public sealed class ServiceAdministration
{
    private readonly RefusalDescriber _refusals;
    /// <summary>Longest title.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Longest description.</summary>
    public const int MaxDescriptionLength = 20_000;

    /// <summary>Largest price, revenue share or fixed fee, in cents (10 million euros).</summary>
    public const long MaxAmountCents = 1_000_000_000;

    /// <summary>Longest rejection reason.</summary>
    public const int MaxReasonLength = 2_000;

    private readonly IModuleDbContextFactory _factory;
    private readonly ActorVerifier _actors;
    private readonly TimeProvider _time;

    internal ServiceAdministration(IModuleDbContextFactory factory, ActorVerifier actors, TimeProvider time, RefusalDescriber refusals)
    {
        _refusals = refusals;
        _factory = factory;
        _actors = actors;
        _time = time;
    }

    /// <summary>The expert party creates a service in <paramref name="categoryId"/> with its first version, a draft.</summary>
    public async Task<Result<ServiceVersionSaved>> CreateServiceAsync(Actor actor, Guid categoryId, ServiceVersionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ServiceAdministration>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<ServiceVersionSaved>.From(Result.Forbidden());
        }

        if (actor.PartyKind != PartyKind.Expert)
        {
            return Refused<ServiceVersionSaved>();
        }

        await using var db = _factory.CreateDbContext();
        var expert = await LoadExpertAsync(db, actor, cancellationToken).ConfigureAwait(false);
        if (expert is null)
        {
            return Refused<ServiceVersionSaved>();
        }

        var errors = ServiceVersionValidator.Validate(input, expert);
        var categoryExists = await db.Set<ServiceCategory>().AnyAsync(c => c.Id == categoryId && c.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false);
        if (!categoryExists)
        {
            errors.Insert(0, InputErrors.Unknown("categoryId"));
        }

        if (errors.Count > 0)
        {
            return Result<ServiceVersionSaved>.From(Result.Invalid(errors));
        }

        var now = _time.GetUtcNow();
        var service = new ExpertService(Ids.New(_time), actor.NetworkId, actor.PartyId, categoryId, now);
        var version = NewVersion(service, 1, input, actor, now);
        db.AddRange(service, version);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Saved(version);
    }

    /// <summary>
    /// The expert party saves an edit of its service: a new draft version with the whole content of
    /// <paramref name="input"/>. The published version stays what brokers order until the operator approves the new one;
    /// earlier unpublished versions are superseded.
    /// </summary>
    public async Task<Result<ServiceVersionSaved>> SaveVersionAsync(Actor actor, Guid serviceId, ServiceVersionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ServiceAdministration>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<ServiceVersionSaved>.From(Result.Forbidden());
        }

        if (actor.PartyKind != PartyKind.Expert)
        {
            return Refused<ServiceVersionSaved>();
        }

        await using var db = _factory.CreateDbContext();
        var service = await db.Set<ExpertService>()
            .SingleOrDefaultAsync(s => s.Id == serviceId && s.NetworkId == actor.NetworkId && s.ExpertPartyId == actor.PartyId, cancellationToken).ConfigureAwait(false);
        var expert = service is null ? null : await LoadExpertAsync(db, actor, cancellationToken).ConfigureAwait(false);
        if (service is null || expert is null)
        {
            return Result<ServiceVersionSaved>.From(Result.NotFound());
        }

        var errors = ServiceVersionValidator.Validate(input, expert);
        if (errors.Count > 0)
        {
            return Result<ServiceVersionSaved>.From(Result.Invalid(errors));
        }

        var versions = await db.Set<ExpertServiceVersion>()
            .Where(v => v.ServiceId == service.Id && v.NetworkId == actor.NetworkId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var open in versions.Where(v => v.Status is ServiceVersionStatus.Draft or ServiceVersionStatus.PendingApproval))
        {
            open.Supersede();
        }

        var now = _time.GetUtcNow();
        var version = NewVersion(service, versions.Count == 0 ? 1 : versions.Max(v => v.VersionNumber) + 1, input, actor, now);
        db.Add(version);
        service.Touch();
        return await CommitAsync(db, version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The expert party submits its draft version for the operator's review.</summary>
    public async Task<Result<ServiceVersionSaved>> SubmitAsync(Actor actor, Guid versionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ServiceAdministration>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<ServiceVersionSaved>.From(Result.Forbidden());
        }

        if (actor.PartyKind != PartyKind.Expert)
        {
            return Refused<ServiceVersionSaved>();
        }

        await using var db = _factory.CreateDbContext();
        var (service, version) = await LoadVersionAsync(db, actor, versionId, cancellationToken).ConfigureAwait(false);
        if (service is null || version is null)
        {
            return Result<ServiceVersionSaved>.From(Result.NotFound());
        }

        if (version.Status != ServiceVersionStatus.Draft)
        {
            return Result<ServiceVersionSaved>.From(_refusals.Refused(CatalogRefusals.VersionNotDraft));
        }

        version.Submit();
        service.Touch();
        return await CommitAsync(db, version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The operator approves a submitted version: it becomes the service's published version (new drafts order it), the
    /// previously published version is superseded (orders placed against it keep it).
    /// </summary>
    public async Task<Result<ServiceVersionSaved>> ApproveAsync(Actor actor, Guid versionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ServiceAdministration>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<ServiceVersionSaved>.From(Result.Forbidden());
        }

        if (actor.PartyKind != PartyKind.Operator)
        {
            return Refused<ServiceVersionSaved>();
        }

        await using var db = _factory.CreateDbContext();
        var (service, version) = await LoadVersionAsync(db, actor, versionId, cancellationToken).ConfigureAwait(false);
        if (service is null || version is null)
        {
            return Result<ServiceVersionSaved>.From(Result.NotFound());
        }

        if (version.Status != ServiceVersionStatus.PendingApproval)
        {
            return Result<ServiceVersionSaved>.From(_refusals.Refused(CatalogRefusals.VersionNotPending));
        }

        if (service.PublishedVersionId is { } previousId && previousId != version.Id)
        {
            var previous = await db.Set<ExpertServiceVersion>()
                .SingleOrDefaultAsync(v => v.Id == previousId && v.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false);
            previous?.Supersede();
        }

        version.Approve(actor.UserId, _time.GetUtcNow());
        service.PublishedVersionId = version.Id;
        service.Touch();
        return await CommitAsync(db, version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The operator rejects a submitted version with a reason the expert sees; the published version stays.</summary>
    public async Task<Result<ServiceVersionSaved>> RejectAsync(Actor actor, Guid versionId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ServiceAdministration>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<ServiceVersionSaved>.From(Result.Forbidden());
        }

        if (actor.PartyKind != PartyKind.Operator)
        {
            return Refused<ServiceVersionSaved>();
        }

        if (InputText.Check(reason, "reason", MaxReasonLength, required: true, singleLine: false, out var trimmed) is { } reasonError)
        {
            return Result<ServiceVersionSaved>.From(Result.Invalid([reasonError]));
        }

        await using var db = _factory.CreateDbContext();
        var (service, version) = await LoadVersionAsync(db, actor, versionId, cancellationToken).ConfigureAwait(false);
        if (service is null || version is null)
        {
            return Result<ServiceVersionSaved>.From(Result.NotFound());
        }

        if (version.Status != ServiceVersionStatus.PendingApproval)
        {
            return Result<ServiceVersionSaved>.From(_refusals.Refused(CatalogRefusals.VersionNotPending));
        }

        version.Reject(trimmed!, actor.UserId, _time.GetUtcNow());
        service.Touch();
        return await CommitAsync(db, version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The services the actor administers, each with its newest version: an expert party's own, or for the operator
    /// every service of the network (<paramref name="awaitingReviewOnly"/>: only those with a version waiting for review).
    /// </summary>
    public async Task<Result<IReadOnlyList<AdministeredService>>> ListServicesAsync(Actor actor, bool awaitingReviewOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ServiceAdministration>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<IReadOnlyList<AdministeredService>>.From(Result.Forbidden());
        }

        if (actor.PartyKind is not (PartyKind.Expert or PartyKind.Operator))
        {
            return Refused<IReadOnlyList<AdministeredService>>();
        }

        await using var db = _factory.CreateDbContext();
        var services = Visible(db, actor);
        var query =
            from service in services
            join version in db.Set<ExpertServiceVersion>().AsNoTracking() on service.Id equals version.ServiceId
            where version.NetworkId == actor.NetworkId
                && version.VersionNumber == db.Set<ExpertServiceVersion>().Where(v => v.ServiceId == service.Id && v.NetworkId == actor.NetworkId).Max(v => v.VersionNumber)
            select new { service, version };
        if (awaitingReviewOnly)
        {
            query = query.Where(x => x.version.Status == ServiceVersionStatus.PendingApproval);
        }

        var rows = await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        return Result<IReadOnlyList<AdministeredService>>.Ok(rows
            .OrderBy(x => x.version.Title, StringComparer.CurrentCulture)
            .ThenBy(x => x.service.Id)
            .Select(x => new AdministeredService(x.service.Id, x.service.ExpertPartyId, x.service.CategoryId, x.service.PublishedVersionId, [Summary(x.version)]))
            .ToList());
    }

    /// <summary>One service with all its versions, newest first.</summary>
    public async Task<Result<AdministeredService>> GetServiceAsync(Actor actor, Guid serviceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ServiceAdministration>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<AdministeredService>.From(Result.Forbidden());
        }

        if (actor.PartyKind is not (PartyKind.Expert or PartyKind.Operator))
        {
            return Refused<AdministeredService>();
        }

        await using var db = _factory.CreateDbContext();
        var service = await Visible(db, actor).SingleOrDefaultAsync(s => s.Id == serviceId, cancellationToken).ConfigureAwait(false);
        if (service is null)
        {
            return Result<AdministeredService>.From(Result.NotFound());
        }

        var versions = await db.Set<ExpertServiceVersion>().AsNoTracking()
            .Where(v => v.ServiceId == service.Id && v.NetworkId == actor.NetworkId)
            .OrderByDescending(v => v.VersionNumber)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AdministeredService(service.Id, service.ExpertPartyId, service.CategoryId, service.PublishedVersionId, versions.Select(Summary).ToList());
    }

    /// <summary>One version's whole content.</summary>
    public async Task<Result<ServiceVersionDetail>> GetVersionAsync(Actor actor, Guid versionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ServiceAdministration>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<ServiceVersionDetail>.From(Result.Forbidden());
        }

        if (actor.PartyKind is not (PartyKind.Expert or PartyKind.Operator))
        {
            return Refused<ServiceVersionDetail>();
        }

        await using var db = _factory.CreateDbContext();
        var version = await (
                from v in db.Set<ExpertServiceVersion>().AsNoTracking()
                join s in Visible(db, actor) on v.ServiceId equals s.Id
                where v.Id == versionId && v.NetworkId == actor.NetworkId
                select v)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return version is null ? Result<ServiceVersionDetail>.From(Result.NotFound()) : ServiceVersionDetail.From(version);
    }

    internal static ServiceVersionSummary Summary(ExpertServiceVersion v) =>
        new(v.Id, v.VersionNumber, v.Status, v.Title, v.CreatedAt, v.PublishedAt, v.RejectionReason);

    private static IQueryable<ExpertService> Visible(DbContext db, Actor actor)
    {
        var services = db.Set<ExpertService>().AsNoTracking().Where(s => s.NetworkId == actor.NetworkId);
        return actor.PartyKind == PartyKind.Operator ? services : services.Where(s => s.ExpertPartyId == actor.PartyId);
    }

    private static Task<Party?> LoadExpertAsync(DbContext db, Actor actor, CancellationToken cancellationToken) =>
        db.Set<Party>().AsNoTracking().Include(p => p.Registrations)
            .SingleOrDefaultAsync(p => p.Id == actor.PartyId && p.NetworkId == actor.NetworkId && p.Kind == PartyKind.Expert, cancellationToken);

    /// <summary>The version and its service, tracked, when the actor may act on them (the expert: its own; the operator: any).</summary>
    private static async Task<(ExpertService? Service, ExpertServiceVersion? Version)> LoadVersionAsync(DbContext db, Actor actor, Guid versionId, CancellationToken cancellationToken)
    {
        var version = await db.Set<ExpertServiceVersion>()
            .SingleOrDefaultAsync(v => v.Id == versionId && v.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return (null, null);
        }

        var service = await db.Set<ExpertService>()
            .SingleOrDefaultAsync(s => s.Id == version.ServiceId && s.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false);
        if (service is null || (actor.PartyKind == PartyKind.Expert && service.ExpertPartyId != actor.PartyId))
        {
            return (null, null);
        }

        return (service, version);
    }

    private static ExpertServiceVersion NewVersion(ExpertService service, int number, ServiceVersionInput input, Actor actor, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), service.NetworkId, service.Id, number, InputText.Trim(input.Title), InputText.Trim(input.Description), now)
        {
            RequiredPermission = input.RequiredPermission,
            PriceCents = input.PriceCents,
            RevenueShareCents = input.RevenueShareCents,
            FeeKind = input.FeeKind,
            FeeValue = input.FeeValue,
            AcceptWithinBusinessDays = input.AcceptWithinBusinessDays,
            CompleteWithinBusinessDays = input.CompleteWithinBusinessDays,
            ProgressSteps = ServiceVersionValidator.NormaliseSteps(input.ProgressSteps),
            FormDefinitionJson = string.IsNullOrWhiteSpace(input.FormDefinitionJson) ? "{}" : input.FormDefinitionJson,
            DataCategoriesJson = string.IsNullOrWhiteSpace(input.DataCategoriesJson) ? "[]" : input.DataCategoriesJson,
            TemplatesJson = string.IsNullOrWhiteSpace(input.TemplatesJson) ? "{}" : input.TemplatesJson,
            CreatedByUserId = actor.UserId,
        };

    private static async Task<Result<ServiceVersionSaved>> CommitAsync(DbContext db, ExpertServiceVersion version, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<ServiceVersionSaved>.From(Result.Conflict());
        }
        catch (DbUpdateException)
        {
            // Two saves of one service chose the same next number; the unique key tripped before the token check.
            db.ChangeTracker.Clear();
            var taken = await db.Set<ExpertServiceVersion>().AnyAsync(
                x => x.NetworkId == version.NetworkId && x.ServiceId == version.ServiceId && x.VersionNumber == version.VersionNumber && x.Id != version.Id,
                cancellationToken).ConfigureAwait(false);
            if (!taken)
            {
                throw;
            }

            return Result<ServiceVersionSaved>.From(Result.Conflict());
        }

        return Saved(version);
    }

    private static Result<ServiceVersionSaved> Saved(ExpertServiceVersion version) =>
        new ServiceVersionSaved(version.ServiceId, version.Id, version.VersionNumber, version.Status);

    private Result<T> Refused<T>() => Result<T>.From(_refusals.Refused(CatalogRefusals.ActorNotPermitted));
}
