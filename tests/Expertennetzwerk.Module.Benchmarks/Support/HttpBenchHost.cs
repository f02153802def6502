using System.Net;
using System.Text.Json;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Ports;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>
/// A small in-process Kestrel host on 127.0.0.1 with the module wired as <see cref="ModuleHandle"/> wires it plus
/// <c>AddAspNetCore()</c> and <c>MapExpertennetzwerkApi()</c> at the default prefix, over one benchmark database. Beside
/// the API it serves the floor: <c>GET /plain/bytes</c> (a cached JSON body written as bytes), <c>GET /plain/json</c>
/// (a cached object serialized by System.Text.Json's source generator on every request) and <c>POST /plain/accept</c>
/// (cached bytes), each set by <see cref="SetPlainList"/> / <see cref="SetPlainAccept"/> to the size of the module's
/// answer. Not measured here: a real authentication. <see cref="BenchAuthenticationHandler"/> signs the caller in from
/// the <see cref="ActorHeader"/> header with a cached principal (a cookie or JWT handler costs more); the module's own
/// claims accessor and actor check run as in a host. The outbox dispatcher is off (no background work during a
/// measurement) and logging is at Warning (ASP.NET Core's per-request Information lines would be measured otherwise).
/// </summary>
internal sealed class HttpBenchHost : IAsyncDisposable
{
    /// <summary>The benchmark's own header: <c>{kind}:{partyId}</c> of the party the benchmark user signs in for.</summary>
    public const string ActorHeader = "X-Bench-Actor";

    public const string ApiPrefix = "/expertennetzwerk/api/v1";

    private readonly WebApplication _app;
    private byte[] _plainList = "{}"u8.ToArray();
    private PlainListResponse _plainListObject = new([], null, null);
    private byte[] _plainAccept = "{}"u8.ToArray();

    private HttpBenchHost(WebApplication app) => _app = app;

    /// <summary>Where the host listens (http://127.0.0.1:port/).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>One keep-alive HTTP/1.1 client over the loopback socket.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The host's services (the same provider the endpoints use).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The header value that signs the benchmark user in for <paramref name="actor"/>'s party.</summary>
    public static string HeaderFor(Actor actor) => $"{actor.PartyKind}:{actor.PartyId}";

