using System.Net.Http.Headers;
using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Expertennetzwerk.SampleHost.Tests.Api.Support;

/// <summary>The databases the API tests run on.</summary>
public enum ApiDatabase
{
    Sqlite,
    PostgreSQL,
}

/// <summary>
/// The sample host under <see cref="WebApplicationFactory{TEntryPoint}"/> (in memory, TestServer) on a fresh SQLite file
/// or PostgreSQL database: migrated and seeded before its background services start, with the tests' header sign-in
/// (<see cref="TestAuthenticationHandler"/>) as the default scheme and a second network for the matrix's foreign user.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly SampleApiFactory _factory;
    private readonly SampleDatabaseFixture _database;

    private readonly bool _ownsDatabase;

    private ApiHost(SampleApiFactory factory, SampleDatabaseFixture database, bool ownsDatabase = true)
    {
        _factory = factory;
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    public IServiceProvider Services => _factory.Services;

    public string Prefix => _factory.Prefix;

    /// <summary>Starts the host; on PostgreSQL the caller has checked <see cref="Postgres.SkipUnlessAvailable"/>.</summary>
    public static async Task<ApiHost> StartAsync(ApiDatabase database, string prefix = "/expertennetzwerk/api/v1", IReadOnlyDictionary<string, string?>? settings = null)
    {
        var fixture = database == ApiDatabase.Sqlite ? SampleDatabaseFixture.Sqlite() : await SampleDatabaseFixture.PostgresAsync();
        var factory = new SampleApiFactory(fixture, prefix, settings ?? new Dictionary<string, string?>());
        _ = factory.Server; // builds and starts the host: migrate and seed run first (PrepareFirst)
        var host = new ApiHost(factory, fixture);
        await host.AddSecondNetworkAsync();
        return host;
    }

    /// <summary>Another instance of the host on the same database (what a second server of a CRM would be); disposing it leaves the database.</summary>
    public Task<ApiHost> SecondInstanceAsync()
    {
        var factory = new SampleApiFactory(_database, Prefix, new Dictionary<string, string?> { ["Demo:Seed"] = "false" });
        _ = factory.Server;
        return Task.FromResult(new ApiHost(factory, _database, ownsDatabase: false));
    }

    /// <summary>A client signed in as <paramref name="actor"/> (anonymous for <see cref="ApiActor.Anonymous"/>).</summary>
    public HttpClient Client(ApiActor actor)
    {
        var client = Client(ApiActors.Of(actor));
        if (actor == ApiActor.OperatorWithPurpose)
        {
            client.DefaultRequestHeaders.Add("X-Expertennetzwerk-Purpose", ApiActors.Purpose);
        }

        return client;
    }

    /// <summary>A client signed in with claims for <paramref name="actor"/>'s user, network and party (anonymous when null).</summary>
    public HttpClient Client(Actor? actor)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("de"));
        if (actor is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthenticationHandler.UserHeader, actor.UserId.ToString());
            client.DefaultRequestHeaders.Add(TestAuthenticationHandler.NetworkHeader, actor.NetworkId.ToString());
            client.DefaultRequestHeaders.Add(TestAuthenticationHandler.PartyHeader, $"{actor.PartyKind}:{actor.PartyId}");
        }

        return client;
    }

    /// <summary>A client with hand-made claims (the actor-resolution cases): user, parties (<c>Kind:id</c>) and the acting-party header.</summary>
    public HttpClient ClientWithClaims(Guid user, IEnumerable<string> parties, string? actingParty = null)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        client.DefaultRequestHeaders.Add(TestAuthenticationHandler.UserHeader, user.ToString());
        var list = parties.ToList();
        if (list.Count > 0)
        {
            client.DefaultRequestHeaders.Add(TestAuthenticationHandler.PartyHeader, string.Join(',', list));
        }

        if (actingParty is not null)
        {
            client.DefaultRequestHeaders.Add(ExpertennetzwerkClaimTypes.ActingPartyHeader, actingParty);
        }

        return client;
    }

    /// <summary>The API path of <paramref name="relative"/> (e.g. <c>orders/…</c>) under the host's prefix.</summary>
    public Uri Path(string relative) => new(Prefix.TrimEnd('/') + "/" + relative.TrimStart('/'), UriKind.Relative);

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }

    private async Task AddSecondNetworkAsync()
    {
        var other = ApiActors.OtherNetworkBroker;
        await using var db = await Services.GetRequiredService<IDbContextFactory<SampleCrmDbContext>>().CreateDbContextAsync();
        db.Add(new ExpertNetwork(other.NetworkId, "Zweites Netzwerk (Test)", "ZN"));
        db.Add(new Party(other.PartyId, other.NetworkId, PartyKind.Broker, "Makler im zweiten Netzwerk") { BrokerKind = BrokerKind.InsuranceBroker, Approval = ApprovalState.Approved });
        db.Add(new NetworkUser(other.UserId, other.NetworkId, "Nutzer im zweiten Netzwerk", "zweites-netzwerk@example.de"));
        db.Add(new PartyMembership(other.NetworkId, other.UserId, other.PartyId));
        await db.SaveChangesAsync();
    }

    private sealed class SampleApiFactory(SampleDatabaseFixture database, string prefix, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        public string Prefix { get; } = prefix;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(System.IO.Path.Combine(RepositoryFiles.Root, "samples", "Expertennetzwerk.SampleHost"));
            builder.UseSetting("Database:Provider", database.Provider.ToString());
            builder.UseSetting(database.Provider == SampleDatabaseProvider.Sqlite ? "ConnectionStrings:Sqlite" : "ConnectionStrings:PostgreSQL", database.ConnectionString);
            builder.UseSetting("Expertennetzwerk:ApiPrefix", Prefix);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services =>
            {
                services.AddAuthentication(o =>
                    {
                        o.DefaultScheme = TestAuthenticationHandler.SchemeName;
                        o.DefaultAuthenticateScheme = TestAuthenticationHandler.SchemeName;
                    })
                    .AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(TestAuthenticationHandler.SchemeName, _ => { });

                // Program.cs prepares the database before it runs the host; under the factory the host starts here, so
                // migrating and seeding go first among the hosted services (before the outbox dispatcher polls).
                services.Insert(0, ServiceDescriptor.Singleton<IHostedService, PrepareFirst>());
            });
        }
    }

    private sealed class PrepareFirst(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => SampleHostApp.PrepareAsync(services, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
