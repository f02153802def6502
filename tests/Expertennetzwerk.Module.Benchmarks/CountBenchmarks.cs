using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Expertennetzwerk.Module.Benchmarks.Support;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;

namespace Expertennetzwerk.Module.Benchmarks;

/// <summary>
/// Goal (d): the per-state counts of the list header at the largest size. The operator's list with counts (page and
/// counters), against the full-scan GROUP BY over the network's orders that the counters replace; beside them the
/// operator's page alone, the counter query alone, and the broker's and expert's lists with counts.
/// </summary>
[BenchJob(JobKind.SlowReads)]
public class CountBenchmarks : DatabaseBenchmark
{
    private static readonly OrderListQuery WithCounts = Page(counts: true);
    private static readonly OrderListQuery WithoutCounts = Page();

    private DbCommand _groupBy = null!;
    private DbCommand _counters = null!;

    [ParamsSource(nameof(SizeValues))]
    public int Orders { get; set; }

    public static IEnumerable<int> SizeValues => [BenchSettings.LargestSize];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync("list", Orders);
        _groupBy = Prepare(
            "SELECT \"State\", COUNT(*) FROM \"enw_orders\" WHERE \"NetworkId\" = @n GROUP BY \"State\"",
            ("@n", BenchNetwork.NetworkId));
        _counters = Prepare(
            "SELECT \"State\", SUM(\"Count\") FROM \"enw_order_state_counts\" WHERE \"NetworkId\" = @n AND \"Role\" = 'OwningBroker' GROUP BY \"State\"",
            ("@n", BenchNetwork.NetworkId));

        var scanned = await ReadCountsAsync(_groupBy);
        var counted = await ReadCountsAsync(_counters);
        var module = (await OperatorWithCounts()).CountsByState!;
        if (module.Values.Sum() != Orders || !scanned.All(s => counted.GetValueOrDefault(s.Key) == s.Value && module[Enum.Parse<OrderState>(s.Key)] == s.Value))
        {
            throw new InvalidOperationException("The counters do not add up to the orders.");
        }

        var budget = TimeSpan.FromSeconds(BenchSettings.Dry ? 0.1 : 1);
        await WarmUpAsync(OperatorWithCounts, 500, budget);
        await WarmUpAsync(() => Module.Queries.ListOrdersAsync(BenchNetwork.BusiestBroker, WithCounts), 500, budget);
        await WarmUpAsync(() => Module.Queries.ListOrdersAsync(BenchNetwork.BusiestExpert, WithCounts), 500, budget);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Counts")]
    public Task<Dictionary<string, long>> Counts_FullScanGroupBy_RawAdo() => ReadCountsAsync(_groupBy);

    [Benchmark, BenchmarkCategory("Counts")]
    public Task<OrderPage> Counts_Operator_PageWithCounts_Module() => OperatorWithCounts();

    [Benchmark, BenchmarkCategory("Counts")]
    public async Task<OrderPage> Counts_Operator_PageOnly_Module() =>
        (await Module.Queries.ListOrdersAsync(BenchNetwork.Operator, WithoutCounts)).Value;

    [Benchmark, BenchmarkCategory("Counts")]
    public Task<Dictionary<string, long>> Counts_Operator_CounterTable_RawAdo() => ReadCountsAsync(_counters);

    [Benchmark, BenchmarkCategory("Counts")]
    public async Task<OrderPage> Counts_Broker_PageWithCounts_Module() =>
        (await Module.Queries.ListOrdersAsync(BenchNetwork.BusiestBroker, WithCounts)).Value;

    [Benchmark, BenchmarkCategory("Counts")]
    public async Task<OrderPage> Counts_Expert_PageWithCounts_Module() =>
        (await Module.Queries.ListOrdersAsync(BenchNetwork.BusiestExpert, WithCounts)).Value;

    private async Task<OrderPage> OperatorWithCounts() => (await Module.Queries.ListOrdersAsync(BenchNetwork.Operator, WithCounts)).Value;

    private static async Task<Dictionary<string, long>> ReadCountsAsync(DbCommand command)
    {
        var result = new Dictionary<string, long>(8);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }
}
