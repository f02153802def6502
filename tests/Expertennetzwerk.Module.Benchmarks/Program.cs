using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Running;
using Expertennetzwerk.Module.Benchmarks.Support;

// Own options (the rest goes to BenchmarkDotNet, e.g. --filter *OrderList*):
//   --dry             every benchmark once, in process, on 2,000 orders (CI)
//   --sizes 10k,1m    order counts of the list benchmarks (search and counts use the largest)
//   --db sqlite       only these databases (sqlite, postgres); PostgreSQL needs EXPERTENNETZWERK_POSTGRES
//   --cache DIR       where seeded SQLite files are kept (default: the temp directory's enw-bench)
//   --seed-only       seed (or find) the databases and stop
//   --explain         print the module's SQL and the query plans on the largest database, and stop
//   --profile         print the statements of the module's Place and Accept with their time, and stop
//                     (ENW_PROFILE_ONLY=Place|Accept, ENW_PROFILE_ROUNDS=n, ENW_PROFILE_FULL=1 for the whole SQL)
//   --in-process      run the measured jobs in this process (no per-job build; for a machine too busy to build in time)
//   --serve-http PORT serve the module's HTTP API over the largest list database (first --db) on 127.0.0.1:PORT for wrk
var benchmarkArgs = new List<string>();
var seedOnly = false;
var explain = false;
var profile = false;
int? servePort = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--dry":
            Environment.SetEnvironmentVariable(BenchSettings.DryVariable, "1");
            break;
        case "--sizes" when i + 1 < args.Length:
            Environment.SetEnvironmentVariable(BenchSettings.SizesVariable, args[++i]);
            break;
        case "--db" when i + 1 < args.Length:
            Environment.SetEnvironmentVariable(BenchSettings.DatabasesVariable, args[++i]);
            break;
        case "--in-process":
            Environment.SetEnvironmentVariable(BenchSettings.InProcessVariable, "1");
            break;
        case "--seed-only":
            seedOnly = true;
            break;
        case "--serve-http" when i + 1 < args.Length:
            servePort = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--explain":
            explain = true;
            break;
        case "--profile":
            profile = true;
            break;
        case "--cache" when i + 1 < args.Length:
            Environment.SetEnvironmentVariable(BenchSettings.CacheVariable, Path.GetFullPath(args[++i]));
            break;
        default:
            benchmarkArgs.Add(args[i]);
            break;
    }
}

if (!benchmarkArgs.Contains("--filter") && !benchmarkArgs.Contains("-f"))
{
    benchmarkArgs.AddRange(["--filter", "*"]);
}

Console.WriteLine(
    $"// Databases: {string.Join(", ", BenchSettings.Databases)}; list sizes: {string.Join(", ", BenchSettings.Sizes)}; " +
    $"dry: {BenchSettings.Dry}; cache: {BenchSettings.CacheDirectory}");
if (BenchSettings.Postgres is null)
{
    Console.WriteLine($"// {BenchSettings.PostgresVariable} is not set: PostgreSQL is skipped.");
}

if (servePort is { } port)
{
    await HttpBenchHost.ServeAsync(port);
    return 0;
}

// Seed (or find cached) every database before BenchmarkDotNet starts its benchmark processes, and say what runs where.
foreach (var db in BenchSettings.Databases)
{
    foreach (var size in BenchSettings.Sizes)
    {
        await BenchDatabases.EnsureAsync(db, "list", size);
    }

    var transitions = await BenchDatabases.EnsureAsync(db, "tx", BenchSettings.TransitionDatabaseSize);
    Console.WriteLine($"// {db}: {await BenchDatabases.ServerVersionAsync(db, transitions)}");
}

if (explain)
{
    await QueryPlans.PrintAsync();
    return 0;
}

if (profile)
{
    await TransitionProfile.PrintAsync();
    return 0;
}

if (seedOnly)
{
    return 0;
}

var config = DefaultConfig.Instance
    .AddColumn(StatisticColumn.Median, StatisticColumn.P95, new MedianRatioColumn(), new OpsPerSecondColumn(), CategoriesColumn.Default)
    .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)
    .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared));

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. benchmarkArgs], config).ToList();
var failed = summaries.Count == 0
    || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Length == 0 || s.Reports.Any(r => !r.Success));
if (failed)
{
    Console.Error.WriteLine("// Some benchmarks failed or did not run (see above).");
    return 1;
}

return 0;
