using System.Globalization;

namespace Expertennetzwerk.Module.LoadTests;

/// <summary>What one run of the harness does; every loop is bounded by <see cref="Commands"/> and <see cref="Seconds"/>.</summary>
public sealed record LoadOptions
{
    /// <summary>Requests the simulated users send at most (reads, commands, uploads, hostile ones; the scenarios come on top).</summary>
    public int Commands { get; init; } = 2_000;

    /// <summary>The traffic's time limit in seconds (the run ends at whichever comes first).</summary>
    public int Seconds { get; init; } = 150;

    /// <summary>Seeds every random choice (which user, action, instance, think time, SMTP rejection).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Where the JSON report goes (none: only the summary on the console).</summary>
    public string? Out { get; init; }

    /// <summary><c>postgres</c> (two or more processes on one fresh database) or <c>sqlite</c> (one process on a file; not part of this harness yet).</summary>
    public string Database { get; init; } = "postgres";

    /// <summary>Sample-host processes behind no proxy: the harness picks one per request.</summary>
    public int Instances { get; init; } = 2;

    /// <summary>Simulated users acting at once.</summary>
    public int Users { get; init; } = 12;

    /// <summary>Share of hostile requests (fuzzed bodies, foreign ids, stale ETags, replayed links, oversized uploads, other users' files).</summary>
    public double HostileShare { get; init; } = 0.10;

    /// <summary>Share of messages the SMTP server rejects with 451 at random.</summary>
    public double SmtpRejectShare { get; init; } = 0.30;

    /// <summary>The SMTP server's mean delay before it answers a message, in milliseconds.</summary>
    public int SmtpLatencyMilliseconds { get; init; } = 150;

    /// <summary>Kill one instance (SIGKILL) in the middle and restart it (default: with two or more instances).</summary>
    public bool Kill { get; init; } = true;

    /// <summary>Take the SMTP server down for a stretch in the middle.</summary>
    public bool Outage { get; init; } = true;

    /// <summary>Longest think time of a simulated user between two requests, in milliseconds.</summary>
    public int ThinkMilliseconds { get; init; } = 40;

    /// <summary>How long, after the traffic, the outbox may take to empty (every due row sent or dead-lettered).</summary>
    public int RecoverySeconds { get; init; } = 90;

    /// <summary>Keeps the fresh database after the run (its name is in the report) instead of dropping it.</summary>
    public bool KeepDatabase { get; init; }

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            options = name switch
            {
                "--commands" => options with { Commands = Int() },
                "--seconds" => options with { Seconds = Int() },
                "--seed" => options with { Seed = Int() },
                "--out" => options with { Out = Value() },
                "--database" => options with { Database = Value() },
                "--instances" => options with { Instances = Int() },
                "--users" => options with { Users = Int() },
                "--hostile" => options with { HostileShare = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--smtp-reject" => options with { SmtpRejectShare = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--smtp-latency-ms" => options with { SmtpLatencyMilliseconds = Int() },
                "--think-ms" => options with { ThinkMilliseconds = Int() },
                "--recovery-seconds" => options with { RecoverySeconds = Int() },
                "--no-kill" => options with { Kill = false },
                "--no-outage" => options with { Outage = false },
                "--keep-database" => options with { KeepDatabase = true },
                _ => throw new ArgumentException($"Unknown option {name}. Options: --commands N --seconds S --seed N --out report.json " +
                    "--database postgres|sqlite --instances N --users N --hostile 0.1 --smtp-reject 0.3 --smtp-latency-ms N --think-ms N --recovery-seconds N --no-kill --no-outage --keep-database"),
            };
        }

        if (options.Commands is < 1 or > 1_000_000 || options.Seconds is < 5 or > 7_200 || options.Instances is < 1 or > 8 || options.Users is < 1 or > 256)
        {
            throw new ArgumentException("--commands 1..1000000, --seconds 5..7200, --instances 1..8, --users 1..256.");
        }

        return options with { Kill = options.Kill && options.Instances >= 2 };
    }
}
