using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Expertennetzwerk.Module.LoadTests;

/// <summary>A response as the harness needs it.</summary>
public sealed record Reply(int Status, string Body, string? ETag, int Instance, bool KilledInFlight)
{
    public bool Ok => Status is >= 200 and < 300;

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }
}

/// <summary>
/// One simulated person's browser: a cookie jar per instance (the demo sign-in cookie, or the consent page's
/// antiforgery cookie), signed in lazily on each instance it talks to.
/// </summary>
public sealed class Session : IDisposable
{
    private readonly HttpClient[] _clients;
    private readonly bool[] _signedIn;

    public Session(SimUser? user, IReadOnlyList<HostInstance> hosts)
    {
        User = user;
        _clients = [.. hosts.Select(h => new HttpClient(new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = h.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        })];
        _signedIn = new bool[hosts.Count];
    }

    public SimUser? User { get; }

    public HttpClient Client(int instance) => _clients[instance];

    public bool IsSignedIn(int instance) => User is null || _signedIn[instance];

    public void SignedIn(int instance, bool value) => _signedIn[instance] = value;

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}

/// <summary>Sends the simulated users' requests to an instance the harness picks, and records every answer.</summary>
public sealed class Api(IReadOnlyList<HostInstance> hosts, Metrics metrics, Random random)
{
    public const string Prefix = "/expertennetzwerk/api/v1/";
    public const string PurposeHeader = "X-Expertennetzwerk-Purpose";
    public const string PartyHeader = "X-Expertennetzwerk-Party";

    public IReadOnlyList<HostInstance> Hosts => hosts;

    /// <summary>A random instance that is up (as a load balancer would pick), or <paramref name="instance"/>.</summary>
    public int Pick(int? instance = null)
    {
        if (instance is { } fixedInstance)
        {
            return fixedInstance;
        }

        var up = Enumerable.Range(0, hosts.Count).Where(i => hosts[i].IsUp).ToList();
        if (up.Count == 0)
        {
            return 0;
        }

        lock (random)
        {
            return up[random.Next(up.Count)];
        }
    }

    /// <summary>
    /// Sends the request built by <paramref name="build"/> (built again for a retry after a lost sign-in) as
    /// <paramref name="session"/>'s user, acting for the user's party.
    /// </summary>
    public async Task<Reply> SendAsync(Session session, EndpointKind kind, string label, Func<HttpRequestMessage> build, bool hostile = false, int? instance = null, bool signIn = true)
    {
        var index = Pick(instance);
        for (var attempt = 0; ; attempt++)
        {
            if (signIn && session.User is { } user && !session.IsSignedIn(index))
            {
                await SignInAsync(session, index, user);
            }

            var reply = await SendOnceAsync(session, kind, label, build, hostile, index);
            if (reply.Status == 401 && signIn && session.User is not null && attempt == 0)
            {
                // The instance was restarted with other keys, or the sign-in raced the kill: sign in again once.
                metrics.Reauthenticated();
                session.SignedIn(index, false);
                continue;
            }

            return reply;
        }
    }

    private async Task SignInAsync(Session session, int index, SimUser user)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var reply = await SendOnceAsync(session, EndpointKind.SignIn, "sign-in", () => new HttpRequestMessage(HttpMethod.Post, $"/demo/sign-in/{user.UserId}"), hostile: false, index);
            if (reply.Ok)
            {
                session.SignedIn(index, true);
                return;
            }

            await Task.Delay(200);
        }
    }

    private async Task<Reply> SendOnceAsync(Session session, EndpointKind kind, string label, Func<HttpRequestMessage> build, bool hostile, int index)
    {
        var host = hosts[index];
        var generation = host.Generation;
        var stopwatch = Stopwatch.StartNew();
        int status;
        var body = string.Empty;
        string? etag = null;
        try
        {
            using var request = build();
            if (session.User is { } user && !request.Headers.Contains(PartyHeader))
            {
                request.Headers.TryAddWithoutValidation(PartyHeader, user.PartyId.ToString());
            }

            using var response = await session.Client(index).SendAsync(request);
            status = (int)response.StatusCode;
            etag = response.Headers.ETag?.ToString();
            body = await response.Content.ReadAsStringAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            status = -1;
            body = ex.GetType().Name + ": " + ex.Message;
        }

        stopwatch.Stop();
        var killed = host.Generation != generation || !host.IsUp;
        metrics.Record(kind, label, status, stopwatch.Elapsed.TotalMilliseconds, hostile, killed, body);
        return new Reply(status, body, etag, index, killed);
    }
}
