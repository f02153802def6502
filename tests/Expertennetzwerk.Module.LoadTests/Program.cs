using System.Text.Json;

namespace Expertennetzwerk.Module.LoadTests;

/// <summary>
/// <c>dotnet run -c Release --project tests/Expertennetzwerk.Module.LoadTests -- --commands 20000 --seconds 900 --out report.json</c>:
/// starts sample-host processes on a fresh PostgreSQL database (EXPERTENNETZWERK_POSTGRES) and a flaky SMTP server on
/// loopback, drives simulated users through the HTTP API, kills and restarts one instance, then checks the invariants.
/// Exit code 0 when every invariant holds, 1 on a breach, 2 when it cannot run.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        if (options.Database != "postgres")
        {
            await Console.Error.WriteLineAsync("Only --database postgres is implemented so far (the SQLite mode with 32 writers is a separate piece of work).");
            return 2;
        }

        if (LoadDatabase.AdminConnectionString is null)
        {
            await Console.Error.WriteLineAsync(LoadDatabase.SkipReason);
            return 2;
        }

        LoadReport report;
        try
        {
            report = await LoadRun.RunAsync(options, Console.Out);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync("The run could not complete: " + ex);
            return 2;
        }

        var json = JsonSerializer.Serialize(report, LoadReport.JsonOptions);
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, json);
        }

        await Console.Out.WriteLineAsync(report.Summary());
        return report.Breaches.Count == 0 ? 0 : 1;
    }
}
