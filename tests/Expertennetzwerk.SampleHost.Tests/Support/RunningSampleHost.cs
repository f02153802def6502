using System.Net.Http.Json;
using System.Text.Json;
using Expertennetzwerk.SampleHost.Api;
using Expertennetzwerk.SampleHost.Crm;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.SampleHost.Tests.Support;

/// <summary>A database the sample host runs on in a test: a temporary SQLite file or a fresh PostgreSQL database.</summary>
public sealed class SampleDatabaseFixture : IAsyncDisposable
{
    private SampleDatabaseFixture(SampleDatabaseProvider provider, string connectionString, string? sqliteFile)
    {
        Provider = provider;
        ConnectionString = connectionString;
        SqliteFile = sqliteFile;
    }

    public SampleDatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string? SqliteFile { get; }

    /// <summary>A SQLite file in a fresh temporary folder (the folder does not exist yet: the host must create it).</summary>
    public static SampleDatabaseFixture Sqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), "enw-sample-" + Guid.NewGuid().ToString("N"), "App_Data", "sample.db");
        return new SampleDatabaseFixture(SampleDatabaseProvider.Sqlite, "Data Source=" + file, file);
    }

    /// <summary>A fresh PostgreSQL database named enw_sample_…; the caller has checked that a server is configured.</summary>
    public static async Task<SampleDatabaseFixture> PostgresAsync() =>
        new(SampleDatabaseProvider.PostgreSQL, await Postgres.CreateDatabaseAsync(), null);

    /// <summary>
    /// The command-line arguments that point the sample host at this database; quiet (Warning and above) unless
    /// <paramref name="logging"/> gives other log-level arguments (an empty list keeps the sample's own settings).
    /// </summary>
    public string[] HostArguments(IReadOnlyList<string>? logging = null) =>
    [
        "--urls=http://127.0.0.1:0",
        "--environment=Development",
        $"--Database:Provider={Provider}",
        Provider == SampleDatabaseProvider.Sqlite ? $"--ConnectionStrings:Sqlite={ConnectionString}" : $"--ConnectionStrings:PostgreSQL={ConnectionString}",
        .. logging ?? ["--Logging:LogLevel:Default=Warning"],
    ];

    public async ValueTask DisposeAsync()
    {
        if (SqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            var folder = Path.GetDirectoryName(Path.GetDirectoryName(SqliteFile))!;
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
        else
        {
            await Postgres.DropDatabaseAsync(ConnectionString);
        }
    }
}

/// <summary>
/// The sample host as <c>dotnet run</c> starts it (same <see cref="SampleHostApp.Build"/> and
/// <see cref="SampleHostApp.PrepareAsync"/>), listening on a free port of 127.0.0.1, with an HTTP client for it.
/// </summary>
public sealed class RunningSampleHost : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private RunningSampleHost(WebApplication app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    /// <param name="database">Where the host keeps its data.</param>
    /// <param name="logs">Receives every log line the host's settings let through (then <paramref name="logging"/> replaces the quiet default).</param>
    /// <param name="logging">Log-level arguments (e.g. <c>--Logging:LogLevel:Default=Trace</c>); none keeps the sample's appsettings.</param>
    public static async Task<RunningSampleHost> StartAsync(SampleDatabaseFixture database, ILoggerProvider? logs = null, IReadOnlyList<string>? logging = null)
    {
        var app = SampleHostApp.Build(database.HostArguments(logs is null ? null : logging ?? []));
        if (logs is not null)
        {
            app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        }

        try
        {
            await SampleHostApp.PrepareAsync(app.Services);
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Urls.Single();
        address.Should().StartWith("http://127.0.0.1:", "the host listens on the loopback address only");
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        return new RunningSampleHost(app, client);
    }

    public async Task<SummaryResponse> GetSummaryAsync()
    {
        using var response = await Client.GetAsync(new Uri("/api/summary", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return (await response.Content.ReadFromJsonAsync<SummaryResponse>(Json))!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>Runs <paramref name="action"/> with a scope of the host's services (as a request would).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}
