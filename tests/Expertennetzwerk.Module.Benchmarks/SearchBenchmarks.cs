using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Expertennetzwerk.Module.Benchmarks.Support;
using Expertennetzwerk.Module.Orders.Queries;

namespace Expertennetzwerk.Module.Benchmarks;

/// <summary>
/// Goal (c): free-text search on the customer's name at the largest size, through <c>ListOrdersAsync</c> with
/// <c>Text</c> (FTS5 trigram on SQLite, pg_trgm on PostgreSQL), for the busiest broker and the busiest expert. The
/// baseline is the unindexed LIKE over all the network's orders; the actor-scoped unindexed LIKE (the party's own
/// index range, each row's text checked) is measured beside it.
/// </summary>
[BenchJob(JobKind.SlowReads)]
public class SearchBenchmarks : DatabaseBenchmark
{
    private DbCommand _networkLike = null!;
    private DbCommand _brokerLike = null!;
    private DbCommand _expertLike = null!;
    private OrderListQuery _query = null!;

    [ParamsSource(nameof(SizeValues))]
    public int Orders { get; set; }

    public static IEnumerable<int> SizeValues => [BenchSettings.LargestSize];

    /// <summary>A common surname (about 2.5 % of customers), a rare one (about 0.1 %) and a name nobody has.</summary>
    [Params(CustomerNames.CommonSurname, CustomerNames.RareSurname, CustomerNames.AbsentName)]
    public string Term { get; set; } = CustomerNames.CommonSurname;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync("list", Orders);
        _query = Page(text: Term);

        // "|| ''" keeps PostgreSQL from using the trigram index: this is the plain scan the index replaces.
        var text = Db == Db.Sqlite ? "\"SearchText\"" : "(\"SearchText\" || '')";
        var pattern = "%" + Term + "%";
        _networkLike = Prepare(
            $"SELECT {ListColumns} FROM \"enw_orders\" WHERE \"NetworkId\" = @n AND {text} LIKE @p ORDER BY \"UpdatedAt\" DESC, \"Id\" DESC LIMIT 26",
            ("@n", BenchNetwork.NetworkId), ("@p", pattern));
        _brokerLike = Prepare(
            $"SELECT {ListColumns} FROM \"enw_orders\" WHERE \"NetworkId\" = @n AND \"BrokerPartyId\" = @b AND {text} LIKE @p " +
            "ORDER BY \"UpdatedAt\" DESC, \"Id\" DESC LIMIT 26",
            ("@n", BenchNetwork.NetworkId), ("@b", BenchNetwork.BusiestBroker.PartyId), ("@p", pattern));
        _expertLike = Prepare(
            $"SELECT {ListColumns} FROM \"enw_orders\" WHERE \"NetworkId\" = @n AND \"AssignedExpertPartyId\" = @e AND {text} LIKE @p " +
            "ORDER BY \"UpdatedAt\" DESC, \"Id\" DESC LIMIT 26",
            ("@n", BenchNetwork.NetworkId), ("@e", BenchNetwork.BusiestExpert.PartyId), ("@p", pattern));

        AssertSamePage("broker search", (await BrokerSearch()).Items, await ReadItemsAsync(_brokerLike));
        AssertSamePage("expert search", (await ExpertSearch()).Items, await ReadItemsAsync(_expertLike));

        var budget = TimeSpan.FromSeconds(BenchSettings.Dry ? 0.1 : 1);
        await WarmUpAsync(BrokerSearch, 200, budget);
        await WarmUpAsync(ExpertSearch, 200, budget);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Search")]
    public Task<List<OrderListItem>> Search_UnindexedLike_AllOrders_RawAdo() => ReadItemsAsync(_networkLike);

    [Benchmark, BenchmarkCategory("Search")]
    public Task<OrderPage> Search_Broker_Module() => BrokerSearch();

    [Benchmark, BenchmarkCategory("Search")]
    public Task<List<OrderListItem>> Search_Broker_UnindexedLike_RawAdo() => ReadItemsAsync(_brokerLike);

    [Benchmark, BenchmarkCategory("Search")]
    public Task<OrderPage> Search_Expert_Module() => ExpertSearch();

    [Benchmark, BenchmarkCategory("Search")]
    public Task<List<OrderListItem>> Search_Expert_UnindexedLike_RawAdo() => ReadItemsAsync(_expertLike);

    private async Task<OrderPage> BrokerSearch() => (await Module.Queries.ListOrdersAsync(BenchNetwork.BusiestBroker, _query)).Value;

    private async Task<OrderPage> ExpertSearch() => (await Module.Queries.ListOrdersAsync(BenchNetwork.BusiestExpert, _query)).Value;
}
