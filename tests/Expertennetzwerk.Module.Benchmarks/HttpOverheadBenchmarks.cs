using BenchmarkDotNet.Attributes;
using Expertennetzwerk.Module.Benchmarks.Support;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Benchmarks;

/// <summary>
/// HTTP overhead of the list page (issue 10, performance): the busiest broker's first page of 25 on the largest list
/// database (1M orders with <c>--sizes 1m</c>), as the core call (<c>ExpertOrderQueries.ListOrdersAsync</c>, the baseline)
/// and as <c>GET /expertennetzwerk/api/v1/orders</c> through HttpClient to Kestrel over a real loopback socket, each
/// without and with the counts per state (the API's default). Beside them the floor of the same socket, Kestrel and
/// HttpClient: a plain minimal-API endpoint answering the module's very body as cached bytes, and one serializing a
/// cached object of the same JSON. See <see cref="HttpBenchHost"/> for what the host leaves out (real authentication).
/// </summary>
[BenchJob(JobKind.FastReads)]
public class HttpListOverheadBenchmarks
{
    private const string ListPath = HttpBenchHost.ApiPrefix + "/orders?counts=false";
    private const string ListWithCountsPath = HttpBenchHost.ApiPrefix + "/orders";

    private static readonly OrderListQuery BrokerQuery = DatabaseBenchmarkQueries.Page();
    private static readonly OrderListQuery BrokerQueryWithCounts = DatabaseBenchmarkQueries.Page(counts: true);

    private HttpBenchHost _host = null!;
    private AsyncServiceScope _scope;
    private ExpertOrderQueries _queries = null!;

    [ParamsSource(nameof(Databases))]
    public Db Db { get; set; }

    public static IEnumerable<Db> Databases => BenchSettings.Databases;

    [ParamsSource(nameof(SizeValues))]
    public int Orders { get; set; }

    public static IEnumerable<int> SizeValues => [BenchSettings.LargestSize];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var connectionString = await BenchDatabases.EnsureAsync(Db, "list", Orders);
        _host = await HttpBenchHost.StartAsync(Db, connectionString);
        _scope = _host.Services.CreateAsyncScope();
        _queries = _scope.ServiceProvider.GetRequiredService<ExpertOrderQueries>();

        var core = await Core_ListPage();
        var body = await Http_ListPage();
        var ids = System.Text.Json.JsonSerializer.Deserialize(body, PlainJsonContext.Default.PlainListResponse)!.Items.Select(i => i.Id);
        if (core.Items.Count != (BenchSettings.Dry ? core.Items.Count : 25) || core.Items.Count == 0 || !ids.SequenceEqual(core.Items.Select(i => i.Id)))
        {
            throw new InvalidOperationException(
                $"The endpoint's page differs from the core's ({core.Items.Count} rows; the endpoint's starts {System.Text.Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)])}).");
        }

        _host.SetPlainList(body);
        var (bytes, json) = _host.PlainListSizes();
        Console.WriteLine($"// List page body: module {body.Length} bytes, with counts {(await Http_ListPageWithCounts()).Length}; plain bytes {bytes}, plain json {json}.");

        var budget = TimeSpan.FromSeconds(BenchSettings.Dry ? 0.1 : 1);
        await DatabaseBenchmark.WarmUpAsync(Core_ListPage, 2_000, budget);
        await DatabaseBenchmark.WarmUpAsync(Http_ListPage, 2_000, budget);
        await DatabaseBenchmark.WarmUpAsync(Core_ListPageWithCounts, 2_000, budget);
        await DatabaseBenchmark.WarmUpAsync(Http_ListPageWithCounts, 2_000, budget);
        await DatabaseBenchmark.WarmUpAsync(Plain_CachedBytes, 2_000, budget);
        await DatabaseBenchmark.WarmUpAsync(Plain_CachedObjectJson, 2_000, budget);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ListPage")]
    public async Task<OrderPage> Core_ListPage() => (await _queries.ListOrdersAsync(BenchNetwork.BusiestBroker, BrokerQuery)).Value;

    [Benchmark, BenchmarkCategory("ListPage")]
    public Task<byte[]> Http_ListPage() => _host.SendAsync(HttpBenchHost.Request(HttpMethod.Get, ListPath, BenchNetwork.BusiestBroker));

    /// <summary>The floor: the module's body as cached bytes from a plain endpoint (no auth, no database, no serializing).</summary>
    [Benchmark, BenchmarkCategory("ListPage")]
    public Task<byte[]> Plain_CachedBytes() => _host.SendAsync(HttpBenchHost.Request(HttpMethod.Get, "/plain/bytes", BenchNetwork.BusiestBroker));

    /// <summary>The floor plus System.Text.Json: a cached object of the same JSON, serialized per request.</summary>
    [Benchmark, BenchmarkCategory("ListPage")]
    public Task<byte[]> Plain_CachedObjectJson() => _host.SendAsync(HttpBenchHost.Request(HttpMethod.Get, "/plain/json", BenchNetwork.BusiestBroker));

