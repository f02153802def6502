using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using CsCheck;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.SampleHost.Tests.Api.Support;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Expertennetzwerk.SampleHost.Tests.Api;

/// <summary>
/// The fuzz pass: every endpoint of the API group, found in the host's endpoint data source (not a hand list), gets
/// generated hostile requests — malformed, wrongly typed, oversized, deeply nested and duplicate-key JSON bodies, hostile
/// strings (NUL, control characters, lone surrogates, 1 MB), bad ids in the route and bad cursors and numbers in the
/// query — as the owning broker, the assigned expert and the operator. Every answer is below 500 and ProblemDetails when
/// it is an error; a hostile value in a field the endpoint really binds is a 4xx; and not one log entry at Error or above
/// is written during the pass. Bounded in count and time; a fresh host per run, so nothing else's logs count.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] MalformedBodies =
    [
        "{", "}", "[1, 2", "{\"a\":}", "{'a':1}", "nicht json", "{\"a\":1,}", "\u0000", "{\"a\":\"\\x\"}", "{\"a\":tru}", "123abc", "\"unterminated",
        "[{\"a\":1}", "{\"a\" 1}",
    ];

    private static readonly string[] HostileStrings =
    [
        "\\u0000", "a\\u0001b", "x\\u007f", "\\ud800", "a\\udfffb", "\\ud83d\\ud83d", "zeile\\r\\nzwei", "\\u200b", "\\u202e\\u0000", "'; DROP TABLE orders; --",
    ];

    /// <summary>Characters no one can type (control characters, broken UTF-16): refused wherever a text is bound.</summary>
    private static readonly string[] Unreadable = ["\\u0000", "a\\u0001b", "x\\u007f", "\\ud800", "a\\udfffb", "\\ud83d\\ud83d", "\\u202e\\u0000"];

    private static readonly string[] Kinds = ["OrderPlaced", "DeadLetter", "7", "orderplaced", "%01", "OrderPlaced%7F", "OrderPlaced,DeadLetter", "Digest"];

    private static readonly string[] BadCursors =
    [
        "", "x", "AAAA", "not-a-cursor", "%00", "%F0%9F%98%80", "eyJhIjoxfQ", new string('A', 4096), "..%2F..%2Fetc", "-1", "%E0%A4%A",
    ];

    private static readonly string[] BadNumbers = ["-1", "0", "101", "2147483648", "1e9", "abc", "", "NaN", "%00", "1.5", "99999999999999999999"];

    // No %00 in a path: the test server refuses to build such a request (Kestrel answers it 400 before the app sees it).
    private static readonly string[] BadRouteValues =
    [
        "not-a-guid", "00000000-0000-0000-0000-000000000000", "%01", "..", "%2F", "1", "ffffffff-ffff-ffff-ffff-ffffffffffff", new string('9', 300), "%F0%9F%98%80",
    ];

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite, 3000)]
    [InlineData(ApiDatabase.PostgreSQL, 800)]
    public async Task Every_endpoint_answers_hostile_requests_below_500_and_logs_no_error(ApiDatabase database, int requests)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        await using var host = await ApiHost.StartAsync(database);
        var endpoints = Endpoints(host);
        endpoints.Select(e => e.Display).Should().Contain(["POST orders/{orderId:guid}/messages", "PUT notification-preferences/{kind}", "POST dead-letters/{outboxMessageId:guid}/requeue"],
            "the pass covers the whole group");
        var orderId = await host.OrderInStateAsync("Placed");
        await host.SendMessageAsync(ApiActors.OwningBroker, orderId, "Eine Nachricht für die Seiten.");
        var clients = new[] { host.Client(ApiActor.OwningBroker), host.Client(ApiActor.AssignedExpert), host.Client(ApiActor.OperatorWithPurpose) };

        var errors = new ErrorLog();
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();
        loggers.AddProvider(errors);

        // The capture sees the API's own logger (the category its unexpected faults are logged under), or the pass proves nothing.
        loggers.CreateLogger("Expertennetzwerk.Module.AspNetCore.Api").LogError("probe");
        errors.Entries.Should().ContainSingle(e => e.Contains("probe", StringComparison.Ordinal));
        errors.Entries.Clear();

        var limit = TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var gen = Gen.Select(Gen.Int[0, endpoints.Count - 1], Gen.Int[0, clients.Length - 1], Cases(), Gen.Int[0, 1_000_000])
            .Select((e, c, kind, seed) => new Request(endpoints[e], c, kind, seed));

        await gen.SampleAsync(
            async r =>
            {
                if (clock.Elapsed > limit)
                {
                    return; // bounded in time: the remaining cases are drawn but not sent
                }

                var (path, body, expect4xx) = Build(r, orderId);
                using var request = new HttpRequestMessage(r.Endpoint.Method, new Uri(host.Prefix + path, UriKind.Relative));
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                using var response = await clients[r.Client].SendAsync(request);
                Interlocked.Increment(ref sent);
                var status = (int)response.StatusCode;
                var key = $"{r.Kind}{(r.Endpoint.Method == HttpMethod.Get ? " (GET)" : r.Endpoint.JsonBody is null ? " (no JSON body bound)" : string.Empty)} → {status / 100}xx";
                statuses[key] = statuses.GetValueOrDefault(key) + 1;
                var text = await response.Content.ReadAsStringAsync();
                status.Should().BeLessThan(500, "{0} {1} ({2}) answered {3}", r.Endpoint.Method, path, r.Kind, text);
                if (expect4xx)
                {
                    status.Should().BeInRange(400, 499, "{0} {1} binds the hostile value ({2}); it answered {3}", r.Endpoint.Method, path, r.Kind, text);
                }

                if (status >= 400)
                {
                    response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", text);
                    text.Should().NotContainAny(["Exception", "   at "]);
                }
            },
            iter: requests,
            threads: 1,
            print: r => $"{r.Endpoint.Display} as client {r.Client}: {r.Kind} (seed {r.Seed})");

        output.WriteLine($"{sent} requests to {endpoints.Count} endpoints in {clock.Elapsed.TotalSeconds:F1} s on {database}");
        output.WriteLine(string.Join(Environment.NewLine, statuses.Select(s => $"{s.Value,5} × {s.Key}")));
        sent.Should().BeGreaterThan(Math.Min(requests, 300), "the pass sends enough requests to mean something");
        errors.Entries.Should().BeEmpty("no fault of the server may hide behind a 4xx");
    }

    /// <summary>What a generated request does wrong.</summary>
    public enum Kind
    {
        Malformed,
        WrongType,
        DeeplyNested,
        DuplicateKey,
        Oversized,
        HostileString,
        BadRouteValue,
        BadQuery,
    }

    private sealed record Endpoint(HttpMethod Method, IReadOnlyList<RoutePatternPathSegment> Segments, string Display, Type? JsonBody, IReadOnlyList<string> QueryNames);

    private sealed record Request(Endpoint Endpoint, int Client, Kind Kind, int Seed);

    private static Gen<Kind> Cases() => Gen.Enum<Kind>();

    /// <summary>The group's endpoints as the host maps them (the unknown-route fallback aside).</summary>
    private static List<Endpoint> Endpoints(ApiHost host)
    {
        var prefix = host.Prefix.TrimEnd('/');
        var prefixSegments = prefix.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        return host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith(prefix + "/", StringComparison.Ordinal))
            .Where(e => e.RoutePattern.Parameters.All(p => !p.IsCatchAll))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
            {
                var accepts = e.Metadata.GetMetadata<IAcceptsMetadata>();
                var json = accepts?.ContentTypes.Any(c => c.Contains("json", StringComparison.OrdinalIgnoreCase)) == true ? accepts.RequestType : null;
                var query = e.Metadata.OfType<IParameterBindingMetadata>().Select(p => p.Name)
                    .Where(n => e.RoutePattern.GetParameter(n) is null && n is not "http" and not "body").ToList();
                var display = m + " " + ("/" + e.RoutePattern.RawText!.TrimStart('/'))[(prefix.Length + 1)..];
                return new Endpoint(new HttpMethod(m), e.RoutePattern.PathSegments.Skip(prefixSegments).ToList(), display, json, query);
            }))
            .OrderBy(e => e.Display, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The request's path (route and query) and body, and whether the endpoint must answer 4xx.</summary>
    private static (string Path, string? Body, bool Expect4xx) Build(Request r, Guid orderId)
    {
        var random = new Random(r.Seed);
        string Pick(string[] list) => list[random.Next(list.Length)];
        var badRoute = r.Kind == Kind.BadRouteValue;
        var path = new StringBuilder();
        foreach (var segment in r.Endpoint.Segments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart when badRoute => Pick(BadRouteValues),
                    RoutePatternParameterPart { Name: "orderId" } when random.Next(3) > 0 => orderId.ToString(),
                    RoutePatternParameterPart { Name: "kind" } => Pick(Kinds),
                    RoutePatternParameterPart => Guid.NewGuid().ToString(),
                    _ => string.Empty,
                });
            }
        }

        var expect4xx = false;
        if (r.Kind == Kind.BadQuery && r.Endpoint.QueryNames.Count > 0)
        {
            var name = r.Endpoint.QueryNames[random.Next(r.Endpoint.QueryNames.Count)];
            var paging = name is "cursor" or "pageSize";
            var value = name == "cursor" ? Pick(BadCursors) : Pick(random.Next(2) == 0 ? BadNumbers : BadCursors);
            path.Append('?').Append(name).Append('=').Append(value);
            expect4xx = paging && value.Length > 0; // every bad cursor and every page size but 1 to 100 is refused
        }

        var properties = r.Endpoint.JsonBody is { } type ? Properties(type) : [];
        if (r.Endpoint.Method == HttpMethod.Get)
        {
            return (path.ToString(), null, expect4xx);
        }

        if (r.Kind is Kind.BadRouteValue or Kind.BadQuery)
        {
            return (path.ToString(), Valid(properties, random), expect4xx);
        }

        var binds = properties.Count > 0;
        var (field, fieldType) = binds ? properties[random.Next(properties.Count)] : ("text", typeof(string));
        string body;
        switch (r.Kind)
        {
            case Kind.Malformed:
                body = Pick(MalformedBodies);
                expect4xx = binds;
                break;
            case Kind.WrongType:
                body = "{" + Json(field) + ":" + WrongValue(fieldType, random) + "}";
                expect4xx = binds;
                break;
            case Kind.DeeplyNested:
                var depth = random.Next(65, 5000);
                body = "{" + Json(field) + ":" + new string('[', depth) + new string(']', depth) + "}";
                expect4xx = binds;
                break;
            case Kind.DuplicateKey:
                var valid = Valid(properties, random);
                body = valid.Length > 2 ? valid[..^1] + "," + valid[1..] : "{\"a\":1,\"a\":2}";
                expect4xx = binds; // refused before binding (duplicate_key), not silently "the last one wins"
                break;
            case Kind.Oversized:
                body = "{" + Json(field) + ":\"" + new string('x', 1 << 20) + "\"}";
                expect4xx = true; // over every JSON endpoint's body limit (413 before it is read); a form endpoint answers 415
                break;
            default:
                var strings = properties.Where(p => p.Type == typeof(string)).ToList();
                var name = strings.Count > 0 ? strings[random.Next(strings.Count)].Name : field;
                var hostile = Pick(HostileStrings);
                var rest = Valid(properties.Where(p => p.Name != name).ToList(), random);
                body = rest[..^1] + (rest.Length > 2 ? "," : string.Empty) + Json(name) + ":\"" + hostile + "\"}";
                expect4xx = binds && Unreadable.Contains(hostile); // a character nobody can type is refused wherever it is bound
                break;
        }

        return (path.ToString(), body, expect4xx);
    }

    /// <summary>The JSON properties of a request contract: camelCase name and CLR type (nullable unwrapped).</summary>
    private static List<(string Name, Type Type)> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType))
            .ToList();

    /// <summary>A well-typed body (values need not make sense to the core).</summary>
    private static string Valid(IReadOnlyList<(string Name, Type Type)> properties, Random random) =>
        "{" + string.Join(",", properties.Select(p => Json(p.Name) + ":" + ValidValue(p.Type, random))) + "}";

    private static string ValidValue(Type type, Random random) => type switch
    {
        _ when type == typeof(string) => "\"Prüfung " + random.Next(1000) + "\"",
        _ when type == typeof(Guid) => "\"" + Guid.NewGuid() + "\"",
        _ when type == typeof(bool) => "true",
        _ when type == typeof(int) || type == typeof(long) => random.Next(0, 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ when type.IsEnum => Json(Enum.GetNames(type)[random.Next(Enum.GetNames(type).Length)]),
        _ when type == typeof(JsonElement) => "{}",
        _ when type.IsGenericType => "[\"Schritt\"]",
        _ => "{}",
    };

    private static string WrongValue(Type type, Random random)
    {
        string[] candidates = type switch
        {
            _ when type == typeof(string) => ["12", "true", "[]", "{}", "[\"a\"]"],
            _ when type == typeof(Guid) => ["\"not-a-guid\"", "12", "\"\"", "\"{00000000-0000-0000-0000-00000000000}\"", "[]"],
            _ when type == typeof(bool) => ["\"ja\"", "1", "{}"],
            _ when type == typeof(int) || type == typeof(long) => ["\"zwölf\"", "1e400", "-1e400", "99999999999999999999", "1.5", "true"],
            _ when type.IsEnum => ["\"Unbekannt\"", "99", "-1", "1.5", "[]", "\"\""],
            _ when type == typeof(JsonElement) => ["\"{}\"", "12"],
            _ => ["12", "\"x\"", "{}"],
        };
        return candidates[random.Next(candidates.Length)];
    }

    private static string Json(string name) => JsonSerializer.Serialize(name);

    /// <summary>Every log entry at Error or above, from the moment it is added to the host's logger factory.</summary>
    private sealed class ErrorLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    log.Entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}");
                }
            }
        }
    }
}
