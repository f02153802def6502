using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Expertennetzwerk.Module.Benchmarks.Support;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;

namespace Expertennetzwerk.Module.Benchmarks;

/// <summary>
/// Goal (b): the first page of 25 of the busiest broker (all states, and one state) and of the busiest expert's open
/// orders (Placed, InProgress, AwaitingInformation, Disputed), through <c>ExpertOrderQueries.ListOrdersAsync</c>
/// without counts, against a prepared ADO.NET query of the same rows on one open connection.
/// </summary>
[BenchJob(JobKind.FastReads)]
public class OrderListBenchmarks : DatabaseBenchmark
{
    private static readonly OrderListQuery BrokerQuery = Page();
    private static readonly OrderListQuery BrokerStateQuery = Page([OrderState.InProgress]);
    private static readonly OrderListQuery ExpertOpenQuery = Page([OrderState.Placed, OrderState.InProgress, OrderState.AwaitingInformation, OrderState.Disputed]);

    private DbCommand _brokerPage = null!;
    private DbCommand _brokerStatePage = null!;
    private DbCommand _expertOpenPage = null!;

    [ParamsSource(nameof(SizeValues))]
    public int Orders { get; set; }

    public static IEnumerable<int> SizeValues => BenchSettings.Sizes;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync("list", Orders);
        var network = BenchNetwork.NetworkId;
        _brokerPage = Prepare(
            $"SELECT {ListColumns} FROM \"enw_orders\" WHERE \"NetworkId\" = @n AND \"BrokerPartyId\" = @b " +
            "ORDER BY \"UpdatedAt\" DESC, \"Id\" DESC LIMIT 26",
            ("@n", network), ("@b", BenchNetwork.BusiestBroker.PartyId));
        _brokerStatePage = Prepare(
            $"SELECT {ListColumns} FROM \"enw_orders\" WHERE \"NetworkId\" = @n AND \"BrokerPartyId\" = @b AND \"State\" = @s " +
            "ORDER BY \"UpdatedAt\" DESC, \"Id\" DESC LIMIT 26",
            ("@n", network), ("@b", BenchNetwork.BusiestBroker.PartyId), ("@s", OrderState.InProgress));
        _expertOpenPage = Prepare(
            $"SELECT {ListColumns} FROM \"enw_orders\" WHERE \"NetworkId\" = @n AND \"AssignedExpertPartyId\" = @e AND \"IsOpen\" = @open " +
            "ORDER BY \"UpdatedAt\" DESC, \"Id\" DESC LIMIT 26",
            ("@n", network), ("@e", BenchNetwork.BusiestExpert.PartyId), ("@open", true));

        AssertSamePage("broker page", (await ModuleBrokerPage()).Items, await ReadItemsAsync(_brokerPage), 25);
        AssertSamePage("broker page, one state", (await ModuleBrokerStatePage()).Items, await ReadItemsAsync(_brokerStatePage));
        AssertSamePage("expert's open orders", (await ModuleExpertOpenPage()).Items, await ReadItemsAsync(_expertOpenPage), 25);

        var budget = TimeSpan.FromSeconds(BenchSettings.Dry ? 0.1 : 1);
        await WarmUpAsync(ModuleBrokerPage, 2_000, budget);
        await WarmUpAsync(ModuleBrokerStatePage, 2_000, budget);
        await WarmUpAsync(ModuleExpertOpenPage, 2_000, budget);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("BrokerPage")]
    public Task<List<OrderListItem>> BrokerPage_RawAdo() => ReadItemsAsync(_brokerPage);

    [Benchmark, BenchmarkCategory("BrokerPage")]
    public Task<OrderPage> BrokerPage_Module() => ModuleBrokerPage();

    [Benchmark(Baseline = true), BenchmarkCategory("BrokerPageOneState")]
    public Task<List<OrderListItem>> BrokerPageOneState_RawAdo() => ReadItemsAsync(_brokerStatePage);

    [Benchmark, BenchmarkCategory("BrokerPageOneState")]
    public Task<OrderPage> BrokerPageOneState_Module() => ModuleBrokerStatePage();

    [Benchmark(Baseline = true), BenchmarkCategory("ExpertOpenPage")]
    public Task<List<OrderListItem>> ExpertOpenPage_RawAdo() => ReadItemsAsync(_expertOpenPage);

    [Benchmark, BenchmarkCategory("ExpertOpenPage")]
    public Task<OrderPage> ExpertOpenPage_Module() => ModuleExpertOpenPage();

    private async Task<OrderPage> ModuleBrokerPage() => (await Module.Queries.ListOrdersAsync(BenchNetwork.BusiestBroker, BrokerQuery)).Value;

    private async Task<OrderPage> ModuleBrokerStatePage() => (await Module.Queries.ListOrdersAsync(BenchNetwork.BusiestBroker, BrokerStateQuery)).Value;

    private async Task<OrderPage> ModuleExpertOpenPage() => (await Module.Queries.ListOrdersAsync(BenchNetwork.BusiestExpert, ExpertOpenQuery)).Value;
}
