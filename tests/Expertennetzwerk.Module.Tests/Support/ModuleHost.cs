using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Expertennetzwerk.Module.Tests.Support;

/// <summary>How a <see cref="ModuleHost"/> is set up beyond the database kind.</summary>
public sealed record ModuleHostOptions
{
    /// <summary>
    /// SQLite only: a temporary database FILE (WAL, one connection per context) instead of the shared in-memory
    /// connection. Needed when two commands must really run at the same time.
    /// </summary>
    public bool SqliteFile { get; init; }

    /// <summary>Changes the module's options (e.g. a small MaxAttachmentBytes).</summary>
    public Action<ExpertennetzwerkOptions>? Options { get; init; }

    /// <summary>
    /// A second host instance on the database of this one (PostgreSQL or a SQLite file): nothing is created or seeded,
    /// and disposing the new host leaves the database to its owner. Same kind as the owner.
    /// </summary>
    public ModuleHost? ShareDatabaseOf { get; init; }
}

/// <summary>
/// The module wired as a host would wire it, on a real database: SQLite in memory (one connection kept open), a
/// temporary SQLite file, or a fresh PostgreSQL database. Time is a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class ModuleHost : IAsyncDisposable
{
    private readonly SqliteConnection? _sqlite;
    private readonly string? _sqliteFile;
    private readonly string? _postgres;
    private string? _sharedFile;
    private string? _sharedPostgres;

    private ModuleHost(ServiceProvider services, DatabaseKind kind, SqliteConnection? sqlite, string? sqliteFile, string? postgres)
    {
        Services = services;
        Kind = kind;
        _sqlite = sqlite;
        _sqliteFile = sqliteFile;
        _postgres = postgres;
    }

    public ServiceProvider Services { get; }

    public DatabaseKind Kind { get; }

    public TestNetwork Network { get; } = new();

    public InMemoryCustomerDirectory Customers => (InMemoryCustomerDirectory)Services.GetRequiredService<Ports.ICustomerDirectory>();

    public FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    public ExpertOrderService Orders => Services.GetRequiredService<ExpertOrderService>();

    public ExpertOrderQueries Queries => Services.GetRequiredService<ExpertOrderQueries>();

    public Module.Consent.ConsentService Consents => Services.GetRequiredService<Module.Consent.ConsentService>();

    /// <summary>The SQLite file's connection string (only with <see cref="ModuleHostOptions.SqliteFile"/>).</summary>
    public string? SqliteFileConnectionString => (_sqliteFile ?? _sharedFile) is { } file ? SqliteFileConnection(file) : null;

    /// <summary>The PostgreSQL database's connection string (PostgreSQL hosts only).</summary>
    public string? PostgresConnectionString => _postgres ?? _sharedPostgres;

    public static Task<ModuleHost> StartAsync(DatabaseKind kind, Action<ExpertennetzwerkBuilder>? configure = null) =>
        StartAsync(kind, new ModuleHostOptions(), configure);

    public static async Task<ModuleHost> StartAsync(DatabaseKind kind, ModuleHostOptions options, Action<ExpertennetzwerkBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero)));
        SqliteConnection? sqlite = null;
        string? sqliteFile = null;
        string? postgres = null;
        var builder = services.AddExpertennetzwerk(o =>
        {
            o.PublicBaseUrl = new Uri("https://crm.example.org/");
            if (kind == DatabaseKind.Sqlite && !options.SqliteFile)
            {
                o.Outbox.MaxConcurrency = 1; // every context shares the one in-memory connection
            }

            options.Options?.Invoke(o);
        });
        var shared = options.ShareDatabaseOf;
        if (shared is not null)
        {
            var connectionString = shared._postgres ?? shared.SqliteFileConnectionString
                ?? throw new ArgumentException("Only a PostgreSQL or SQLite-file host's database can be shared.", nameof(options));
            builder.UseEntityFrameworkCore(db => _ = kind == DatabaseKind.Postgres ? db.UseNpgsql(connectionString) : db.UseSqlite(connectionString));
        }
        else if (kind == DatabaseKind.Sqlite && options.SqliteFile)
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), "enw-test-" + Guid.NewGuid().ToString("N") + ".db");
            var connectionString = SqliteFileConnection(sqliteFile);
            builder.UseEntityFrameworkCore(db => db.UseSqlite(connectionString));
        }
        else if (kind == DatabaseKind.Sqlite)
        {
            sqlite = new SqliteConnection("Data Source=:memory:");
            sqlite.Open();
            builder.UseEntityFrameworkCore(db => db.UseSqlite(sqlite));
        }
        else
        {
            postgres = await Postgres.CreateDatabaseAsync();
            builder.UseEntityFrameworkCore(db => db.UseNpgsql(postgres));
        }

        builder.UseCustomerDirectory<InMemoryCustomerDirectory>();
        builder.UseDevelopmentMailbox();
        services.AddSingleton<InMemoryCustomerDirectory>();
        services.AddSingleton<Ports.ICustomerDirectory>(sp => sp.GetRequiredService<InMemoryCustomerDirectory>());
        configure?.Invoke(builder);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = false });
        provider.ValidateExpertennetzwerk();
        if (shared is not null)
        {
            return new ModuleHost(provider, kind, null, null, null) { _sharedFile = shared._sqliteFile, _sharedPostgres = shared._postgres };
        }

        var host = new ModuleHost(provider, kind, sqlite, sqliteFile, postgres);
        await using (var db = host.CreateDbContext())
        {
            await db.Database.EnsureExpertennetzwerkCreatedAsync();
            await host.Network.SeedAsync(db, host.Customers, host.Time.GetUtcNow());
        }

        return host;
    }

    public DbContext CreateDbContext() => Services.GetRequiredService<IModuleDbContextFactory>().CreateDbContext();

    /// <summary>Adds a new user (with a mail address) to <paramref name="actor"/>'s party; answers the actor for that user.</summary>
    public async Task<Module.Common.Actor> AddMemberAsync(Module.Common.Actor actor, string displayName = "Kollegin Kühn")
    {
        ArgumentNullException.ThrowIfNull(actor);
        var userId = Guid.CreateVersion7();
        await using var db = CreateDbContext();
        db.Add(new Module.Network.NetworkUser(userId, actor.NetworkId, displayName, $"user-{userId:N}@example.test"));
        db.Add(new Module.Network.PartyMembership(actor.NetworkId, userId, actor.PartyId));
        await db.SaveChangesAsync();
        return actor.WithUser(userId);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }

        if (_sqliteFile is not null)
        {
            using (var pooled = new SqliteConnection(SqliteFileConnection(_sqliteFile)))
            {
                SqliteConnection.ClearPool(pooled);
            }

            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                try
                {
                    File.Delete(_sqliteFile + suffix);
                }
                catch (IOException)
                {
                    // A temp file left behind is harmless.
                }
            }
        }

        if (_postgres is not null)
        {
            await Postgres.DropDatabaseAsync(_postgres);
        }
    }

    private static string SqliteFileConnection(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
}
