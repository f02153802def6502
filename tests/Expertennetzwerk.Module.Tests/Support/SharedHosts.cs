namespace Expertennetzwerk.Module.Tests.Support;

/// <summary>
/// One seeded host per database kind, created on first use and shared by the tests of a class (xunit runs a class's
/// tests one after another). Only for tests that create their own orders and look at nothing else.
/// </summary>
public sealed class SharedHosts : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<DatabaseKind, ModuleHost> _hosts = [];

    public async Task<ModuleHost> GetAsync(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await _gate.WaitAsync();
        try
        {
            if (!_hosts.TryGetValue(kind, out var host))
            {
                host = await ModuleHost.StartAsync(kind);
                _hosts[kind] = host;
            }

            return host;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            await host.DisposeAsync();
        }

        _gate.Dispose();
    }
}
