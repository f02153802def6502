using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Network;

namespace Expertennetzwerk.Module.Tests.Support;

/// <summary>Adds published services beyond the seeded ones (another category, an own order form).</summary>
public static class ExtraServices
{
    /// <summary>A published service of the network's expert; returns its id.</summary>
    public static async Task<Guid> AddPublishedServiceAsync(this ModuleHost host, string title, Guid? categoryId = null, string formDefinitionJson = "{}")
    {
        var n = host.Network;
        var now = host.Time.GetUtcNow();
        await using var db = host.CreateDbContext();
        var service = new ExpertService(Guid.CreateVersion7(), n.NetworkId, n.ExpertPartyId, categoryId ?? n.CategoryId, now);
        var version = new ExpertServiceVersion(Guid.CreateVersion7(), n.NetworkId, service.Id, 1, title, "Beschreibung: " + title, now)
        {
            RequiredPermission = TradePermission.Insurance34d,
            PriceCents = 4_900,
            ProgressSteps = n.ProgressSteps,
            FormDefinitionJson = formDefinitionJson,
        };
        version.Publish(now);
        service.PublishedVersionId = version.Id;
        db.AddRange(service, version);
        await db.SaveChangesAsync();
        return service.Id;
    }
}
