using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Expertennetzwerk.SampleHost.Tests.Load;

/// <summary>
/// One sample-host process on a SQLite file under 32 concurrent writers, through the HTTP API with the demo cookie
/// sign-in: each writer runs whole order lifecycles (draft, read, place, a broker's message with a file, two racing
/// accepts, documentation with an upload, progress, complete, reads) while the host's outbox dispatcher delivers the
/// notifications into the same file. Every answer is typed (2xx, or 4xx ProblemDetails), none is 5xx, no answer and
/// no log line says "database is locked", and afterwards the orders hold their invariants: the state is the replay of
/// the history, the history's sequence has no gap, the per-state counters equal a GROUP BY over the orders, and the
/// outbox is empty.
/// </summary>
public sealed class SqliteConcurrentWritersTests(ITestOutputHelper output)
{
    private const int Writers = 32;

    // Bounded in count and time (CI). ENW_SQLITE_LOAD_REQUESTS raises the count for a run by command.
    private static readonly int RequestBudget = int.TryParse(Environment.GetEnvironmentVariable("ENW_SQLITE_LOAD_REQUESTS"), out var n) ? n : 1500;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(60);

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% Last\n%%EOF\n");
    private static readonly string[] LockedTexts = ["database is locked", "SQLITE_BUSY", "SQLite Error 5", "SQLite Error 6", "database table is locked"];

    [Fact]
    public async Task Thirty_two_concurrent_writers_on_one_sqlite_file_get_typed_answers_and_leave_the_orders_consistent()
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        await using var host = SampleHostProcess.Start(database);
        var address = await host.WaitUntilListeningAsync(TimeSpan.FromMinutes(3));
        var log = new Tally();

        var clients = new List<(HttpClient Broker, HttpClient Expert)>();
        for (var i = 0; i < Writers; i++)
        {
            clients.Add((await SignedInAsync(address, DemoIds.UserMueller), await SignedInAsync(address, DemoIds.UserKrause)));
        }

        var loadBefore = MachineLoad();
        var stopwatch = Stopwatch.StartNew();
        var deadline = stopwatch.Elapsed + LoadDuration;
        var workers = clients.Select((c, i) => Task.Run(async () =>
        {
            var lifecycle = 0;
            while (log.Count < RequestBudget && stopwatch.Elapsed < deadline)
            {
                await RunLifecycleAsync(c.Broker, c.Expert, log, $"w{i}-{lifecycle++}");
            }
        })).ToList();
        await Task.WhenAll(workers);
        var loadTime = stopwatch.Elapsed;
        foreach (var (broker, expert) in clients)
        {
            broker.Dispose();
            expert.Dispose();
        }

        // The dispatcher catches up: every planned notification delivered (into the sample's development mailbox).
        var pending = await WaitForEmptyOutboxAsync(database.SqliteFile!, TimeSpan.FromSeconds(60));
        await host.KillAsync();

        var report = log.Report(loadTime) + $"machine load (1/5/15 min) before: {loadBefore}, after: {MachineLoad()}, {Environment.ProcessorCount} cores\n";
        output.WriteLine(report);
        var lockedLines = host.Lines.Where(l => LockedTexts.Any(t => l.Contains(t, StringComparison.OrdinalIgnoreCase))).ToList();
        var errors = ErrorEntries(host.Lines);
        output.WriteLine($"host log lines saying the database is locked: {lockedLines.Count}; error entries: {errors.Count}");
        foreach (var line in errors.Take(10).Concat(lockedLines.Take(20)))
        {
            output.WriteLine(line);
        }

        var invariants = Invariants.Check(database.SqliteFile!);
        output.WriteLine(invariants.ToString());
        if (Environment.GetEnvironmentVariable("ENW_SQLITE_LOAD_REPORT") is { Length: > 0 } reportFile)
        {
            await File.WriteAllTextAsync(reportFile, report + "\n" + invariants + "\n");
            await File.WriteAllLinesAsync(reportFile + ".host.log", host.Lines);
        }

