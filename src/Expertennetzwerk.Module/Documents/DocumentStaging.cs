using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Ports;

namespace Expertennetzwerk.Module.Documents;

/// <summary>
/// Files a command stores before its commit. The default <see cref="IDocumentStore"/> writes through a connection of
/// its own (on SQLite it would wait for the command's write lock), so files are stored before the command's transaction
/// opens and cannot roll back with it. Disposing the staging without <see cref="Accept"/> (the command failed, lost a
/// race or threw) deletes every file it stored; after <see cref="Accept"/> (the commit went through) it keeps them.
/// </summary>
internal sealed class DocumentStaging(IDocumentStore store, Guid networkId) : IAsyncDisposable
{
    private readonly List<StoredUpload> _stored = [];
    private bool _accepted;

    /// <summary>The files stored so far, in order.</summary>
    public IReadOnlyList<StoredUpload> Stored => _stored;

    /// <summary>Stores one upload and returns its document id.</summary>
    public async Task<Guid> StoreAsync(DocumentUpload upload, CancellationToken cancellationToken)
    {
        var documentId = await store.SaveAsync(networkId, upload, cancellationToken).ConfigureAwait(false);
        _stored.Add(new StoredUpload(upload, documentId));
        return documentId;
    }

    /// <summary>
    /// Stores those of <paramref name="uploads"/> not stored yet by this staging (a retried command passes the same
    /// list each time and stores each file once) and returns all stored.
    /// </summary>
    public async Task<IReadOnlyList<StoredUpload>> StoreAllAsync(IReadOnlyList<DocumentUpload> uploads, CancellationToken cancellationToken)
    {
        for (var i = _stored.Count; i < uploads.Count; i++)
        {
            await StoreAsync(uploads[i], cancellationToken).ConfigureAwait(false);
        }

        return _stored;
    }

    /// <summary>The command committed: the stored files stay.</summary>
    public void Accept() => _accepted = true;

    /// <summary>Deletes the stored files unless the commit was accepted.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_accepted)
        {
            return;
        }

        foreach (var file in _stored)
        {
            await store.DeleteAsync(networkId, file.DocumentId, CancellationToken.None).ConfigureAwait(false);
        }

        _stored.Clear();
    }
}
