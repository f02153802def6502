using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>
/// The module wired as a host wires it (<c>AddExpertennetzwerk().UseEntityFrameworkCore(...)</c>, the module's own
/// interceptor setting WAL and synchronous=NORMAL on every SQLite connection), on one database.
/// </summary>
internal sealed class ModuleHandle : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    private ModuleHandle(ServiceProvider services)
    {
        _services = services;
        _scope = services.CreateAsyncScope();
        Orders = _scope.ServiceProvider.GetRequiredService<ExpertOrderService>();
        Queries = _scope.ServiceProvider.GetRequiredService<ExpertOrderQueries>();
        ContextFactory = _scope.ServiceProvider.GetRequiredService<IDbContextFactory<ExpertennetzwerkDbContext>>();
    }

    public ExpertOrderService Orders { get; }

    public ExpertOrderQueries Queries { get; }

    /// <summary>The very factory the module uses (same options, same interceptor): what an EF baseline should use too.</summary>
    public IDbContextFactory<ExpertennetzwerkDbContext> ContextFactory { get; }

    /// <summary>The module's service provider.</summary>
    public IServiceProvider Services => _services;

    public static ModuleHandle Start(Db db, string connectionString, IInterceptor? interceptor = null, Action<ExpertennetzwerkBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddExpertennetzwerk(o => o.PublicBaseUrl = new Uri("https://crm.example.org/"));
        builder.UseEntityFrameworkCore(options =>
        {
            if (db == Db.Sqlite)
            {
                options.UseSqlite(connectionString);
            }
            else
            {
                options.UseNpgsql(connectionString);
            }

            if (interceptor is not null)
            {
                options.AddInterceptors(interceptor);
            }
        });
        builder.UseCustomerDirectory<NoCustomers>();
        builder.UseDevelopmentMailbox();
        configure?.Invoke(builder);
        var provider = services.BuildServiceProvider();
        provider.ValidateExpertennetzwerk();
        return new ModuleHandle(provider);
    }

    public ExpertennetzwerkDbContext CreateDbContext() => ContextFactory.CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }

    /// <summary>The benchmarks create no drafts, so no customer is ever looked up.</summary>
    private sealed class NoCustomers : ICustomerDirectory
    {
        public Task<CustomerRecord?> FindAsync(Guid networkId, Guid brokerPartyId, string customerRef, CancellationToken cancellationToken = default) =>
            Task.FromResult<CustomerRecord?>(null);
    }
}
