using Xunit.Abstractions;

namespace Expertennetzwerk.Module.LoadTests;

/// <summary>
/// The harness's short run for CI: two sample-host processes on one fresh PostgreSQL database, ~2,000 requests in at
/// most two minutes of traffic with one instance killed and restarted and the mail server down for a stretch, then
/// every invariant. Skipped (never passed) without PostgreSQL.
/// </summary>
public sealed class LoadHarnessTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Two_instances_under_load_with_a_kill_and_a_mail_outage_keep_every_invariant()
    {
        Skip.If(LoadDatabase.AdminConnectionString is null, LoadDatabase.SkipReason);
        var options = new LoadOptions { Commands = 2_000, Seconds = 120, Seed = 13, Instances = 2, RecoverySeconds = 45 };
        using var writer = new StringWriter();
        var report = await LoadRun.RunAsync(options, writer);
        output.WriteLine(writer.ToString());
        output.WriteLine(report.Summary());

        Assert.True(report.Requests >= 500, $"the run sent {report.Requests} requests");
        Assert.NotNull(report.KillAtSeconds);
        Assert.NotNull(report.OutageToSeconds);
        Assert.True(report.Invariants!.MailRowsSent > 0, "mails were delivered over SMTP");
        Assert.True(report.LostUpdates!.OneWinner > 0 && report.ConsentRaces!.OneWinner > 0, "the race scenarios ran");
        Assert.True(report.Breaches.Count == 0, "breaches:\n" + string.Join('\n', report.Breaches) + "\n" + report.Summary());
    }
}
