using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Expertennetzwerk.Module.Tests.Support;

/// <summary>
/// The module wired as a host would wire it, on a real database: SQLite in memory (one connection kept open) or a
/// fresh PostgreSQL database. Time is a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class ModuleHost : IAsyncDisposable
{
    private readonly SqliteConnection? _sqlite;
    private readonly string? _postgres;

    private ModuleHost(ServiceProvider services, SqliteConnection? sqlite, string? postgres)
    {
        Services = services;
        _sqlite = sqlite;
        _postgres = postgres;
    }

    public ServiceProvider Services { get; }

    public TestNetwork Network { get; } = new();

    public InMemoryCustomerDirectory Customers => (InMemoryCustomerDirectory)Services.GetRequiredService<Ports.ICustomerDirectory>();

    public FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    public ExpertOrderService Orders => Services.GetRequiredService<ExpertOrderService>();

    public ExpertOrderQueries Queries => Services.GetRequiredService<ExpertOrderQueries>();

    public static async Task<ModuleHost> StartAsync(DatabaseKind kind, Action<ExpertennetzwerkBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero)));
        SqliteConnection? sqlite = null;
        string? postgres = null;
        var builder = services.AddExpertennetzwerk();
        if (kind == DatabaseKind.Sqlite)
        {
            sqlite = new SqliteConnection("Data Source=:memory:");
            sqlite.Open();
            builder.UseEntityFrameworkCore(db => db.UseSqlite(sqlite));
        }
        else
        {
            postgres = await Postgres.CreateDatabaseAsync();
            builder.UseEntityFrameworkCore(db => db.UseNpgsql(postgres));
        }

        builder.UseCustomerDirectory<InMemoryCustomerDirectory>();
        services.AddSingleton<InMemoryCustomerDirectory>();
        services.AddSingleton<Ports.ICustomerDirectory>(sp => sp.GetRequiredService<InMemoryCustomerDirectory>());
        configure?.Invoke(builder);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = false });
        provider.ValidateExpertennetzwerk();
        var host = new ModuleHost(provider, sqlite, postgres);
        await using (var db = host.CreateDbContext())
        {
            await db.Database.EnsureExpertennetzwerkCreatedAsync();
            await host.Network.SeedAsync(db, host.Customers, host.Time.GetUtcNow());
        }

        return host;
    }

    public DbContext CreateDbContext() => Services.GetRequiredService<IModuleDbContextFactory>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await Postgres.DropDatabaseAsync(_postgres);
        }
    }
}