        log.Count.Should().BeGreaterThanOrEqualTo(Math.Min(RequestBudget, 300), "the run drove a load worth the name");
        log.ServerErrors.Should().BeEmpty("no request is answered 5xx");
        log.LockedAnswers.Should().BeEmpty("no answer says the database is locked");
        log.Untyped.Should().BeEmpty("every refusal is ProblemDetails");
        log.Unexpected.Should().BeEmpty("each writer's own order answers every step as on a quiet host (the racing accept excepted)");
        log.AcceptRacesWithoutOneWinner.Should().Be(0, "of two racing accepts exactly one wins");
        lockedLines.Should().BeEmpty("no log line says the database is locked");
        errors.Should().BeEmpty("a lost race is an ordinary 409, not an error of the host (the order's row is checked before EF Core saves)");
        pending.Should().Be(0, "the outbox dispatcher delivered every notification while the writers ran");
        invariants.Breaches.Should().BeEmpty();
        invariants.ChainsVerified.Should().Be(invariants.Orders, "every order has a history whose hash chain holds");
    }

    /// <summary>
    /// The host's Error and Critical log entries (a "fail:"/"crit:" line and its indented continuation), and unhandled exceptions.
    /// </summary>
    private static List<string> ErrorEntries(IReadOnlyList<string> lines)
    {
        var entries = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].StartsWith("fail:", StringComparison.Ordinal) && !lines[i].StartsWith("crit:", StringComparison.Ordinal)
                && !lines[i].StartsWith("Unhandled exception", StringComparison.Ordinal))
            {
                continue;
            }

            var entry = new StringBuilder(lines[i]);
            while (i + 1 < lines.Count && lines[i + 1].StartsWith(' '))
            {
                entry.Append('\n').Append(lines[++i]);
            }

            entries.Add(entry.ToString());
        }

        return entries;
    }

    private static string MachineLoad() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async Task<HttpClient> SignedInAsync(Uri address, Guid user)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("de"));
        using var signIn = await client.PostAsync(new Uri($"/demo/sign-in/{user}", UriKind.Relative), null);
        signIn.StatusCode.Should().Be(HttpStatusCode.NoContent);
        return client;
    }

    private static async Task RunLifecycleAsync(HttpClient broker, HttpClient expert, Tally log, string tag)
    {
        var created = await log.SendAsync(broker, Kind.Command, HttpMethod.Post, "orders", Json(
            $$$"""{"serviceId":"{{{DemoIds.ServiceKfzFlotte}}}","customerRef":"K-10002","formData":{"anzahlFahrzeuge": 7, "aktuellerVersicherer": "Rheinische Kraftfahrt VVaG", "hauptfaelligkeit": "2027-01-01"}}"""),
            HttpStatusCode.Created, ("Idempotency-Key", "load-" + tag));
        if (created.Body is null)
        {
            return;
        }

        var id = created.Body.Value.GetProperty("id").GetGuid();
        var order = $"orders/{id}";
        if (!(await log.SendAsync(broker, Kind.Read, HttpMethod.Get, order, null, HttpStatusCode.OK)).Ok
            || !(await log.SendAsync(broker, Kind.Command, HttpMethod.Post, order + "/place", null, HttpStatusCode.OK)).Ok
            || !(await log.SendAsync(broker, Kind.Upload, HttpMethod.Post, order + "/messages", Message(), HttpStatusCode.Created, ("Idempotency-Key", "load-msg-" + tag))).Ok)
        {
            return;
        }

        // Two accepts race on one order: one wins, the other is refused (typed).
        var accepts = await Task.WhenAll(
            log.SendAsync(expert, Kind.Command, HttpMethod.Post, order + "/accept", null, null),
            log.SendAsync(expert, Kind.Command, HttpMethod.Post, order + "/accept", null, null));
        if (accepts.Count(a => a.Status == HttpStatusCode.OK) != 1 || accepts.Any(a => (int)a.Status >= 500))
        {
            log.AcceptRaceWithoutOneWinner(string.Join(", ", accepts.Select(a => (int)a.Status)));
            return;
        }

        _ = (await log.SendAsync(expert, Kind.Upload, HttpMethod.Post, order + "/documentation", Documentation(), HttpStatusCode.Created, ("Idempotency-Key", "load-doc-" + tag))).Ok
            && (await log.SendAsync(expert, Kind.Read, HttpMethod.Get, "orders?pageSize=20", null, HttpStatusCode.OK)).Ok
            && (await log.SendAsync(expert, Kind.Command, HttpMethod.Post, order + "/progress", Json("""{"step":"Schadenverlauf angefordert"}"""), HttpStatusCode.OK)).Ok
            && (await log.SendAsync(expert, Kind.Command, HttpMethod.Post, order + "/complete", null, HttpStatusCode.OK)).Ok
            && (await log.SendAsync(broker, Kind.Read, HttpMethod.Get, order + "/messages", null, HttpStatusCode.OK)).Ok;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static MultipartFormDataContent Message() => new("enw-load-boundary")
    {
        { new StringContent("Anbei die Fahrzeugliste.", Encoding.UTF8), "text" },
        { new ByteArrayContent(Pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "attachments", "fahrzeuge.pdf" },
    };

    private static MultipartFormDataContent Documentation() => new("enw-load-boundary")
    {
        { new StringContent("Schadenverlauf liegt vor.", Encoding.UTF8), "text" },
        { new ByteArrayContent(Pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "attachments", "Schadenverlauf.pdf" },
    };

    private static async Task<long> WaitForEmptyOutboxAsync(string file, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var pending = Invariants.Scalar(file, "SELECT COUNT(*) FROM enw_outbox WHERE Status <> 'Sent'");
            if (pending == 0 || stopwatch.Elapsed > timeout)
            {
                return pending;
            }

            await Task.Delay(250);
        }
    }

    private enum Kind
    {
        Read,
        Command,
        Upload,
    }

    private readonly record struct Answer(HttpStatusCode Status, JsonElement? Body, bool Ok);

    /// <summary>Every request's kind, status and latency, and what was wrong with any answer.</summary>
    private sealed class Tally
    {
        private readonly ConcurrentQueue<(Kind Kind, int Status, double Milliseconds)> _requests = new();
        private int _count;
        private int _acceptRaces;

        public int Count => Volatile.Read(ref _count);

        public ConcurrentQueue<string> ServerErrors { get; } = new();

        public ConcurrentQueue<string> LockedAnswers { get; } = new();

        public ConcurrentQueue<string> Untyped { get; } = new();

        public ConcurrentQueue<string> Unexpected { get; } = new();

        public int AcceptRacesWithoutOneWinner => Volatile.Read(ref _acceptRaces);

        public void AcceptRaceWithoutOneWinner(string statuses)
        {
            Interlocked.Increment(ref _acceptRaces);
            Unexpected.Enqueue("accept race: " + statuses);
        }

        public async Task<Answer> SendAsync(
            HttpClient client, Kind kind, HttpMethod method, string path, HttpContent? content, HttpStatusCode? expected, params (string Name, string Value)[] headers)
        {
            Interlocked.Increment(ref _count);
            using var request = new HttpRequestMessage(method, new Uri("/expertennetzwerk/api/v1/" + path, UriKind.Relative)) { Content = content };
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            var stopwatch = Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            stopwatch.Stop();
            var status = (int)response.StatusCode;
            _requests.Enqueue((kind, status, stopwatch.Elapsed.TotalMilliseconds));
            var what = $"{method} {path} → {status}: {(text.Length > 300 ? text[..300] : text)}";
            if (status >= 500)
            {
                ServerErrors.Enqueue(what);
            }

            if (LockedTexts.Any(t => text.Contains(t, StringComparison.OrdinalIgnoreCase)))
            {
                LockedAnswers.Enqueue(what);
            }

            if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                Untyped.Enqueue(what);
            }

            if (expected is { } e && response.StatusCode != e)
            {
                Unexpected.Enqueue(what);
            }

            JsonElement? body = null;
            if (status is >= 200 and < 300 && text.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                using var document = JsonDocument.Parse(text);
                body = document.RootElement.Clone();
            }

            return new Answer(response.StatusCode, body, expected is null || response.StatusCode == expected);
        }

        public string Report(TimeSpan loadTime)
        {
            var all = _requests.ToList();
            var report = new StringBuilder();
            var writes = all.Count(r => r.Kind != Kind.Read);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{all.Count} requests in {loadTime.TotalSeconds:F1} s = {all.Count / loadTime.TotalSeconds:F0} requests/s, of them {writes} commands and uploads = {writes / loadTime.TotalSeconds:F0} writes/s ({Writers} writers)");
            report.AppendLine("by status: " + string.Join(", ", all.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
            foreach (var kind in Enum.GetValues<Kind>())
            {
                var times = all.Where(r => r.Kind == kind).Select(r => r.Milliseconds).Order().ToList();
                if (times.Count > 0)
                {
                    report.AppendLine(CultureInfo.InvariantCulture,
                        $"{kind}: {times.Count} requests, p50 {Percentile(times, 0.50):F1} ms, p95 {Percentile(times, 0.95):F1} ms, p99 {Percentile(times, 0.99):F1} ms, max {times[^1]:F1} ms");
                }
            }

            report.AppendLine(CultureInfo.InvariantCulture,
                $"5xx: {ServerErrors.Count}, 'database is locked' answers: {LockedAnswers.Count}, untyped: {Untyped.Count}, unexpected: {Unexpected.Count}, accept races without one winner: {AcceptRacesWithoutOneWinner}");
            foreach (var line in ServerErrors.Concat(Unexpected).Concat(Untyped).Take(15))
            {
                report.AppendLine("  " + line);
            }

            return report.ToString();
        }

        private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The orders' invariants, read straight from the file after the host stopped.</summary>
    private sealed class Invariants
    {
        public List<string> Breaches { get; } = [];

        public int Orders { get; private set; }

        public int HistoryEntries { get; private set; }

        public int CounterRows { get; private set; }

        public int ChainsVerified { get; private set; }

        public static long Scalar(string file, string sql)
        {
            using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        public static Invariants Check(string file)
        {
            var result = new Invariants();
            using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            connection.Open();
            var orders = new Dictionary<string, (string State, int HistoryCount)>(StringComparer.Ordinal);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT Id, State, HistoryCount FROM enw_orders";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    orders[reader.GetString(0)] = (reader.GetString(1), reader.GetInt32(2));
                }
            }

            var history = new Dictionary<string, List<(int Sequence, string From, string To)>>(StringComparer.Ordinal);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT OrderId, Sequence, FromState, ToState FROM enw_order_history ORDER BY OrderId, Sequence";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var entries = history.TryGetValue(reader.GetString(0), out var list) ? list : history[reader.GetString(0)] = [];
                    entries.Add((reader.GetInt32(1), reader.GetString(2), reader.GetString(3)));
                    result.HistoryEntries++;
                }
            }

            result.Orders = orders.Count;
            foreach (var (id, (state, historyCount)) in orders)
            {
                var entries = history.GetValueOrDefault(id) ?? [];
                if (!entries.Select(e => e.Sequence).SequenceEqual(Enumerable.Range(1, historyCount)))
                {
                    result.Breaches.Add($"order {id}: history sequence {string.Join(',', entries.Select(e => e.Sequence))} is not 1..{historyCount}");
                    continue;
                }

                for (var i = 1; i < entries.Count; i++)
                {
                    if (entries[i].From != entries[i - 1].To)
                    {
                        result.Breaches.Add($"order {id}: entry {entries[i].Sequence} starts in {entries[i].From}, the entry before ended in {entries[i - 1].To}");
                    }
                }

                if (entries.Count == 0 || entries[^1].To != state)
                {
                    result.Breaches.Add($"order {id}: state {state}, its history replays to {(entries.Count == 0 ? "nothing" : entries[^1].To)}");
                }
            }

            foreach (var orphan in history.Keys.Where(k => !orders.ContainsKey(k)))
            {
                result.Breaches.Add($"history of an order that does not exist: {orphan}");
            }

            // The per-state counters against a GROUP BY over the orders, both ways (a counter at 0 equals no orders).
            using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    WITH actual AS (
                        SELECT NetworkId, 'OwningBroker' AS Role, BrokerPartyId AS PartyId, State, COUNT(*) AS N FROM enw_orders GROUP BY NetworkId, BrokerPartyId, State
                        UNION ALL
                        SELECT NetworkId, 'AssignedExpert', AssignedExpertPartyId, State, COUNT(*) FROM enw_orders
                        WHERE AssignedExpertPartyId IS NOT NULL GROUP BY NetworkId, AssignedExpertPartyId, State)
                    SELECT a.Role, a.PartyId, a.State, a.N, c.Count FROM actual a
                    LEFT JOIN enw_order_state_counts c ON c.NetworkId = a.NetworkId AND c.Role = a.Role AND c.PartyId = a.PartyId AND c.State = a.State
                    WHERE c.Count IS NULL OR c.Count <> a.N
                    UNION ALL
                    SELECT c.Role, c.PartyId, c.State, 0, c.Count FROM enw_order_state_counts c
                    WHERE c.Count <> 0 AND NOT EXISTS (SELECT 1 FROM actual a WHERE a.NetworkId = c.NetworkId AND a.Role = c.Role AND a.PartyId = c.PartyId AND a.State = c.State)
                    """;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    result.Breaches.Add($"counter {reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)}: {(reader.IsDBNull(4) ? "none" : reader.GetInt64(4))}, orders: {reader.GetInt64(3)}");
                }
            }

            result.CounterRows = (int)Scalar(file, "SELECT COUNT(*) FROM enw_order_state_counts");

            // The hash chain of every order's history, read through the module's own mapping.
            using var db = new SampleCrmDbContext(new DbContextOptionsBuilder<SampleCrmDbContext>().UseSqlite($"Data Source={file};Mode=ReadOnly;Pooling=False").Options);
            var heads = db.Set<ExpertOrder>().AsNoTracking().Select(o => new { o.Id, o.HistoryHead }).ToDictionary(o => o.Id, o => o.HistoryHead);
            foreach (var chain in db.Set<OrderHistoryEntry>().AsNoTracking().AsEnumerable().GroupBy(e => e.OrderId))
            {
                if (HistoryChain.FirstBreak(chain, heads.GetValueOrDefault(chain.Key)) is { } broken)
                {
                    result.Breaches.Add($"order {chain.Key}: the history's hash chain breaks at sequence {broken}");
                }
                else
                {
                    result.ChainsVerified++;
                }
            }

            return result;
        }

        public override string ToString() =>
            $"invariants: {Orders} orders, {HistoryEntries} history entries, {CounterRows} counter rows, {ChainsVerified} hash chains verified; breaches: {Breaches.Count}"
            + string.Concat(Breaches.Take(15).Select(b => "\n  " + b));
    }
}
