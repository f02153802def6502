using System.Collections.Concurrent;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.AspNetCore.Pages;

/// <summary>
/// The catalogue's service titles and categories of a network, as the order list shows them (the service column and
/// the filters' choices), kept for <see cref="MaxAge"/>. Every page of the list would otherwise read the whole
/// catalogue twice, which cost more than the list itself (150 services: ~1.3 ms against the list's ~0.8 ms). Titles and
/// categories are the same for every reader of a network; a service published meanwhile shows up after at most
/// <see cref="MaxAge"/>. Loaded through the core's catalogue with the reader's actor, so a reader who may not see the
/// catalogue gets nothing and nothing is kept.
/// </summary>
internal sealed class CatalogNames(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, Snapshot> _networks = new();

    public async Task<Snapshot> GetAsync(ServiceCatalog catalog, Actor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_networks.TryGetValue(actor.NetworkId, out var kept) && now - kept.LoadedAt < MaxAge)
        {
            return kept;
        }

        var services = await catalog.ListAsync(actor, cancellationToken: cancellationToken).ConfigureAwait(false);
        var categories = await catalog.ListCategoriesAsync(actor, cancellationToken).ConfigureAwait(false);
        if (!services.IsOk || !categories.IsOk)
        {
            return Snapshot.Empty;
        }

        var byTitle = services.Value.Select(s => (s.ServiceId, s.Title)).ToList(); // the core's order: by title in the reader's language
        var loaded = new Snapshot(byTitle, byTitle.ToDictionary(s => s.ServiceId, s => s.Title), categories.Value, now);
        _networks[actor.NetworkId] = loaded;
        return loaded;
    }

    /// <summary>A network's services in title order, their titles by id, and its categories in their order.</summary>
    internal sealed record Snapshot(
        IReadOnlyList<(Guid Id, string Title)> Services, IReadOnlyDictionary<Guid, string> ServiceTitles, IReadOnlyList<CatalogCategory> Categories, DateTimeOffset LoadedAt)
    {
        public static readonly Snapshot Empty = new([], new Dictionary<Guid, string>(), [], DateTimeOffset.MinValue);
    }
}