    /// <summary>Starts the host on 127.0.0.1 (<paramref name="port"/> 0: any free port).</summary>
    public static async Task<HttpBenchHost> StartAsync(Db db, string connectionString, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));

        var module = builder.Services.AddExpertennetzwerk(o =>
        {
            o.PublicBaseUrl = new Uri("https://crm.example.org/");
            o.Outbox.DispatcherEnabled = false;
        });
        module.UseEntityFrameworkCore(options =>
        {
            _ = db == Db.Sqlite ? options.UseSqlite(connectionString) : options.UseNpgsql(connectionString);
        });
        module.UseCustomerDirectory<NoCustomers>();
        module.UseDevelopmentMailbox();
        module.AddAspNetCore(o => o.DefaultNetworkId = BenchNetwork.NetworkId);
        builder.Services.AddAuthentication(BenchAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BenchAuthenticationHandler>(BenchAuthenticationHandler.SchemeName, null);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(PlainJsonContext.Default));

        var app = builder.Build();
        app.UseAuthentication();
        app.MapExpertennetzwerkApi();
        app.MapExpertennetzwerkPages(); // the web UI at /expertennetzwerk, for wrk's page figures (issue 11)
        var host = new HttpBenchHost(app);
        app.MapGet("/plain/bytes", () => Results.Bytes(host._plainList, "application/json"));
        app.MapGet("/plain/json", () => Results.Json(host._plainListObject, PlainJsonContext.Default.PlainListResponse));
        app.MapPost("/plain/accept", () => Results.Bytes(host._plainAccept, "application/json"));

        // The core's Accept behind a bare endpoint (no module pipeline, no claims: the actor from the route), to split
        // the API's cost into transport plus request scope (this endpoint) and the module's edge (the API minus this).
        app.MapPost("/plain/core-accept/{expertId:guid}/{orderId:guid}", async (Guid expertId, Guid orderId, ExpertOrderService orders) =>
        {
            var changed = await orders.AcceptAsync(Actor.Expert(BenchNetwork.NetworkId, expertId, BenchNetwork.UserId), orderId);
            return changed.IsOk ? Results.Bytes(host._plainAccept, "application/json") : Results.Conflict();
        });
        await app.StartAsync();

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        host.Address = new Uri(bound.TrimEnd('/') + "/");
        host.Client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AutomaticDecompression = DecompressionMethods.None, UseProxy = false })
        {
            BaseAddress = host.Address,
        };
        return host;
    }

    /// <summary>
    /// <c>--serve-http PORT</c>: serves the largest list database on 127.0.0.1:PORT for <c>wrk</c> until stopped, with the
    /// plain endpoints set to the busiest broker's list page (without counts), and prints what to call.
    /// </summary>
    public static async Task ServeAsync(int port)
    {
        var db = BenchSettings.Databases[0];
        var connectionString = await BenchDatabases.EnsureAsync(db, "list", BenchSettings.LargestSize);
        await using var host = await StartAsync(db, connectionString, port);
        var body = await host.SendAsync(Request(HttpMethod.Get, ApiPrefix + "/orders?counts=false", BenchNetwork.BusiestBroker));
        host.SetPlainList(body);
        var firstOrder = JsonDocument.Parse(body).RootElement.GetProperty("items")[0].GetProperty("id").GetGuid();
        Console.WriteLine($"// Serving {db}, {BenchSettings.LargestSize} orders at {host.Address} (list body {body.Length} bytes, plain {host.PlainListSizes()}).");
        Console.WriteLine($"// Header: {ActorHeader}: {HeaderFor(BenchNetwork.BusiestBroker)}");
        Console.WriteLine($"// Paths: {ApiPrefix}/orders?counts=false, {ApiPrefix}/orders, /plain/bytes, /plain/json. Stop with Ctrl+C or SIGTERM.");
        Console.WriteLine($"// Web UI (the broker's pages): /expertennetzwerk/orders, /expertennetzwerk/orders/{firstOrder}; the same order in the API: {ApiPrefix}/orders/{firstOrder}");
        var stopped = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopped.TrySetResult();
        };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stopped.TrySetResult();
            });
        await stopped.Task;
    }

    /// <summary>A request signed in for <paramref name="actor"/>.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, Actor actor)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(ActorHeader, HeaderFor(actor));
        return request;
    }

    /// <summary>Sends and reads the whole body; a status other than 2xx fails the benchmark.</summary>
    public async Task<byte[]> SendAsync(HttpRequestMessage request)
    {
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        }

        return body;
    }

    /// <summary>The plain list endpoints answer <paramref name="body"/> (bytes as they are; the object as parsed from it).</summary>
    public void SetPlainList(byte[] body)
    {
        _plainList = body;
        _plainListObject = JsonSerializer.Deserialize(body, PlainJsonContext.Default.PlainListResponse)
                           ?? throw new InvalidOperationException("The list body did not parse.");
    }

    /// <summary>The plain accept endpoint answers <paramref name="body"/>.</summary>
    public void SetPlainAccept(byte[] body) => _plainAccept = body;

    /// <summary>Sizes of the plain list bodies (bytes, serialized object), to check they match the module's answer.</summary>
    public (int Bytes, int Json) PlainListSizes() =>
        (_plainList.Length, JsonSerializer.SerializeToUtf8Bytes(_plainListObject, PlainJsonContext.Default.PlainListResponse).Length);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The benchmark creates no drafts, so no customer is ever looked up.</summary>
    private sealed class NoCustomers : ICustomerDirectory
    {
        public Task<CustomerRecord?> FindAsync(Guid networkId, Guid brokerPartyId, string customerRef, CancellationToken cancellationToken = default) =>
            Task.FromResult<CustomerRecord?>(null);
    }
}
