namespace Expertennetzwerk.Module.Documents;

/// <summary>A file kept as a blob in the module's database by the default document store.</summary>
internal sealed class StoredDocument
{
    /// <summary>Creates a stored document.</summary>
    public StoredDocument(Guid id, Guid networkId, string fileName, string contentType, byte[] content, string sha256, DateTimeOffset createdAt)
    {
        Id = id;
        NetworkId = networkId;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Length = content.LongLength;
        Sha256 = sha256;
        CreatedAt = createdAt;
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>File name.</summary>
    public string FileName { get; private set; }

    /// <summary>MIME type.</summary>
    public string ContentType { get; private set; }

    /// <summary>Bytes.</summary>
    public byte[] Content { get; private set; }

    /// <summary>Size in bytes.</summary>
    public long Length { get; private set; }

    /// <summary>SHA-256 of the content, hex.</summary>
    public string Sha256 { get; private set; }

    /// <summary>When it was stored.</summary>
    public DateTimeOffset CreatedAt { get; private set; }
}
