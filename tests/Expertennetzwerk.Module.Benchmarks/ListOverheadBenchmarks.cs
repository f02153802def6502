using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Expertennetzwerk.Module.Benchmarks.Support;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Expertennetzwerk.Module.Benchmarks;

/// <summary>
/// Where the time of one list page goes (goal b explained): the busiest broker's first page of 25 on the smallest
/// list database, step by step from the prepared raw query to the module's <c>ListOrdersAsync</c>. Each step adds one
/// thing the module does: a pooled connection opened per call (with the session settings the module's interceptor sets
/// on SQLite), then a fresh EF Core context of the module's factory running the same LINQ, then the same as a compiled
/// query, then the module itself (filters, cursor, result).
/// </summary>
[BenchJob(JobKind.FastReads)]
public class ListOverheadBenchmarks : DatabaseBenchmark
{
    // One per benchmark instance: a compiled query is bound to one model (SQLite or PostgreSQL).
    private readonly Func<ExpertennetzwerkDbContext, Guid, Guid, IAsyncEnumerable<OrderListItem>> _compiledPage =
        EF.CompileAsyncQuery((ExpertennetzwerkDbContext db, Guid network, Guid broker) => db.Set<ExpertOrder>().AsNoTracking()
            .Where(o => o.NetworkId == network && o.BrokerPartyId == broker)
            .OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id)
            .Take(26)
            .Select(o => new OrderListItem(
                o.Id, o.Number, o.State, o.ServiceId, o.CategoryId, o.BrokerPartyId, o.ExpertPartyId, o.CustomerDisplayName, o.ProgressStep,
                o.CreatedAt, o.UpdatedAt)));

    private static readonly OrderListQuery BrokerQuery = Page();

    private const string PageSql =
        $"SELECT {ListColumns} FROM \"enw_orders\" WHERE \"NetworkId\" = @n AND \"BrokerPartyId\" = @b ORDER BY \"UpdatedAt\" DESC, \"Id\" DESC LIMIT 26";

    private DbCommand _page = null!;
    private PooledDbContextFactory<ExpertennetzwerkDbContext> _pooled = null!;

    [ParamsSource(nameof(SizeValues))]
    public int Orders { get; set; }

    public static IEnumerable<int> SizeValues => [BenchSettings.Sizes.Min()];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync("list", Orders);
        var options = new DbContextOptionsBuilder<ExpertennetzwerkDbContext>();
        _ = Db == Db.Sqlite ? options.UseSqlite(ConnectionString) : options.UseNpgsql(ConnectionString);
        options.AddExpertennetzwerkInterceptors();
        _pooled = new PooledDbContextFactory<ExpertennetzwerkDbContext>(options.Options);
        _page = Prepare(PageSql, ("@n", BenchNetwork.NetworkId), ("@b", BenchNetwork.BusiestBroker.PartyId));
        var expected = await ReadItemsAsync(_page);
        AssertSamePage("open per call", await RawOpenPerCall(), expected, 25);
        AssertSamePage("EF LINQ", await EfLinq(), expected, 25);
        AssertSamePage("EF compiled", await EfCompiled(), expected, 25);
        AssertSamePage("EF pooled", await EfLinqPooled(), expected, 25);
        AssertSamePage("module", (await ModulePage()).Items, expected, 25);

        var budget = TimeSpan.FromSeconds(BenchSettings.Dry ? 0.1 : 1);
        await WarmUpAsync(RawOpenPerCall, 2_000, budget);
        await WarmUpAsync(EfLinq, 2_000, budget);
        await WarmUpAsync(EfCompiled, 2_000, budget);
        await WarmUpAsync(EfLinqPooled, 2_000, budget);
        await WarmUpAsync(ModulePage, 2_000, budget);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("PageOverhead")]
    public Task<List<OrderListItem>> Step1_RawAdo_PreparedOnOpenConnection() => ReadItemsAsync(_page);

    [Benchmark, BenchmarkCategory("PageOverhead")]
    public Task<List<OrderListItem>> Step2_RawAdo_PooledConnectionPerCall() => RawOpenPerCall();

    [Benchmark, BenchmarkCategory("PageOverhead")]
    public Task<List<OrderListItem>> Step3_EfCore_Linq_ModuleContext() => EfLinq();

    [Benchmark, BenchmarkCategory("PageOverhead")]
    public Task<List<OrderListItem>> Step4_EfCore_CompiledQuery_ModuleContext() => EfCompiled();

    /// <summary>What context pooling (AddPooledDbContextFactory) would save over the module's plain factory.</summary>
    [Benchmark, BenchmarkCategory("PageOverhead")]
    public Task<List<OrderListItem>> Step4b_EfCore_Linq_PooledContext() => EfLinqPooled();

    [Benchmark, BenchmarkCategory("PageOverhead")]
    public Task<OrderPage> Step5_Module_ListOrdersAsync() => ModulePage();

    private async Task<List<OrderListItem>> RawOpenPerCall()
    {
        await using var connection = await BenchDatabases.OpenRawAsync(Db, ConnectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = PageSql;
        foreach (var (name, value) in new (string, object)[] { ("@n", BenchNetwork.NetworkId), ("@b", BenchNetwork.BusiestBroker.PartyId) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = Bind(value);
            command.Parameters.Add(parameter);
        }

        return await ReadItemsAsync(command);
    }

    private async Task<List<OrderListItem>> EfLinq()
    {
        await using var db = Module.CreateDbContext();
        return await EfLinq(db);
    }

    private async Task<List<OrderListItem>> EfLinqPooled()
    {
        await using var db = _pooled.CreateDbContext();
        return await EfLinq(db);
    }

    private static async Task<List<OrderListItem>> EfLinq(ExpertennetzwerkDbContext db)
    {
        var network = BenchNetwork.NetworkId;
        var broker = BenchNetwork.BusiestBroker.PartyId;
        return await db.Set<ExpertOrder>().AsNoTracking()
            .Where(o => o.NetworkId == network && o.BrokerPartyId == broker)
            .OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id)
            .Take(26)
            .Select(o => new OrderListItem(
                o.Id, o.Number, o.State, o.ServiceId, o.CategoryId, o.BrokerPartyId, o.ExpertPartyId, o.CustomerDisplayName, o.ProgressStep,
                o.CreatedAt, o.UpdatedAt))
            .ToListAsync();
    }

    private async Task<List<OrderListItem>> EfCompiled()
    {
        await using var db = Module.CreateDbContext();
        var items = new List<OrderListItem>(26);
        await foreach (var item in _compiledPage(db, BenchNetwork.NetworkId, BenchNetwork.BusiestBroker.PartyId))
        {
            items.Add(item);
        }

        return items;
    }

    private async Task<OrderPage> ModulePage() => (await Module.Queries.ListOrdersAsync(BenchNetwork.BusiestBroker, BrokerQuery)).Value;
}
