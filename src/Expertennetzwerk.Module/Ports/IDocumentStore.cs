namespace Expertennetzwerk.Module.Ports;

/// <summary>
/// Port for files: paper-consent scans, the expert's deliverables, message attachments. The default keeps them as
/// size-limited blobs in the module's database; a host may plug in its own document management.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Stores a file that already passed the module's size and type checks and returns its id.</summary>
    Task<Guid> SaveAsync(Guid networkId, DocumentUpload upload, CancellationToken cancellationToken = default);

    /// <summary>Reads a file, or null when the network has no such document.</summary>
    Task<DocumentUpload?> OpenAsync(Guid networkId, Guid documentId, CancellationToken cancellationToken = default);

    /// <summary>Removes a file (used to undo a save when the command that needed it did not commit).</summary>
    Task DeleteAsync(Guid networkId, Guid documentId, CancellationToken cancellationToken = default);
}
