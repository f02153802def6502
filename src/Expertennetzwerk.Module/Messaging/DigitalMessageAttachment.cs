namespace Expertennetzwerk.Module.Messaging;

/// <summary>A file attached to a digital message; the content sits in the <c>IDocumentStore</c>.</summary>
public sealed class DigitalMessageAttachment
{
    /// <summary>Creates an attachment.</summary>
    internal DigitalMessageAttachment(Guid id, Guid networkId, Guid documentId, string fileName, string contentType, long length)
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

    /// <summary>The message.</summary>
    public Guid MessageId { get; private set; }

    /// <summary>The document in the store.</summary>
    public Guid DocumentId { get; private set; }

    /// <summary>File name as uploaded.</summary>
    public string FileName { get; private set; }

    /// <summary>MIME type.</summary>
    public string ContentType { get; private set; }

    /// <summary>Size in bytes.</summary>
    public long Length { get; private set; }
}
