using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Expertennetzwerk.SampleHost.Crm;

/// <summary>The database the sample CRM runs on (<c>Database:Provider</c> in the configuration).</summary>
public enum SampleDatabaseProvider
{
    /// <summary>An embedded SQLite file (default: <c>App_Data/sample.db</c>).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (<c>ConnectionStrings:PostgreSQL</c>), e.g. for several host instances on one database.</summary>
    PostgreSQL,
}

/// <summary>
/// Registers the sample CRM's context for the configured provider. Both providers are reached through
/// <see cref="IDbContextFactory{SampleCrmDbContext}"/>: on PostgreSQL it hands out <see cref="SampleCrmPostgresDbContext"/>
/// (same model, PostgreSQL migrations), so the module, the customer directory, the seeder and the endpoints never care
/// which provider runs.
/// </summary>
public static class SampleDatabase
{
    /// <summary>Default SQLite database, relative to the content root (App_Data is git-ignored).</summary>
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/sample.db";

    public static SampleDatabaseProvider ReadProvider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return SampleDatabaseProvider.Sqlite;
        }

        // By name only ("1" would parse as an enum value).
        var name = Enum.GetNames<SampleDatabaseProvider>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse<SampleDatabaseProvider>(name)
            : throw new InvalidOperationException(
                $"Database:Provider is '{value}'; use '{nameof(SampleDatabaseProvider.Sqlite)}' or '{nameof(SampleDatabaseProvider.PostgreSQL)}'.");
    }

    /// <summary>
    /// Adds <c>AddDbContextFactory</c> for the configured provider with the module's interceptors attached, and makes
    /// <see cref="IDbContextFactory{SampleCrmDbContext}"/> available for either provider.
    /// </summary>
    public static SampleDatabaseProvider AddSampleCrmDatabase(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        var provider = ReadProvider(configuration);
        switch (provider)
        {
            case SampleDatabaseProvider.Sqlite:
            {
                var connectionString = SqliteConnectionString(configuration.GetConnectionString("Sqlite"), contentRootPath);
                services.AddDbContextFactory<SampleCrmDbContext>(options => options
                    .UseSqlite(connectionString)
                    .AddExpertennetzwerkInterceptors());
                break;
            }

            case SampleDatabaseProvider.PostgreSQL:
            {
                var connectionString = configuration.GetConnectionString("PostgreSQL");
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is PostgreSQL but ConnectionStrings:PostgreSQL is empty. Set it, e.g. with the environment variable " +
                        "ConnectionStrings__PostgreSQL=\"Host=127.0.0.1;Port=5432;Username=...;Password=...;Database=enw_sample\".");
                }

                services.AddDbContextFactory<SampleCrmPostgresDbContext>(options => options
                    .UseNpgsql(connectionString)
                    .AddExpertennetzwerkInterceptors());
                services.AddSingleton<IDbContextFactory<SampleCrmDbContext>, PostgresContextFactory>();
                break;
            }
        }

        return provider;
    }

    /// <summary>
    /// Resolves a relative SQLite file against <paramref name="contentRootPath"/> and creates its folder, so
    /// <c>Data Source=App_Data/sample.db</c> works wherever the host is started from.
    /// </summary>
    public static string SqliteConnectionString(string? configured, string contentRootPath)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultSqliteConnectionString : configured);
        var dataSource = builder.DataSource;
        var inMemory = dataSource.Length == 0 || dataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory;
        if (!inMemory)
        {
            if (!Path.IsPathRooted(dataSource))
            {
                dataSource = Path.GetFullPath(Path.Combine(contentRootPath, dataSource));
                builder.DataSource = dataSource;
            }

            if (Path.GetDirectoryName(dataSource) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }

        return builder.ToString();
    }

    /// <summary>Hands out the PostgreSQL subclass wherever a <see cref="SampleCrmDbContext"/> is asked for.</summary>
    private sealed class PostgresContextFactory(IDbContextFactory<SampleCrmPostgresDbContext> inner) : IDbContextFactory<SampleCrmDbContext>
    {
        public SampleCrmDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<SampleCrmDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}

/// <summary>
/// Lets <c>dotnet ef migrations add ... --context SampleCrmDbContext --output-dir Migrations</c> build the SQLite
/// model without starting the web host. No database is opened for adding a migration.
/// </summary>
public sealed class SampleCrmDesignTimeFactory : IDesignTimeDbContextFactory<SampleCrmDbContext>
{
    public SampleCrmDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SampleCrmDbContext>().UseSqlite(SampleDatabase.DefaultSqliteConnectionString);
        options.AddExpertennetzwerkInterceptors();
        return new SampleCrmDbContext(options.Options);
    }
}

/// <summary>
/// Lets <c>dotnet ef migrations add ... --context SampleCrmPostgresDbContext --output-dir MigrationsPostgres</c> build
/// the PostgreSQL model without a server (adding a migration never connects).
/// </summary>
public sealed class SampleCrmPostgresDesignTimeFactory : IDesignTimeDbContextFactory<SampleCrmPostgresDbContext>
{
    public SampleCrmPostgresDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SampleCrmPostgresDbContext>().UseNpgsql("Host=localhost;Database=enw_sample_design");
        options.AddExpertennetzwerkInterceptors();
        return new SampleCrmPostgresDbContext(options.Options);
    }
}
