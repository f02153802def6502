using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Expertennetzwerk.Module.LoadTests;

public sealed record SmtpFigures(long Accepted, long RandomlyRejected451, long RefusedWhileDown421, long RefusedForGood550);

/// <summary>CPU seconds used during the traffic: the harness, each host (all its processes), every postgres process.</summary>
public sealed record CpuFigures(double Harness, IReadOnlyList<double> Hosts, double Postgres);

public sealed record MemorySample(double AtSeconds, IReadOnlyList<long> WorkingSetMb);

/// <summary>Everything one run measured (written as JSON with <c>--out</c>).</summary>
public sealed class LoadReport
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public LoadOptions? Options { get; set; }
    public string Database { get; set; } = string.Empty;
    public DateTimeOffset Started { get; set; }
    public string LoadAverageAtStart { get; set; } = string.Empty;
    public string LoadAverageAtEnd { get; set; } = string.Empty;
    public double StartSeconds { get; set; }
    public double TrafficSeconds { get; set; }
    public long Requests { get; set; }
    public long HostileRequests { get; set; }
    public double RequestsPerSecond => TrafficSeconds > 0 ? Math.Round(Requests / TrafficSeconds, 1) : 0;
    public double CommandsPerSecond => TrafficSeconds > 0
        ? Math.Round(ByKind.Where(k => k.Key.StartsWith("Command", StringComparison.Ordinal) || k.Key.StartsWith("Upload", StringComparison.Ordinal)).Sum(k => k.Value) / TrafficSeconds, 1)
        : 0;
    public IReadOnlyDictionary<string, long> ByKind { get; set; } = new Dictionary<string, long>();
    public IReadOnlyDictionary<string, long> ByLabel { get; set; } = new Dictionary<string, long>();
    public IReadOnlyDictionary<string, LatencyFigures> Latencies { get; set; } = new Dictionary<string, LatencyFigures>();
    public long OrdersCreated { get; set; }
    public long ConsentLinksFromMail { get; set; }
    public long ConsentDecisions { get; set; }
    public double? KillAtSeconds { get; set; }
    public double? RestartSeconds { get; set; }
    public string? RestartFailure { get; set; }
    public long LeasedRowsAtKill { get; set; }
    public double? TakeoverSeconds { get; set; }
    public long KilledInFlight { get; set; }
    public long KilledInFlightFailed { get; set; }
    public long Reauthentications { get; set; }
    public double? OutageFromSeconds { get; set; }
    public double? OutageToSeconds { get; set; }
    public long PendingRowsAtRecovery { get; set; }
    public double? RecoverySeconds { get; set; }
    public double DrainSeconds { get; set; }
    public SmtpFigures? Smtp { get; set; }
    public CpuFigures? Cpu { get; set; }
    public IReadOnlyList<MemorySample> Memory { get; set; } = [];
    public IReadOnlyList<long> PeakWorkingSetMb { get; set; } = [];
    public RaceFigures? LostUpdates { get; set; }
    public RaceFigures? ConsentRaces { get; set; }
    public InvariantFigures? Invariants { get; set; }
    public IReadOnlyDictionary<string, string> FirstProblems { get; set; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Unexpected { get; set; } = [];
    public IReadOnlyList<string> HostileAccepted { get; set; } = [];
    public long HostErrorLines { get; set; }
    public IReadOnlyList<string> HostErrorSamples { get; set; } = [];
    public IReadOnlyList<string> Breaches { get; set; } = [];

    public string Summary()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"{Requests} requests ({HostileRequests} hostile) in {TrafficSeconds} s: {RequestsPerSecond} req/s, {CommandsPerSecond} commands/s; load {LoadAverageAtStart} → {LoadAverageAtEnd}");
        foreach (var (kind, l) in Latencies)
        {
            text.AppendLine(c, $"  {kind,-8} n={l.Count,6} p50={l.P50} ms p95={l.P95} ms p99={l.P99} ms max={l.Max} ms");
        }

        text.AppendLine(c, $"  by kind: {string.Join(", ", ByKind.Select(k => $"{k.Key}={k.Value}"))}");
        text.AppendLine(c, $"  kill at {KillAtSeconds} s (restart {RestartSeconds} s): {KilledInFlight} in flight, {KilledInFlightFailed} failed; {LeasedRowsAtKill} leased rows taken over after {TakeoverSeconds} s");
        text.AppendLine(c, $"  SMTP down {OutageFromSeconds}–{OutageToSeconds} s; {PendingRowsAtRecovery} rows pending at recovery, all delivered after {RecoverySeconds} s; final drain {DrainSeconds} s");
        text.AppendLine(c, $"  SMTP: {Smtp}");
        text.AppendLine(c, $"  CPU s: {Cpu?.Harness} harness, {string.Join("/", Cpu?.Hosts ?? [])} hosts, {Cpu?.Postgres} postgres");
        text.AppendLine(c, $"  lost-update race: {LostUpdates}");
        text.AppendLine(c, $"  consent race: {ConsentRaces}");
        text.AppendLine(c, $"  invariants: {JsonSerializer.Serialize(Invariants, JsonOptions)}");
        text.AppendLine(c, $"  host error lines: {HostErrorLines}; unexpected: {string.Join(" | ", Unexpected.Take(10))}");
        text.AppendLine(Breaches.Count == 0 ? "No breach." : "BREACHES:\n  " + string.Join("\n  ", Breaches));
        return text.ToString();
    }
}
