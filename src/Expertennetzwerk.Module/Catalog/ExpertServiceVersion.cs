using Expertennetzwerk.Module.Network;

namespace Expertennetzwerk.Module.Catalog;

/// <summary>
/// One immutable version of a service's content: what brokers see and order, what the expert must hold, prices and
/// fees, SLA, progress steps, the order form, the data shared with the expert and the templates. An expert's edit is
/// a new version that stays unpublished until the operator approves it; an order keeps the version it was placed against.
/// </summary>
public sealed class ExpertServiceVersion
{
    /// <summary>Creates a version in <see cref="ServiceVersionStatus.Draft"/>.</summary>
    public ExpertServiceVersion(Guid id, Guid networkId, Guid serviceId, int versionNumber, string title, string description, DateTimeOffset createdAt)
    {
        Id = id;
        NetworkId = networkId;
        ServiceId = serviceId;
        VersionNumber = versionNumber;
        Title = title;
        Description = description;
        CreatedAt = createdAt;
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>The service.</summary>
    public Guid ServiceId { get; private set; }

    /// <summary>1, 2, 3, … per service.</summary>
    public int VersionNumber { get; private set; }

    /// <summary>Review state.</summary>
    public ServiceVersionStatus Status { get; private set; } = ServiceVersionStatus.Draft;

    /// <summary>Title shown in the catalogue.</summary>
    public string Title { get; private set; }

    /// <summary>Detailed description by the expert.</summary>
    public string Description { get; private set; }

    /// <summary>The licence the expert and the ordering broker must hold.</summary>
    public TradePermission RequiredPermission { get; init; }

    /// <summary>Price the broker pays for the service, in cents (0 when free).</summary>
    public long PriceCents { get; init; }

    /// <summary>Revenue share paid to the broker, in cents (0 when none). Never paid to an insurance advisor.</summary>
    public long RevenueShareCents { get; init; }

    /// <summary>How the operator's transaction fee is computed.</summary>
    public FeeKind FeeKind { get; init; }

    /// <summary>The fee: cents for <see cref="FeeKind.Fixed"/>, basis points for <see cref="FeeKind.Percent"/>.</summary>
    public long FeeValue { get; init; }

    /// <summary>Business days within which the expert should accept a placed order.</summary>
    public int AcceptWithinBusinessDays { get; init; } = 2;

    /// <summary>Business days within which the expert should complete an accepted order.</summary>
    public int CompleteWithinBusinessDays { get; init; } = 10;

    /// <summary>Progress steps the expert can set, in order (e.g. "Unterlagen angefordert").</summary>
    public IReadOnlyList<string> ProgressSteps { get; init; } = [];

    /// <summary>The order form definition (JSON); its schema arrives with the forms feature.</summary>
    public string FormDefinitionJson { get; init; } = "{}";

    /// <summary>The data categories shared with the expert, with legal basis and data subjects (JSON).</summary>
    public string DataCategoriesJson { get; init; } = "[]";

    /// <summary>The service's own templates (JSON), overriding the defaults.</summary>
    public string TemplatesJson { get; init; } = "{}";

    /// <summary>When the version was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the operator published it.</summary>
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>The user who saved the version (null for seeded versions).</summary>
    public Guid? CreatedByUserId { get; init; }

    /// <summary>When the operator approved or rejected it.</summary>
    public DateTimeOffset? ReviewedAt { get; private set; }

    /// <summary>The operator's user who approved or rejected it.</summary>
    public Guid? ReviewedByUserId { get; private set; }

    /// <summary>Why the operator rejected it, when <see cref="Status"/> is <see cref="ServiceVersionStatus.Rejected"/>.</summary>
    public string? RejectionReason { get; private set; }

    /// <summary>True when a broker of <paramref name="kind"/> may order it (advisors never take a revenue share, § 34d Abs. 2 GewO).</summary>
    public bool IsOrderableBy(BrokerKind kind) => IsOrderableBy(kind, RevenueShareCents);

    /// <summary>Whether a broker of <paramref name="kind"/> may order a version with this revenue share (an advisor takes none).</summary>
    internal static bool IsOrderableBy(BrokerKind kind, long revenueShareCents) => kind != BrokerKind.InsuranceAdvisor || revenueShareCents == 0;

    /// <summary>The expert submits the version for review.</summary>
    public void Submit()
    {
        if (Status != ServiceVersionStatus.Draft)
        {
            throw new InvalidOperationException($"Only a draft version can be submitted; this one is {Status}.");
        }

        Status = ServiceVersionStatus.PendingApproval;
    }

    /// <summary>The operator publishes the version; the service's previous version is superseded by the caller.</summary>
    public void Publish(DateTimeOffset now)
    {
        if (Status is not (ServiceVersionStatus.PendingApproval or ServiceVersionStatus.Draft))
        {
            throw new InvalidOperationException($"A {Status} version cannot be published.");
        }

        Status = ServiceVersionStatus.Published;
        PublishedAt = now;
    }

    /// <summary>The operator <paramref name="reviewer"/> approves and publishes the submitted version.</summary>
    public void Approve(Guid reviewer, DateTimeOffset now)
    {
        if (Status != ServiceVersionStatus.PendingApproval)
        {
            throw new InvalidOperationException($"Only a submitted version can be approved; this one is {Status}.");
        }

        Publish(now);
        ReviewedAt = now;
        ReviewedByUserId = reviewer;
    }

    /// <summary>A newer version was published, or (while unpublished) a newer version was saved.</summary>
    public void Supersede() => Status = ServiceVersionStatus.Superseded;

    /// <summary>The operator <paramref name="reviewer"/> refuses the submitted version for <paramref name="reason"/>.</summary>
    public void Reject(string reason, Guid reviewer, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Status != ServiceVersionStatus.PendingApproval)
        {
            throw new InvalidOperationException($"Only a submitted version can be rejected; this one is {Status}.");
        }

        Status = ServiceVersionStatus.Rejected;
        RejectionReason = reason;
        ReviewedAt = now;
        ReviewedByUserId = reviewer;
    }
}
