using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>The median of a benchmark divided by the median of its category's baseline (BenchmarkDotNet's Ratio uses means).</summary>
internal sealed class MedianRatioColumn : IColumn
{
    public string Id => nameof(MedianRatioColumn);
    public string ColumnName => "p50 ratio";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Baseline;
    public int PriorityInCategory => 10;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Median of the benchmark / median of the baseline of its category (same parameters)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        var own = summary[benchmarkCase]?.ResultStatistics?.Median;
        var reference = baseline is null ? null : summary[baseline]?.ResultStatistics?.Median;
        return own is { } o && reference is { } r && r > 0 ? (o / r).ToString("0.00", CultureInfo.InvariantCulture) : "?";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.HasBaselines();
}

/// <summary>Operations (transactions, queries) per second at the median: 1 s / p50.</summary>
internal sealed class OpsPerSecondColumn : IColumn
{
    public string Id => nameof(OpsPerSecondColumn);
    public string ColumnName => "ops/s (p50)";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "One second divided by the median: operations per second on one connection";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics?.Median is { } median && median > 0
            ? (1e9 / median).ToString("N0", CultureInfo.InvariantCulture)
            : "?";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
