namespace Expertennetzwerk.Module.Catalog;

/// <summary>A service an expert party offers (Experten-Dienstleistung). Its content lives in immutable <see cref="ExpertServiceVersion"/>s.</summary>
public sealed class ExpertService
{
    /// <summary>Creates a service.</summary>
    public ExpertService(Guid id, Guid networkId, Guid expertPartyId, Guid categoryId, DateTimeOffset createdAt)
    {
        Id = id;
        NetworkId = networkId;
        ExpertPartyId = expertPartyId;
        CategoryId = categoryId;
        CreatedAt = createdAt;
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>The expert party offering it; orders of the service are assigned to this party.</summary>
    public Guid ExpertPartyId { get; private set; }

    /// <summary>The line of business.</summary>
    public Guid CategoryId { get; set; }

    /// <summary>The version brokers order now, once one is published.</summary>
    public Guid? PublishedVersionId { get; set; }

    /// <summary>When the expert created the service.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Optimistic concurrency token: raised by every administration command (new version, submit, review).</summary>
    public long ConcurrencyStamp { get; private set; }

    /// <summary>Marks the service changed, so a concurrent administration command of the same service conflicts.</summary>
    public void Touch() => ConcurrencyStamp++;
}
