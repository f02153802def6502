using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Tests;

/// <summary>The sample's ICustomerDirectory reads its own CRM table, keyed by broker party and customer ref.</summary>
public sealed class CustomerDirectoryTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "enw-sample-customers-" + Guid.NewGuid().ToString("N") + ".db");
    private PooledFactory _contexts = null!;

    public async Task InitializeAsync()
    {
        _contexts = new PooledFactory("Data Source=" + _file);
        await using var db = _contexts.CreateDbContext();
        await db.Database.MigrateAsync();
        db.AddRange(DemoCatalog.Customers());
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Finds_a_customer_of_the_broker_with_the_fields_a_service_may_need()
    {
        var directory = new SampleCustomerDirectory(_contexts);

        var person = await directory.FindAsync(DemoIds.Network, DemoIds.BrokerMueller, "K-10001");
        var company = await directory.FindAsync(DemoIds.Network, DemoIds.BrokerMueller, "K-10002");

        person!.DisplayName.Should().Be("Dr. Erika Mustermann");
        person.Fields.Should().Contain("birthDate", "1961-04-12").And.Contain("postalCode", "65183").And.Contain("email", "erika.mustermann@example.de");
        company!.DisplayName.Should().Be("Bäckerei Schulze GmbH");
        company.Fields["birthDate"].Should().BeNull();
    }

    [Fact]
    public async Task Another_broker_or_network_finds_nothing()
    {
        var directory = new SampleCustomerDirectory(_contexts);

        (await directory.FindAsync(DemoIds.Network, DemoIds.BrokerHartmann, "K-10001")).Should().BeNull("K-10001 is Müller & Partner's customer");
        (await directory.FindAsync(Guid.CreateVersion7(), DemoIds.BrokerMueller, "K-10001")).Should().BeNull();
        (await directory.FindAsync(DemoIds.Network, DemoIds.BrokerMueller, "K-99999")).Should().BeNull();
    }

    private sealed class PooledFactory(string connectionString) : IDbContextFactory<SampleCrmDbContext>
    {
        public SampleCrmDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<SampleCrmDbContext>().UseSqlite(connectionString);
            options.AddExpertennetzwerkInterceptors();
            return new SampleCrmDbContext(options.Options);
        }
    }
}
