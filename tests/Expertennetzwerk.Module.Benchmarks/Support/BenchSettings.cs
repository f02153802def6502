namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>Which database a benchmark runs on.</summary>
public enum Db
{
    /// <summary>A SQLite file (WAL, synchronous=NORMAL).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database in the server named by EXPERTENNETZWERK_POSTGRES.</summary>
    Postgres,
}

/// <summary>
/// Run settings, read from environment variables so that the benchmark processes BenchmarkDotNet starts inherit what
/// the command line chose (see Program).
/// </summary>
internal static class BenchSettings
{
    public const string PostgresVariable = "EXPERTENNETZWERK_POSTGRES";
    public const string DryVariable = "ENW_BENCH_DRY";
    public const string SizesVariable = "ENW_BENCH_SIZES";
    public const string DatabasesVariable = "ENW_BENCH_DATABASES";
    public const string CacheVariable = "ENW_BENCH_CACHE";
    public const string InProcessVariable = "ENW_BENCH_IN_PROCESS";

    /// <summary>Orders in the dry run's database.</summary>
    public const int DrySize = 2_000;

    /// <summary>Orders in the database the write benchmarks append to (besides the rows they add).</summary>
    public static int TransitionDatabaseSize => Dry ? DrySize : 10_000;

    public static bool Dry => Environment.GetEnvironmentVariable(DryVariable) == "1";

    /// <summary>Measured jobs run in the benchmark's own process (<c>--in-process</c>).</summary>
    public static bool InProcess => Environment.GetEnvironmentVariable(InProcessVariable) == "1";

    public static string? Postgres => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Order counts for the list benchmarks.</summary>
    public static IReadOnlyList<int> Sizes
    {
        get
        {
            if (Environment.GetEnvironmentVariable(SizesVariable) is { Length: > 0 } text)
            {
                return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(ParseSize).Distinct().Order().ToList();
            }

            return Dry ? [DrySize] : [10_000, 100_000, 1_000_000];
        }
    }

    /// <summary>The size of the search and count benchmarks: the largest chosen size.</summary>
    public static int LargestSize => Sizes.Max();

    public static IReadOnlyList<Db> Databases
    {
        get
        {
            var chosen = Environment.GetEnvironmentVariable(DatabasesVariable) is { Length: > 0 } text
                ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => Enum.Parse<Db>(t, ignoreCase: true)).ToList()
                : [Db.Sqlite, Db.Postgres];
            return chosen.Where(d => d != Db.Postgres || Postgres is not null).Distinct().ToList();
        }
    }

    /// <summary>Where seeded SQLite files are kept between runs.</summary>
    public static string CacheDirectory =>
        Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "enw-bench");

    /// <summary>Parses 10000, 10k or 1m.</summary>
    public static int ParseSize(string text)
    {
        var t = text.Trim().ToLowerInvariant().Replace("_", string.Empty, StringComparison.Ordinal);
        var factor = t.EndsWith('k') ? 1_000 : t.EndsWith('m') ? 1_000_000 : 1;
        if (factor > 1)
        {
            t = t[..^1];
        }

        return checked(int.Parse(t, System.Globalization.CultureInfo.InvariantCulture) * factor);
    }
}
