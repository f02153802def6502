using System.Security.Cryptography;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Documents;

/// <summary>The default <see cref="IDocumentStore"/>: blobs in the module's database, at most <see cref="ExpertennetzwerkOptions.MaxAttachmentBytes"/> each (the commands check size and type first).</summary>
internal sealed class DatabaseDocumentStore(IModuleDbContextFactory factory, TimeProvider time, IOptions<ExpertennetzwerkOptions> options) : IDocumentStore
{
    public async Task<Guid> SaveAsync(Guid networkId, DocumentUpload upload, CancellationToken cancellationToken = default)
    {
        // The commands validate first; this is the last line of defence for the database's size.
        if (upload.Content.Length > options.Value.MaxAttachmentBytes)
        {
            throw new ArgumentException($"The document is larger than MaxAttachmentBytes ({options.Value.MaxAttachmentBytes}).", nameof(upload));
        }

        var content = upload.Content.ToArray();
        var document = new StoredDocument(
            Ids.New(time), networkId, upload.FileName, upload.ContentType, content, Convert.ToHexStringLower(SHA256.HashData(content)), time.GetUtcNow());
        await using var db = factory.CreateDbContext();
        db.Add(document);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return document.Id;
    }

    public async Task<DocumentUpload?> OpenAsync(Guid networkId, Guid documentId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var document = await db.Set<StoredDocument>().AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == documentId && d.NetworkId == networkId, cancellationToken).ConfigureAwait(false);
        return document is null ? null : new DocumentUpload(document.FileName, document.ContentType, document.Content);
    }

    public async Task DeleteAsync(Guid networkId, Guid documentId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        await db.Set<StoredDocument>().Where(d => d.Id == documentId && d.NetworkId == networkId)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
