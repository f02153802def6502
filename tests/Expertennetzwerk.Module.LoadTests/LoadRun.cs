using System.Diagnostics;
using System.Globalization;

namespace Expertennetzwerk.Module.LoadTests;

/// <summary>One run: database, SMTP server, host processes, traffic with a kill and an outage, scenarios, invariants.</summary>
public static class LoadRun
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(8);

    public static async Task<LoadReport> RunAsync(LoadOptions options, TextWriter log)
    {
        var started = DateTimeOffset.UtcNow;
        var loadAtStart = LoadAverage();
        var random = new Random(options.Seed);
        var connectionString = await LoadDatabase.CreateAsync();
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
        await log.WriteLineAsync($"Database {database}; {options.Instances} instance(s); up to {options.Commands} requests in {options.Seconds} s.");
        var hosts = new List<HostInstance>();
        var report = new LoadReport { Options = options, Database = database, Started = started, LoadAverageAtStart = loadAtStart };
        await using var smtp = await FlakySmtpServer.StartAsync(options.Seed, options.SmtpRejectShare, DemoNetwork.MarkedRecipient, options.SmtpLatencyMilliseconds);
        try
        {
            string[] arguments =
            [
                "--environment=Development",
                "--Database:Provider=PostgreSQL",
                $"--ConnectionStrings:PostgreSQL={connectionString}",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
                "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations=Warning",
                "--Mail:Smtp:Host=127.0.0.1",
                $"--Mail:Smtp:Port={smtp.Port}",
                "--Mail:Smtp:TlsMode=None",
                "--Mail:Smtp:Timeout=00:00:10",
                "--Mail:Smtp:MaxConnections=4",
                $"--Expertennetzwerk:Outbox:LeaseDuration={Lease:c}",
                "--Expertennetzwerk:Outbox:BaseRetryDelay=00:00:00.500",
                "--Expertennetzwerk:Outbox:MaxRetryDelay=00:00:03",
                "--Expertennetzwerk:Outbox:MaxAttempts=40",
                "--Expertennetzwerk:Outbox:PollInterval=00:00:01",
                $"--Expertennetzwerk:CursorProtectionKey={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}", // one key: cursors work on every instance
            ];
            for (var i = 0; i < options.Instances; i++)
            {
                hosts.Add(new HostInstance(i, arguments));
            }

            // Every instance starts at once on the empty database: one prepares it, the others wait for it.
            var startClock = Stopwatch.StartNew();
            await Task.WhenAll(hosts.Select(h => h.StartAsync(TimeSpan.FromMinutes(3))));
            report.StartSeconds = Seconds(startClock.Elapsed);
            await log.WriteLineAsync($"Hosts listening after {report.StartSeconds} s on {string.Join(", ", hosts.Select(h => h.BaseAddress))}.");

            var metrics = new Metrics();
            var api = new Api(hosts, metrics, new Random(options.Seed + 1));
            var clock = Stopwatch.StartNew();
            var limit = TimeSpan.FromSeconds(options.Seconds);
            bool KeepGoing() => metrics.Requests < options.Commands && clock.Elapsed < limit;
            double Progress() => Math.Max(metrics.Requests / (double)options.Commands, clock.Elapsed / limit);

            var cpuAtStart = CpuSnapshot(hosts);
            var simulation = new Simulation(api, smtp, options, random, KeepGoing);
            var traffic = Task.Run(simulation.RunAsync);
            var background = new List<Task>();
            var memory = new List<MemorySample>();
            var killed = false;
            HostInstance? victim = null;
            string? killedSender = null;
            DateTimeOffset? killAt = null, outageFrom = null, outageTo = null;
            var nextMemorySample = TimeSpan.Zero;

            // The chaos: bounded by the traffic, which is bounded by count and time.
            while (!traffic.IsCompleted)
            {
                var progress = Progress();
                if (clock.Elapsed >= nextMemorySample)
                {
                    memory.Add(new MemorySample(Seconds(clock.Elapsed), [.. hosts.Select(h => h.WorkingSet / (1024 * 1024))]));
                    nextMemorySample += TimeSpan.FromSeconds(5);
                }

                if (options.Kill && !killed && progress >= 0.40)
                {
                    // In the background: the traffic and the outage go on while the instance is down and restarting.
                    killed = true;
                    victim = hosts[^1];
                    killedSender = victim.FromAddress;
                    report.KillAtSeconds = Seconds(clock.Elapsed);
                    background.Add(KillAndRestartAsync(victim, connectionString, report, log, at => killAt = at));
                }

                if (options.Outage && outageFrom is null && progress >= 0.45)
                {
                    smtp.Down = true;
                    outageFrom = DateTimeOffset.UtcNow;
                    report.OutageFromSeconds = Seconds(clock.Elapsed);
                }

                if (smtp.Down && progress >= 0.62 && DateTimeOffset.UtcNow - outageFrom >= TimeSpan.FromSeconds(5))
                {
                    (outageTo, report.OutageToSeconds) = await EndOutageAsync(smtp, clock, connectionString, background, report);
                }

                await Task.Delay(100);
            }

            await traffic;
            report.TrafficSeconds = Seconds(clock.Elapsed);
            var cpuAfterTraffic = CpuSnapshot(hosts);
            memory.Add(new MemorySample(Seconds(clock.Elapsed), [.. hosts.Select(h => h.WorkingSet / (1024 * 1024))]));
            await log.WriteLineAsync($"Traffic done: {metrics.Requests} requests in {report.TrafficSeconds} s.");
            await Settled(background, TimeSpan.FromMinutes(6)); // the restart (at most 5 min) and the lease takeover
            if (smtp.Down)
            {
                (outageTo, report.OutageToSeconds) = await EndOutageAsync(smtp, clock, connectionString, background, report);
            }

            // The dedicated scenarios, on both instances, with the mail server up.
            var scenarios = new Scenarios(api, smtp);
            report.LostUpdates = await scenarios.LostUpdatesAsync(Math.Clamp(options.Commands / 200, 10, 40));
            report.ConsentRaces = await scenarios.ConsentRacesAsync(Math.Clamp(options.Commands / 400, 6, 20));
            await log.WriteLineAsync("Scenarios done.");

            // The recovery window: every due row sent or dead-lettered.
            var drain = Stopwatch.StartNew();
            while (drain.Elapsed < TimeSpan.FromSeconds(options.RecoverySeconds) && await Invariants.WaitingAsync(connectionString) > 0)
            {
                await Task.Delay(250);
            }

            report.DrainSeconds = Seconds(drain.Elapsed);
            await Settled(background, TimeSpan.FromSeconds(options.RecoverySeconds));

            report.Invariants = await Invariants.CheckAsync(connectionString, smtp, new ChaosTimes(killAt, killedSender, outageFrom, outageTo, Lease, TimeSpan.FromMilliseconds(2 * options.SmtpLatencyMilliseconds + 1000)), "expertennetzwerk");
            report.Requests = metrics.Requests;
            report.HostileRequests = metrics.Hostile;
            report.ByKind = metrics.ByKind;
            report.ByLabel = metrics.ByLabel;
            report.Latencies = metrics.Latencies();
            report.KilledInFlight = metrics.KilledInFlight;
            report.KilledInFlightFailed = metrics.KilledInFlightFailed;
            report.Reauthentications = metrics.Reauthentications;
            report.Unexpected = [.. metrics.Unexpected];
            report.FirstProblems = new SortedDictionary<string, string>(metrics.FirstProblems, StringComparer.Ordinal);
            report.HostileAccepted = [.. metrics.HostileAccepted];
            report.OrdersCreated = simulation.Orders.Count;
            report.ConsentLinksFromMail = simulation.ConsentLinksFromMail;
            report.ConsentDecisions = simulation.ConsentDecisions;
            report.Smtp = new SmtpFigures(smtp.Accepted.Count, smtp.RandomlyRejected, smtp.RefusedWhileDown, smtp.RefusedForGood);
            report.Cpu = CpuFigures(cpuAtStart, cpuAfterTraffic, hosts.Count);
            report.Memory = memory;
            report.PeakWorkingSetMb = [.. hosts.Select(h => h.PeakWorkingSet / (1024 * 1024))];
            var failures = hosts.Select(h => h.Lines).SelectMany(lines => lines.Select((line, at) => (line, at, lines))
                .Where(l => l.line.Contains("fail:", StringComparison.Ordinal) || l.line.Contains("crit:", StringComparison.Ordinal) || l.line.Contains("Unhandled exception", StringComparison.Ordinal))
                .Select(l => string.Join(" / ", l.lines.Skip(l.at).Take(4)))).ToList();
            report.HostErrorLines = failures.Count;
            report.HostErrorSamples = [.. failures.DistinctBy(f => f.Length > 160 ? f[..160] : f).Take(12)];
            report.LoadAverageAtEnd = LoadAverage();
            report.Breaches = Breaches(report);
            return report;
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }

            if (!options.KeepDatabase)
            {
                await LoadDatabase.DropAsync(connectionString);
            }
        }
    }

    /// <summary>Waits at most <paramref name="limit"/> for <paramref name="tasks"/>; what is still running then reports nothing.</summary>
    private static async Task Settled(List<Task> tasks, TimeSpan limit)
    {
        try
        {
            await Task.WhenAll(tasks.ToList()).WaitAsync(limit);
        }
        catch (TimeoutException)
        {
        }
    }

    private static async Task KillAndRestartAsync(HostInstance victim, string connectionString, LoadReport report, TextWriter log, Action<DateTimeOffset> killed)
    {
        var owner = victim.LeaseOwner;
        await victim.KillAsync();
        killed(DateTimeOffset.UtcNow);
        var leased = await Invariants.LeasedByAsync(connectionString, owner);
        report.LeasedRowsAtKill = leased.Count;
        await log.WriteLineAsync($"Killed host {victim.Index} at {report.KillAtSeconds} s holding {leased.Count} leased outbox row(s).");
        var takeover = MeasureAsync(async () => await Invariants.StillLeasedByAsync(connectionString, leased, owner) == 0, leased.Count > 0,
            seconds => report.TakeoverSeconds = seconds);
        await Task.Delay(1000);
        var restart = Stopwatch.StartNew();
        try
        {
            await victim.StartAsync(TimeSpan.FromMinutes(5));
            report.RestartSeconds = Seconds(restart.Elapsed);
            await log.WriteLineAsync($"Host {victim.Index} restarted in {report.RestartSeconds} s.");
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            // The run goes on with the other instances; the invariants are still checked, and this is a breach.
            report.RestartFailure = $"{ex.GetType().Name} after {Seconds(restart.Elapsed)} s";
            await log.WriteLineAsync($"Host {victim.Index} did not restart: {report.RestartFailure}.");
        }
        await takeover;
    }

    private static async Task<(DateTimeOffset, double)> EndOutageAsync(FlakySmtpServer smtp, Stopwatch clock, string connectionString, List<Task> background, LoadReport report)
    {
        smtp.Down = false;
        var at = DateTimeOffset.UtcNow;
        var waiting = await Invariants.WaitingRowsAsync(connectionString);
        report.PendingRowsAtRecovery = waiting.Count;
        background.Add(MeasureAsync(async () => await Invariants.WaitingAsync(connectionString, waiting) == 0, waiting.Count > 0, seconds => report.RecoverySeconds = seconds));
        return (at, Seconds(clock.Elapsed));
    }

    /// <summary>Polls <paramref name="done"/> every 100 ms for at most 10 minutes and reports how long it took (null: longer).</summary>
    private static async Task MeasureAsync(Func<Task<bool>> done, bool anything, Action<double?> report)
    {
        if (!anything)
        {
            report(0);
            return;
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            if (await done())
            {
                report(Seconds(clock.Elapsed));
                return;
            }

            await Task.Delay(100);
        }

        report(null);
    }

    private static List<string> Breaches(LoadReport r)
    {
        var breaches = new List<string>();
        void Check(bool breached, string text)
        {
            if (breached)
            {
                breaches.Add(text);
            }
        }

        var i = r.Invariants!;
        Check(r.RestartFailure is not null, $"the killed instance did not restart ({r.RestartFailure})");
        Check(r.Unexpected.Count > 0, $"{r.Unexpected.Count} 5xx/connection errors outside the killed instance's in-flight requests");
        Check(r.HostileAccepted.Count > 0, $"{r.HostileAccepted.Count} hostile requests answered 2xx");
        Check(i.ReplayMismatches > 0, $"{i.ReplayMismatches} orders whose state is not the replay of their history");
        Check(i.HistoryGaps > 0, $"{i.HistoryGaps} orders with gaps in their history sequence");
        Check(i.HistoryCountMismatches > 0, $"{i.HistoryCountMismatches} orders whose history count differs from their entries");
        Check(i.HashChainBreaks > 0, $"{i.HashChainBreaks} orders whose history hash chain does not verify");
        Check(i.HashChainsVerified != i.Orders, $"{i.HashChainsVerified} of {i.Orders} orders' hash chains verified");
        Check(i.CounterMismatches > 0, $"{i.CounterMismatches} per-state counters differ from a GROUP BY over the orders");
        Check(i.HostileTraces > 0, $"{i.HostileTraces} rows carry a hostile request's text");
        Check(i.MailDeliveriesMissing > 0, $"{i.MailDeliveriesMissing} mails marked sent but never accepted by the SMTP server");
        Check(i.DeadLettersOther > 0, $"{i.DeadLettersOther} dead letters not for the marked recipient");
        Check(i.MarkedRecipientDelivered > 0, $"{i.MarkedRecipientDelivered} mails to the refused recipient marked sent");
        Check(i.PendingDueAfterRecovery > 0, $"{i.PendingDueAfterRecovery} outbox rows still pending after the recovery window");
        Check(i.AcceptedMailsWithoutRow > 0, $"{i.AcceptedMailsWithoutRow} accepted mails whose Message-ID matches no outbox row");
        Check(i.DuplicatesUnexplained > 0, $"{i.DuplicatesUnexplained} duplicate mails not explained by the kill or the outage");
        foreach (var (name, race) in new[] { ("lost-update", r.LostUpdates!), ("consent", r.ConsentRaces!) })
        {
            Check(race.BothWon > 0, $"{name} race: {race.BothWon} pairs where both requests won");
            Check(race.NoneWon > 0, $"{name} race: {race.NoneWon} pairs where no request won");
            Check(race.HistoryMismatches > 0, $"{name} race: {race.HistoryMismatches} results not as the winner says");
            Check(race.ReplaysAnswered2xx > 0, $"{name} race: {race.ReplaysAnswered2xx} used links that worked again");
        }

        return breaches;
    }

    private static (TimeSpan Harness, TimeSpan[] Hosts, TimeSpan Postgres) CpuSnapshot(IReadOnlyList<HostInstance> hosts) =>
        (Process.GetCurrentProcess().TotalProcessorTime, [.. hosts.Select(h => h.CpuTime)], PostgresCpu());

    private static CpuFigures CpuFigures((TimeSpan Harness, TimeSpan[] Hosts, TimeSpan Postgres) start, (TimeSpan Harness, TimeSpan[] Hosts, TimeSpan Postgres) end, int count) =>
        new(Seconds(end.Harness - start.Harness), [.. Enumerable.Range(0, count).Select(i => Seconds(end.Hosts[i] - start.Hosts[i]))], Seconds(end.Postgres - start.Postgres));

    /// <summary>CPU time of every running postgres process (all sessions of the cluster, not only this run's).</summary>
    private static TimeSpan PostgresCpu()
    {
        long ticks = 0;
        try
        {
            foreach (var folder in Directory.EnumerateDirectories("/proc"))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                    var open = stat.IndexOf('(', StringComparison.Ordinal);
                    var close = stat.LastIndexOf(')');
                    if (open < 0 || close < 0 || stat[(open + 1)..close] != "postgres")
                    {
                        continue;
                    }

                    var fields = stat[(close + 2)..].Split(' ');
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
                {
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 2);
}
