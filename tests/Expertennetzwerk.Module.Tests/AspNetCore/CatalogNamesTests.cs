using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Expertennetzwerk.Module.Tests.AspNetCore;

/// <summary>The order list's catalogue names: one load per network and <see cref="CatalogNames.MaxAge"/>, nothing kept for a reader the core refuses.</summary>
public sealed class CatalogNamesTests
{
    [Fact]
    public async Task The_names_are_loaded_once_per_network_and_age_and_a_refused_reader_gets_and_leaves_nothing()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var n = host.Network;
        var catalog = host.Services.GetRequiredService<ServiceCatalog>();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-29T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var names = new CatalogNames(time);

        var stranger = await names.GetAsync(catalog, n.Broker.InNetwork(Guid.CreateVersion7()), CancellationToken.None);
        stranger.Services.Should().BeEmpty("the core refuses a broker of no party in that network");

        var first = await names.GetAsync(catalog, n.Broker, CancellationToken.None);
        var published = (await catalog.ListAsync(n.Broker)).Value;
        first.Services.Select(s => s.Id).Should().Equal(published.Select(e => e.ServiceId), "the core's order, by title");
        first.ServiceTitles[n.ServiceId].Should().Be(published.Single(e => e.ServiceId == n.ServiceId).Title);
        first.Categories.Should().NotBeEmpty();

        time.Advance(CatalogNames.MaxAge - TimeSpan.FromSeconds(1));
        (await names.GetAsync(catalog, n.Expert, CancellationToken.None)).Should().BeSameAs(first, "the same network within the age, whoever reads");

        time.Advance(TimeSpan.FromSeconds(2));
        var reloaded = await names.GetAsync(catalog, n.Broker, CancellationToken.None);
        reloaded.Should().NotBeSameAs(first);
        reloaded.LoadedAt.Should().Be(time.GetUtcNow());
    }
}
