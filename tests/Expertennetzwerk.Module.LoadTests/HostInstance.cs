using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Expertennetzwerk.Module.LoadTests;

/// <summary>
/// One sample-host process (<c>dotnet Expertennetzwerk.SampleHost.dll</c>) on a fixed loopback port, which it keeps
/// across a kill and restart. <see cref="Generation"/> counts the starts, so a request knows whether its process died.
/// </summary>
public sealed class HostInstance : IAsyncDisposable
{
    private readonly string[] _arguments;
    private readonly ConcurrentQueue<string> _lines = new();
    private Process? _process;
    private TimeSpan _cpuOfEndedProcesses;
    private long _peakWorkingSet;

    public HostInstance(int index, IEnumerable<string> arguments)
    {
        Index = index;
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
        _arguments = [.. arguments];
    }

    public static string Configuration { get; } =
        typeof(HostInstance).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>samples/Expertennetzwerk.SampleHost/bin/{configuration}/net10.0, found upwards from this program.</summary>
    public static string OutputFolder { get; } = FindOutputFolder();

    public int Index { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>0 for the first process, 1 after the first restart, …</summary>
    public int Generation { get; private set; } = -1;

    /// <summary>True while the process listens; false from the kill until the restarted one listens.</summary>
    public bool IsUp { get; private set; }

    /// <summary>The outbox lease owner of the current process (<c>Expertennetzwerk:Outbox:InstanceId</c>).</summary>
    public string LeaseOwner => $"load-host{Index}-g{Generation}";

    /// <summary>The sender address of the current process, so the SMTP server can tell which process sent a mail.</summary>
    public string FromAddress => $"host{Index}-g{Generation}@load.example";

    public IReadOnlyList<string> Lines => [.. _lines];

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>CPU time of every process this instance ran so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            try
            {
                return _cpuOfEndedProcesses + (_process is { HasExited: false } p ? p.TotalProcessorTime : TimeSpan.Zero);
            }
            catch (InvalidOperationException)
            {
                return _cpuOfEndedProcesses;
            }
        }
    }

    public long WorkingSet
    {
        get
        {
            try
            {
                if (_process is not { HasExited: false } p)
                {
                    return 0;
                }

                p.Refresh();
                _peakWorkingSet = Math.Max(_peakWorkingSet, p.WorkingSet64);
                return p.WorkingSet64;
            }
            catch (InvalidOperationException)
            {
                return 0;
            }
        }
    }

    public long PeakWorkingSet => _peakWorkingSet;

    /// <summary>Starts the next generation and waits until it listens (after its database preparation).</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        Generation++;
        var dll = Path.Combine(OutputFolder, "Expertennetzwerk.SampleHost.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the solution first: {dll} is missing.");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = OutputFolder, // the content root: appsettings.json is read there
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in _arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add($"--urls=http://127.0.0.1:{Port}");
        info.ArgumentList.Add($"--Expertennetzwerk:Outbox:InstanceId={LeaseOwner}");
        info.ArgumentList.Add($"--Mail:Smtp:FromAddress={FromAddress}");
        info.ArgumentList.Add("--Logging:Console:FormatterOptions:ColorBehavior=Disabled");
        info.Environment["DOTNET_NOLOGO"] = "1";

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        void Receive(string? line)
        {
            if (line is null)
            {
                return;
            }

            if (_lines.Count < 20_000)
            {
                _lines.Enqueue($"[g{Generation}] {line}");
            }

            if (line.Contains("Now listening on:", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"Host {Index} exited before it listened:\n" + string.Join('\n', _lines.TakeLast(40))));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await listening.Task.WaitAsync(timeout);
        IsUp = true;
    }

    /// <summary>SIGKILL: the process ends at once, with its requests, leases and open transactions.</summary>
    public async Task KillAsync()
    {
        IsUp = false;
        if (_process is not { } process)
        {
            return;
        }

        try
        {
            _cpuOfEndedProcesses += process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        _process = null;
        process.Dispose();
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindOutputFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Expertennetzwerk.Module.sln")))
            {
                return Path.Combine(folder.FullName, "samples", "Expertennetzwerk.SampleHost", "bin", Configuration, "net10.0");
            }
        }

        throw new DirectoryNotFoundException("The repository (Expertennetzwerk.Module.sln) was not found above " + AppContext.BaseDirectory);
    }
}
