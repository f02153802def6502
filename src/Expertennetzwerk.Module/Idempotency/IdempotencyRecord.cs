namespace Expertennetzwerk.Module.Idempotency;

/// <summary>
/// A creating request an HTTP client sent with an <c>Idempotency-Key</c>: which actor sent which key with which body,
/// and, once answered successfully, the response to replay. Kept in the module's database so that every host instance
/// answers a retry alike. A row without <see cref="StatusCode"/> is a request still running (or one whose process died:
/// it is taken over after a while).
/// </summary>
internal sealed class IdempotencyRecord
{
    /// <summary>The longest key a client may send.</summary>
    public const int MaxKeyLength = 200;

    public IdempotencyRecord(Guid networkId, Guid userId, Guid partyId, string key, string requestHash, DateTimeOffset createdAt)
    {
        NetworkId = networkId;
        UserId = userId;
        PartyId = partyId;
        Key = key;
        RequestHash = requestHash;
        CreatedAt = createdAt;
    }

    public Guid NetworkId { get; private set; }

    public Guid UserId { get; private set; }

    public Guid PartyId { get; private set; }

    /// <summary>The client's key, as sent.</summary>
    public string Key { get; private set; }

    /// <summary>SHA-256 (hex) over method, route and body: the same key with another request is refused.</summary>
    public string RequestHash { get; set; }

    /// <summary>When the key was first used (or taken over); the record counts for 24 hours from then.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The response's status code; null while the first request runs.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public byte[]? Body { get; set; }
}
