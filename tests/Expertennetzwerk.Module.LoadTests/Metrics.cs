using System.Collections.Concurrent;

namespace Expertennetzwerk.Module.LoadTests;

/// <summary>What a request was, for the counts and latencies.</summary>
public enum EndpointKind
{
    Read,
    Command,
    Upload,

    /// <summary>The demo sign-in (the CRM's stand-in), not part of the module's API figures.</summary>
    SignIn,
}

/// <summary>Responses by endpoint kind and status, latencies, and the requests that broke a rule.</summary>
public sealed class Metrics
{
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byLabel = new(StringComparer.Ordinal);
    private readonly List<double>[] _latencies = [[], [], [], []];
    private long _requests;
    private long _hostile;
    private long _killedInFlight;
    private long _killedInFlightFailed;
    private long _reauthentications;

    public long Requests => Interlocked.Read(ref _requests);

    public long Hostile => Interlocked.Read(ref _hostile);

    public long KilledInFlight => Interlocked.Read(ref _killedInFlight);

    public long KilledInFlightFailed => Interlocked.Read(ref _killedInFlightFailed);

    public long Reauthentications => Interlocked.Read(ref _reauthentications);

    /// <summary>5xx or connection errors outside the killed instance's in-flight requests.</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    /// <summary>Hostile requests that got a 2xx.</summary>
    public ConcurrentQueue<string> HostileAccepted { get; } = new();

    /// <summary>The first answer's body (shortened) of each label and 4xx/5xx status, to read what was refused and why.</summary>
    public ConcurrentDictionary<string, string> FirstProblems { get; } = new(StringComparer.Ordinal);

    public void Record(EndpointKind kind, string label, int status, double milliseconds, bool hostile, bool killedInFlight, string? body = null)
    {
        if (status >= 400 || status < 0)
        {
            FirstProblems.TryAdd($"{(hostile ? "hostile " : string.Empty)}{label} {status}", body is null ? string.Empty : body.Length > 300 ? body[..300] : body);
        }

        Interlocked.Increment(ref _requests);
        var statusText = status < 0 ? "error" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _byKind.AddOrUpdate($"{kind} {statusText}", 1, (_, n) => n + 1);
        _byLabel.AddOrUpdate($"{(hostile ? "hostile " : string.Empty)}{label} {statusText}", 1, (_, n) => n + 1);
        if (hostile)
        {
            Interlocked.Increment(ref _hostile);
        }

        var failed = status < 0 || status >= 500;
        if (killedInFlight)
        {
            Interlocked.Increment(ref _killedInFlight);
            if (failed)
            {
                Interlocked.Increment(ref _killedInFlightFailed);
            }
        }
        else if (failed && Unexpected.Count < 200)
        {
            Unexpected.Enqueue($"{kind} {label} → {statusText}");
        }

        if (hostile && status is >= 200 and < 300 && HostileAccepted.Count < 200)
        {
            HostileAccepted.Enqueue($"{label} → {statusText}");
        }

        if (!failed)
        {
            var list = _latencies[(int)kind];
            lock (list)
            {
                list.Add(milliseconds);
            }
        }
    }

    public void Reauthenticated() => Interlocked.Increment(ref _reauthentications);

    public IReadOnlyDictionary<string, long> ByKind => new SortedDictionary<string, long>(_byKind, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> ByLabel => new SortedDictionary<string, long>(_byLabel, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, LatencyFigures> Latencies()
    {
        var result = new SortedDictionary<string, LatencyFigures>(StringComparer.Ordinal);
        foreach (var kind in Enum.GetValues<EndpointKind>())
        {
            var list = _latencies[(int)kind];
            double[] values;
            lock (list)
            {
                values = [.. list];
            }

            Array.Sort(values);
            result[kind.ToString()] = new LatencyFigures(values.Length, At(values, 0.50), At(values, 0.95), At(values, 0.99), values.Length == 0 ? 0 : values[^1]);
        }

        return result;
    }

    private static double At(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)], 2);
}

/// <summary>Latency of the successful (non-5xx) responses of one endpoint kind, in milliseconds.</summary>
public sealed record LatencyFigures(int Count, double P50, double P95, double P99, double Max);