    [Benchmark(Baseline = true), BenchmarkCategory("ListPageWithCounts")]
    public async Task<OrderPage> Core_ListPageWithCounts() => (await _queries.ListOrdersAsync(BenchNetwork.BusiestBroker, BrokerQueryWithCounts)).Value;

    /// <summary>The API's default (counts per state included).</summary>
    [Benchmark, BenchmarkCategory("ListPageWithCounts")]
    public Task<byte[]> Http_ListPageWithCounts() => _host.SendAsync(HttpBenchHost.Request(HttpMethod.Get, ListWithCountsPath, BenchNetwork.BusiestBroker));
}

/// <summary>
/// HTTP overhead of Accept (issue 10, performance): one Accept per invocation on a fresh placed order of the
/// transition database (as <see cref="TransitionBenchmarks"/>), as the core call (<c>ExpertOrderService.AcceptAsync</c>,
/// the baseline) and as <c>POST /expertennetzwerk/api/v1/orders/{id}/accept</c> through HttpClient to Kestrel over a
/// loopback socket; beside them a plain POST endpoint answering a cached body of the same size (the floor).
/// </summary>
[BenchJob(JobKind.Writes)]
public class HttpAcceptOverheadBenchmarks
{
    private HttpBenchHost _host = null!;
    private Support.ModuleHandle _poolModule = null!;
    private TransitionPool _pool = null!;
    private AsyncServiceScope _scope;
    private ExpertOrderService _orders = null!;

    [ParamsSource(nameof(Databases))]
    public Db Db { get; set; }

    public static IEnumerable<Db> Databases => BenchSettings.Databases;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var connectionString = await BenchDatabases.EnsureAsync(Db, "tx", BenchSettings.TransitionDatabaseSize);
        _host = await HttpBenchHost.StartAsync(Db, connectionString);
        _scope = _host.Services.CreateAsyncScope();
        _orders = _scope.ServiceProvider.GetRequiredService<ExpertOrderService>();
        _poolModule = Support.ModuleHandle.Start(Db, connectionString);
        _pool = new TransitionPool(_poolModule);

        var rounds = BenchSettings.Dry ? 1 : 300;
        _pool.Refill((5 * rounds) + 1);
        var first = _pool.NextPlaced();
        _host.SetPlainAccept(await _host.SendAsync(AcceptRequest(first)));
        for (var i = 0; i < rounds; i++)
        {
            await Core_Accept();
            await Http_Accept();
            await Core_Accept_ScopePerCall();
            await Core_Accept_OnThreadPool();
            await Plain_CoreAccept();
            await Plain_CachedBytes();
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
        await _poolModule.DisposeAsync();
    }

    [IterationSetup]
    public void IterationSetup() => _pool.Refill(BenchJobs.WriteInvocations + 8);

    [Benchmark(Baseline = true), BenchmarkCategory("Accept")]
    public async Task<long> Core_Accept()
    {
        var order = _pool.NextPlaced();
        return (await _orders.AcceptAsync(Expert(order), order.Id)).Value.Version;
    }

    [Benchmark, BenchmarkCategory("Accept")]
    public Task<byte[]> Http_Accept() => _host.SendAsync(AcceptRequest(_pool.NextPlaced()));

    /// <summary>The core call in a fresh DI scope per call, as a request has it.</summary>
    [Benchmark, BenchmarkCategory("Accept")]
    public async Task<long> Core_Accept_ScopePerCall()
    {
        var order = _pool.NextPlaced();
        await using var scope = _host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ExpertOrderService>().AcceptAsync(Expert(order), order.Id)).Value.Version;
    }

    /// <summary>The core call on a thread-pool thread (where a request runs), awaited from the benchmark's thread.</summary>
    [Benchmark, BenchmarkCategory("Accept")]
    public Task<long> Core_Accept_OnThreadPool() => Task.Run(Core_Accept);

    /// <summary>The core call behind a bare POST endpoint: transport, routing and the request's scope, without the module's edge.</summary>
    [Benchmark, BenchmarkCategory("Accept")]
    public Task<byte[]> Plain_CoreAccept()
    {
        var order = _pool.NextPlaced();
        return _host.SendAsync(HttpBenchHost.Request(HttpMethod.Post, $"/plain/core-accept/{order.Expert}/{order.Id}", Expert(order)));
    }

    /// <summary>The floor: a plain POST answering a cached body the size of Accept's (no auth, no database).</summary>
    [Benchmark, BenchmarkCategory("Accept")]
    public Task<byte[]> Plain_CachedBytes() => _host.SendAsync(HttpBenchHost.Request(HttpMethod.Post, "/plain/accept", BenchNetwork.BusiestExpert));

    private static Actor Expert(PoolOrder order) => Actor.Expert(BenchNetwork.NetworkId, order.Expert, BenchNetwork.UserId);

    private static HttpRequestMessage AcceptRequest(PoolOrder order) =>
        HttpBenchHost.Request(HttpMethod.Post, $"{HttpBenchHost.ApiPrefix}/orders/{order.Id}/accept", Expert(order));
}
