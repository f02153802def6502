using Expertennetzwerk.SampleHost.Tests.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api.Support;

/// <summary>
/// One sample host per database for all API tests of the collection (each test makes its own orders): SQLite always,
/// PostgreSQL when configured (<see cref="For"/> skips the test otherwise).
/// </summary>
public sealed class ApiHosts : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<ApiDatabase, ApiHost> _hosts = [];

    /// <summary>The shared host on <paramref name="database"/>; skips the calling test when PostgreSQL is not configured.</summary>
    public async Task<ApiHost> For(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await _gate.WaitAsync();
        try
        {
            if (!_hosts.TryGetValue(database, out var host))
            {
                host = await ApiHost.StartAsync(database);
                _hosts[database] = host;
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

/// <summary>The API tests share <see cref="ApiHosts"/> and run one after another (2 cores, real databases).</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHosts>
{
    public const string Name = "api";
}
