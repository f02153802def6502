using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Expertennetzwerk.SampleHost.Api;

namespace Expertennetzwerk.SampleHost.Tests.Support;

/// <summary>
/// The built sample host run as its own process (<c>dotnet Expertennetzwerk.SampleHost.dll</c>, the build this test
/// project made), with its console log captured, so several instances really are separate processes.
/// </summary>
public sealed partial class SampleHostProcess : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleHostProcess(Process process) => _process = process;

    /// <summary>The sample host's output folder of the configuration these tests were built in.</summary>
    public static string OutputFolder { get; } = Path.Combine(
        RepositoryFiles.Root, "samples", "Expertennetzwerk.SampleHost", "bin",
        typeof(SampleHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration, "net10.0");

    /// <summary>Every line the process wrote to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Log entries at Error or Critical level, and unhandled exceptions.</summary>
    public IReadOnlyList<string> Failures => [.. _lines.Where(l => l.StartsWith("fail:", StringComparison.Ordinal)
        || l.StartsWith("crit:", StringComparison.Ordinal) || l.StartsWith("Unhandled exception", StringComparison.Ordinal))];

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the host on a free loopback port against <paramref name="database"/>; does not wait for it.</summary>
    public static SampleHostProcess Start(SampleDatabaseFixture database, params string[] extraArguments)
    {
        var dll = Path.Combine(OutputFolder, "Expertennetzwerk.SampleHost.dll");
        File.Exists(dll).Should().BeTrue($"the test project's build builds the sample host into {OutputFolder}");

        // Information, so the listening address and the preparation steps show; EF Core stays at Warning (appsettings).
        string[] arguments =
        [
            .. database.HostArguments().Where(a => !a.StartsWith("--Logging:", StringComparison.Ordinal)),
            "--Logging:LogLevel:Default=Information",
            .. extraArguments,
        ];
        return StartDll(dll, OutputFolder, arguments); // the output folder is the content root: appsettings.json is read there
    }

    /// <summary>Runs <c>dotnet <paramref name="dll"/></c> in <paramref name="workingDirectory"/>; does not wait for it.</summary>
    public static SampleHostProcess StartDll(string dll, string workingDirectory, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--Logging:Console:FormatterOptions:ColorBehavior=Disabled");
        info.Environment["DOTNET_NOLOGO"] = "1";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new SampleHostProcess(process);
        process.OutputDataReceived += (_, e) => host.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => host.Receive(e.Data);
        process.Exited += (_, _) => host._listening.TrySetException(
            new InvalidOperationException("The process exited before it listened:\n" + string.Join('\n', host._lines)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The address the host listens on, once it does (after its preparation).</summary>
    public async Task<Uri> WaitUntilListeningAsync(TimeSpan timeout)
    {
        try
        {
            return await _listening.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The sample host did not listen within {timeout}:\n" + string.Join('\n', _lines));
        }
    }

    /// <summary>Waits until the <paramref name="occurrence"/>th line containing <paramref name="text"/> appears.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout, int occurrence = 1)
    {
        var stopwatch = Stopwatch.StartNew();
        while (_lines.Count(l => l.Contains(text, StringComparison.Ordinal)) < occurrence)
        {
            if (stopwatch.Elapsed > timeout || _process.HasExited)
            {
                throw new TimeoutException($"No line {occurrence} with '{text}' within {timeout}:\n" + string.Join('\n', _lines));
            }

            await Task.Delay(2);
        }
    }

    /// <summary>GET /api/summary of the running host.</summary>
    public async Task<SummaryResponse> GetSummaryAsync()
    {
        using var client = new HttpClient { BaseAddress = await WaitUntilListeningAsync(TimeSpan.FromMinutes(2)), Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.GetAsync(new Uri("/api/summary", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SummaryResponse>(Json))!;
    }

    /// <summary>Ends the process at once, as a crash or <c>kill -9</c> would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
