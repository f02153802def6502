namespace Expertennetzwerk.Module.Orders.Queries;

/// <summary>What an order's file belongs to, which decides who may open it.</summary>
public enum OrderFileKind
{
    /// <summary>An attachment of the expert's documentation: like the documentation (owning broker, assigned expert, operator with a purpose).</summary>
    Documentation,

    /// <summary>An attachment of a digital message: like the order's thread (its two parties, operator with a purpose).</summary>
    MessageAttachment,

    /// <summary>The scan of a paper consent: like the consent evidence (owning broker, operator with a purpose; never the expert).</summary>
    ConsentScan,
}

/// <summary>
/// One of an order's files, opened for the actor by <see cref="ExpertOrderQueries.OpenFileAsync"/>. The caller owns
/// <see cref="Content"/>: dispose this object (or the stream) when done.
/// </summary>
public sealed class OrderFile : IAsyncDisposable, IDisposable
{
    internal OrderFile(Guid id, OrderFileKind kind, string fileName, string contentType, long length, Stream content)
    {
        Id = id;
        Kind = kind;
        FileName = fileName;
        ContentType = contentType;
        Length = length;
        Content = content;
    }

    /// <summary>The id the file was opened by: the attachment's id, or for a paper scan the consent's id.</summary>
    public Guid Id { get; }

    /// <summary>What the file belongs to.</summary>
    public OrderFileKind Kind { get; }

    /// <summary>The file name as uploaded (use it as a download name only after the host's own sanitising).</summary>
    public string FileName { get; }

    /// <summary>The MIME type as uploaded (one of the allowed attachment types).</summary>
    public string ContentType { get; }

    /// <summary>Size in bytes.</summary>
    public long Length { get; }

    /// <summary>The content, positioned at its start.</summary>
    public Stream Content { get; }

    /// <inheritdoc />
    public void Dispose() => Content.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
