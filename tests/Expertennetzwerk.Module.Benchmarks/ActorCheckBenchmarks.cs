using BenchmarkDotNet.Attributes;
using Expertennetzwerk.Module.Benchmarks.Support;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Benchmarks;

/// <summary>
/// What the actor check costs Accept (the expert's command; budget 1.10×): the module's Accept with the check as a host
/// runs it (one indexed lookup per expert party and user, then cached) against the same command with the check
/// switched off as the baseline, on the transition database.
/// </summary>
[BenchJob(JobKind.Writes)]
public class ActorCheckAcceptBenchmarks : DatabaseBenchmark
{
    private TransitionPool _pool = null!;
    private ActorVerifier _verifier = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync("tx", BenchSettings.TransitionDatabaseSize);
        _pool = new TransitionPool(Module);
        _verifier = Module.Services.GetRequiredService<ActorVerifier>();
        var rounds = BenchSettings.Dry ? 2 : 300;
        _pool.Refill(rounds);
        for (var i = 0; i < rounds; i++)
        {
            await AcceptAsync(skipCheck: i % 2 == 0);
        }
    }

    [IterationSetup]
    public void IterationSetup() => _pool.Refill(BenchJobs.WriteInvocations + 8);

    [Benchmark(Baseline = true), BenchmarkCategory("Accept")]
    public Task<long> Accept_ActorCheckOff() => AcceptAsync(skipCheck: true);

    [Benchmark, BenchmarkCategory("Accept")]
    public Task<long> Accept_ActorCheckOn() => AcceptAsync(skipCheck: false);

    /// <summary>The baseline once more, measured after the check: shows the drift of a shared machine (A/B/A).</summary>
    [Benchmark, BenchmarkCategory("Accept")]
    public Task<long> Accept_ActorCheckOffAgain() => AcceptAsync(skipCheck: true);

    private async Task<long> AcceptAsync(bool skipCheck)
    {
        _verifier.SkipCheck = skipCheck;
        var order = _pool.NextPlaced();
        var result = await Module.Orders.AcceptAsync(Actor.Expert(BenchNetwork.NetworkId, order.Expert, BenchNetwork.UserId), order.Id);
        return result.Value.Version;
    }
}

/// <summary>
/// What the actor check costs the busiest broker's first list page (25 orders, all states, no counts; budget 1.10×):
/// with the check as a host runs it against the same query with the check switched off as the baseline; beside it the
/// check alone, from the cache and with its lookup.
/// </summary>
[BenchJob(JobKind.FastReads)]
public class ActorCheckListBenchmarks : DatabaseBenchmark
{
    private static readonly OrderListQuery BrokerQuery = Page();

    private ActorVerifier _verifier = null!;

    [ParamsSource(nameof(SizeValues))]
    public int Orders { get; set; }

    public static IEnumerable<int> SizeValues => BenchSettings.Sizes;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync("list", Orders);
        _verifier = Module.Services.GetRequiredService<ActorVerifier>();
        var budget = TimeSpan.FromSeconds(BenchSettings.Dry ? 0.1 : 1);
        await WarmUpAsync(BrokerPage_ActorCheckOn, 2_000, budget);
        await WarmUpAsync(BrokerPage_ActorCheckOff, 2_000, budget);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("BrokerPage")]
    public Task<OrderPage> BrokerPage_ActorCheckOff() => BrokerPageAsync(skipCheck: true);

    [Benchmark, BenchmarkCategory("BrokerPage")]
    public Task<OrderPage> BrokerPage_ActorCheckOn() => BrokerPageAsync(skipCheck: false);

    /// <summary>The baseline once more, measured after the check (A/B/A).</summary>
    [Benchmark, BenchmarkCategory("BrokerPage")]
    public Task<OrderPage> BrokerPage_ActorCheckOffAgain() => BrokerPageAsync(skipCheck: true);

    /// <summary>The check alone as nearly every use case meets it: the actor was verified within the cache lifetime.</summary>
    [Benchmark, BenchmarkCategory("CheckAlone")]
    public ValueTask<bool> Check_CacheHit()
    {
        _verifier.SkipCheck = false;
        return _verifier.VerifyAsync(BenchNetwork.BusiestBroker, CancellationToken.None);
    }

    /// <summary>The check alone on a cold cache (first use case of an actor, or after a change to memberships): the lookup.</summary>
    [Benchmark, BenchmarkCategory("CheckAlone")]
    public ValueTask<bool> Check_Lookup()
    {
        _verifier.SkipCheck = false;
        _verifier.Invalidate();
        return _verifier.VerifyAsync(BenchNetwork.BusiestBroker, CancellationToken.None);
    }

    private async Task<OrderPage> BrokerPageAsync(bool skipCheck)
    {
        _verifier.SkipCheck = skipCheck;
        return (await Module.Queries.ListOrdersAsync(BenchNetwork.BusiestBroker, BrokerQuery)).Value;
    }
}
