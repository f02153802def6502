using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>The kinds of job the benchmark classes use.</summary>
public enum JobKind
{
    /// <summary>Write transactions: fixed invocations per iteration, fed by an iteration setup.</summary>
    Writes,

    /// <summary>Sub-millisecond reads: many invocations, long warm-up (EF's first thousands of queries are slower).</summary>
    FastReads,

    /// <summary>Reads of up to half a second (full scans): few iterations.</summary>
    SlowReads,

    /// <summary>Work of about a second per invocation (an outbox drain): one invocation per iteration, fed by an iteration setup.</summary>
    Batches,

    /// <summary>Latency samples of tens of milliseconds: a fixed number of invocations per iteration, no pilot.</summary>
    Latency,
}

/// <summary>Jobs per kind; with --dry every kind is one in-process dry invocation.</summary>
internal static class BenchJobs
{
    /// <summary>Transactions per measured iteration of the write benchmarks.</summary>
    public static int WriteInvocations => BenchSettings.Dry ? 1 : 200;

    public static Job For(JobKind kind)
    {
        if (BenchSettings.Dry)
        {
            return Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Dry");
        }

        var job = kind switch
        {
            JobKind.Writes => Job.Default.WithWarmupCount(6).WithIterationCount(15).WithInvocationCount(WriteInvocations).WithUnrollFactor(1).WithId("Writes"),
            JobKind.Batches => Job.Default.WithWarmupCount(2).WithIterationCount(8).WithInvocationCount(1).WithUnrollFactor(1).WithId("Batches"),
            JobKind.Latency => Job.Default.WithWarmupCount(2).WithIterationCount(10).WithInvocationCount(50).WithUnrollFactor(1).WithId("Latency"),
            JobKind.FastReads => Job.Default.WithWarmupCount(10).WithIterationCount(20).WithIterationTime(TimeInterval.FromMilliseconds(250)).WithId("FastReads"),
            _ => Job.Default.WithWarmupCount(3).WithIterationCount(10).WithId("SlowReads"),
        };
        return BenchSettings.InProcess ? job.WithToolchain(InProcessEmitToolchain.Instance) : job;
    }
}

/// <summary>Gives a benchmark class its job (see <see cref="BenchJobs"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BenchJobAttribute : Attribute, IConfigSource
{
    public BenchJobAttribute(JobKind kind) => Config = ManualConfig.CreateEmpty().AddJob(BenchJobs.For(kind));

    public IConfig Config { get; }
}
