namespace Expertennetzwerk.Module.Orders;

/// <summary>A file attached to a documentation entry; the content sits in the <c>IDocumentStore</c>.</summary>
public sealed class OrderAttachment
{
    /// <summary>Creates an attachment.</summary>
    public OrderAttachment(Guid id, Guid networkId, Guid documentId, string fileName, string contentType, long length)
    {
        Id = id;
        NetworkId = networkId;
        DocumentId = documentId;
        FileName = fileName;
        ContentType = contentType;
        Length = length;
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>The documentation entry.</summary>
    public Guid DocumentationId { get; private set; }

    /// <summary>The document in the store.</summary>
    public Guid DocumentId { get; private set; }

    /// <summary>File name as uploaded.</summary>
    public string FileName { get; private set; }

    /// <summary>MIME type.</summary>
    public string ContentType { get; private set; }

    /// <summary>Size in bytes.</summary>
    public long Length { get; private set; }
}
