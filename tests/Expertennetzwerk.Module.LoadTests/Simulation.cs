using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Expertennetzwerk.Module.LoadTests;

/// <summary>An order the simulated users created, with who owns it and the files seen on it.</summary>
public sealed class TrackedOrder(Guid id, SimUser broker, OrderTemplate template)
{
    public Guid Id { get; } = id;

    public SimUser Broker { get; } = broker;

    public SimUser Expert { get; } = DemoNetwork.Expert(template.ExpertName);

    public OrderTemplate Template { get; } = template;

    public ConcurrentBag<Guid> Files { get; } = [];

    public int ConsentRequests;

    /// <summary>The permitted actions of the last read.</summary>
    public volatile IReadOnlyList<string> LastActions = [];

    /// <summary>Seen in a state after Draft: from then on the expert sees it.</summary>
    public volatile bool Placed;
}

/// <summary>
/// The simulated users: brokers of three parties, two experts, the operator and data subjects following the consent
/// links from the received mails. Each picks among the actions the API says are permitted; a share of the requests is
/// hostile and must be answered 4xx without changing anything (their texts carry <see cref="HostileMarker"/>).
/// </summary>
public sealed partial class Simulation(Api api, FlakySmtpServer smtp, LoadOptions options, Random random, Func<bool> keepGoing)
{
    /// <summary>Written into every text a hostile request sends: no row may ever contain it.</summary>
    public const string HostileMarker = "HOSTILE-LOAD";

    private readonly List<TrackedOrder> _orders = [];
    private readonly ConcurrentQueue<string> _links = new();
    private readonly HashSet<string> _seenLinks = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _usedLinks = [];
    private int _mailsScanned;
    private long _consentDecisions;
    private long _consentLinksFromMail;

    public IReadOnlyList<TrackedOrder> Orders
    {
        get
        {
            lock (_orders)
            {
                return [.. _orders];
            }
        }
    }

    public long ConsentDecisions => Interlocked.Read(ref _consentDecisions);

    public long ConsentLinksFromMail => Interlocked.Read(ref _consentLinksFromMail);

    public async Task RunAsync()
    {
        var workers = Enumerable.Range(0, options.Users).Select(i => Task.Run(() => WorkerAsync(i))).ToList();
        await Task.WhenAll(workers);
    }

    private async Task WorkerAsync(int worker)
    {
        var sessions = new Dictionary<SimUser, Session>();
        Session SessionOf(SimUser user)
        {
            if (!sessions.TryGetValue(user, out var session))
            {
                session = new Session(user, api.Hosts);
                sessions[user] = session;
            }

            return session;
        }

        try
        {
            while (keepGoing())
            {
                ScanMails();
                double roll;
                int think;
                lock (random)
                {
                    roll = random.NextDouble();
                    think = random.Next(options.ThinkMilliseconds + 1);
                }

                if (roll < options.HostileShare)
                {
                    await HostileAsync(SessionOf);
                }
                else if (roll < options.HostileShare + 0.08 && _links.TryDequeue(out var link))
                {
                    await DecideAsync(link);
                }
                else if (roll < 0.50)
                {
                    await BrokerAsync(SessionOf(Pick(DemoNetwork.Brokers)));
                }
                else if (roll < 0.93)
                {
                    await ExpertAsync(SessionOf(Pick(DemoNetwork.Experts)));
                }
                else
                {
                    await OperatorAsync(SessionOf(DemoNetwork.Koch));
                }

                if (think > 0)
                {
                    await Task.Delay(think);
                }
            }
        }
        finally
        {
            foreach (var session in sessions.Values)
            {
                session.Dispose();
            }
        }
    }

    // ---- brokers ---------------------------------------------------------------------------------------------------

    private async Task BrokerAsync(Session session)
    {
        var broker = session.User!;
        var own = Orders.Where(o => o.Broker == broker).ToList();
        var roll = Roll();
        if (own.Count < 3 || roll < 0.22)
        {
            await CreateAsync(session);
            return;
        }

        if (roll < 0.32)
        {
            await ListAsync(session);
            return;
        }

        var order = Pick(own);
        var (detail, actions) = await ReadOrderAsync(session, order);
        if (detail is null)
        {
            return;
        }

        if (order.Template.ForPersons && detail.Json().GetProperty("state").ToString() == "Draft" && !actions.Contains("Place")
            && Interlocked.Increment(ref order.ConsentRequests) <= 1)
        {
            // The service shares personal data: the customer's consent comes first (the link goes out by mail).
            await RequestConsentAsync(session, order);
            return;
        }

        var trigger = Weighted(actions, new Dictionary<string, double>
        {
            ["Place"] = 6, ["ProvideInformation"] = 4, ["SaveDraft"] = 1, ["Withdraw"] = 0.4, ["OpenDispute"] = 0.3,
        });
        if (trigger is null)
        {
            return;
        }

        var reply = await CommandAsync(session, order, trigger, detail.ETag);
        if (trigger == "Place" && order.Template.ForPersons && reply.Status is 409 or 422 or 400 && reply.Body.Contains("consent", StringComparison.OrdinalIgnoreCase)
            && Interlocked.Increment(ref order.ConsentRequests) <= 2)
        {
            await RequestConsentAsync(session, order);
        }
        else if (trigger == "Place" && reply.Status == 200)
        {
            order.Placed = true;
        }
    }

    private Task<Reply> RequestConsentAsync(Session session, TrackedOrder order) =>
        api.SendAsync(session, EndpointKind.Command, "consents", () => Json(HttpMethod.Post, $"orders/{order.Id}/consents", """{"dataSubject":"Customer"}""",
            ("Idempotency-Key", Guid.NewGuid().ToString())));

    private async Task CreateAsync(Session session)
    {
        var broker = session.User!;
        var template = Pick(DemoNetwork.Templates.Where(t => !(t.ExpertName == "Vogel" && broker == DemoNetwork.Schneider)).ToList());
        var customers = broker.Customers.Where(c => DemoNetwork.PersonCustomers.Contains(c) == template.ForPersons).ToList();
        var customer = Pick(customers);
        var reply = await api.SendAsync(session, EndpointKind.Command, "create", () => Json(HttpMethod.Post, "orders",
            $$"""{"serviceId":"{{template.ServiceId}}","customerRef":"{{customer}}","formData":{{template.FormJson}}}""",
            ("Idempotency-Key", Guid.NewGuid().ToString())));
        if (reply.Status == 201)
        {
            var id = reply.Json().GetProperty("id").GetGuid();
            lock (_orders)
            {
                _orders.Add(new TrackedOrder(id, broker, template));
            }
        }
    }

    private Task<Reply> ListAsync(Session session) =>
        api.SendAsync(session, EndpointKind.Read, "list", () => new HttpRequestMessage(HttpMethod.Get, Api.Prefix + "orders?pageSize=25" + (Roll() < 0.5 ? "&state=InProgress" : string.Empty)));

    // ---- experts ---------------------------------------------------------------------------------------------------

    private async Task ExpertAsync(Session session)
    {
        var expert = session.User!;
        var assigned = Orders.Where(o => o.Expert == expert && o.Placed).ToList();
        if (assigned.Count == 0 || Roll() < 0.10)
        {
            await ListAsync(session);
            return;
        }

        var order = Pick(assigned);
        var (detail, actions) = await ReadOrderAsync(session, order);
        if (detail is null)
        {
            return;
        }

        var trigger = Weighted(actions, new Dictionary<string, double>
        {
            ["Accept"] = 6, ["Decline"] = 0.4, ["SetProgressStep"] = 2, ["AddDocumentation"] = 1.5, ["RequestInformation"] = 1,
            ["ProvideInformation"] = 0.5, ["Complete"] = 2.5, ["Cancel"] = 0.2, ["OpenDispute"] = 0.3,
        });
        if (trigger is not null)
        {
            await CommandAsync(session, order, trigger, detail.ETag);
        }
    }

    // ---- the operator ----------------------------------------------------------------------------------------------

    private async Task OperatorAsync(Session session)
    {
        var roll = Roll();
        if (roll < 0.3)
        {
            await ListAsync(session);
            return;
        }

        if (roll < 0.4)
        {
            await api.SendAsync(session, EndpointKind.Read, "dead-letters", () => new HttpRequestMessage(HttpMethod.Get, Api.Prefix + "dead-letters"));
            return;
        }

        var orders = Orders.Where(o => o.Placed).ToList();
        if (orders.Count == 0)
        {
            return;
        }

        var order = Pick(orders);
        var (detail, actions) = await ReadOrderAsync(session, order);
        var trigger = detail is null ? null : Weighted(actions, new Dictionary<string, double>
        {
            ["ResolveDisputeResume"] = 3, ["ResolveDisputeComplete"] = 2, ["ResolveDisputeCancel"] = 1, ["Cancel"] = 0.1,
        });
        if (trigger is not null)
        {
            await CommandAsync(session, order, trigger, detail!.ETag);
        }
    }

    // ---- data subjects ---------------------------------------------------------------------------------------------

    /// <summary>Collects the consent links from the mails the SMTP server accepted (each link once).</summary>
    private void ScanMails()
    {
        var accepted = smtp.Accepted.ToArray();
        lock (_seenLinks)
        {
            for (; _mailsScanned < accepted.Length; _mailsScanned++)
            {
                foreach (Match match in ConsentLink().Matches(accepted[_mailsScanned].Text))
                {
                    if (_seenLinks.Add(match.Value))
                    {
                        Interlocked.Increment(ref _consentLinksFromMail);
                        _links.Enqueue(match.Value);
                    }
                }
            }
        }
    }

    private async Task DecideAsync(string link)
    {
        using var browser = new Session(null, api.Hosts);
        var instance = api.Pick();
        var decision = Roll() < 0.85 ? "agree" : "decline";
        var reply = await DecideOnAsync(api, browser, link, decision, instance, hostile: false);
        if (reply?.Status == 200)
        {
            Interlocked.Increment(ref _consentDecisions);
        }

        _usedLinks.Add(link);
    }

    /// <summary>Opens the consent page at <paramref name="link"/> and posts the decision with the form's token (null when the page did not open).</summary>
    public static async Task<Reply?> DecideOnAsync(Api api, Session browser, string link, string decision, int instance, bool hostile, Func<Task>? beforePost = null)
    {
        var path = new Uri(link).PathAndQuery;
        var page = await api.SendAsync(browser, EndpointKind.Read, "consent-page", () => new HttpRequestMessage(HttpMethod.Get, path), hostile, instance);
        var field = AntiforgeryField().Match(page.Body);
        if (page.Status != 200 || !field.Success)
        {
            return page.Status == 200 ? null : page;
        }

        if (beforePost is not null)
        {
            await beforePost();
        }

        return await api.SendAsync(browser, EndpointKind.Command, "consent-decision", () => new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["decision"] = decision,
                [field.Groups["name"].Value] = field.Groups["value"].Value,
            }),
        }, hostile, instance);
    }

    // ---- hostile requests ------------------------------------------------------------------------------------------

    private async Task HostileAsync(Func<SimUser, Session> sessionOf)
    {
        var orders = Orders;
        var kind = (int)(Roll() * 8);
        var broker = Pick(DemoNetwork.Brokers);
        switch (kind)
        {
            case 0: // fuzzed body on create and on a command
            {
                var session = sessionOf(broker);
                var body = Fuzz();
                await api.SendAsync(session, EndpointKind.Command, "create", () => Json(HttpMethod.Post, "orders", body), hostile: true);
                if (orders.FirstOrDefault(o => o.Broker == broker) is { } own)
                {
                    var malformed = Malformed();
                    await api.SendAsync(session, EndpointKind.Command, "withdraw", () => Json(HttpMethod.Post, $"orders/{own.Id}/withdraw", malformed), hostile: true);
                }

                break;
            }

            case 1: // another broker's order, read and changed
            {
                if (orders.Where(o => o.Broker != broker).ToList() is { Count: > 0 } foreign)
                {
                    var order = Pick(foreign);
                    var session = sessionOf(broker);
                    await api.SendAsync(session, EndpointKind.Read, "order", () => new HttpRequestMessage(HttpMethod.Get, Api.Prefix + $"orders/{order.Id}"), hostile: true);
                    await api.SendAsync(session, EndpointKind.Command, "withdraw", () => Json(HttpMethod.Post, $"orders/{order.Id}/withdraw", $$"""{"reason":"{{HostileMarker}}"}"""), hostile: true);
                }

                break;
            }

            case 2: // an id that does not exist, and the other expert's order
            {
                var expert = Pick(DemoNetwork.Experts);
                var session = sessionOf(expert);
                await api.SendAsync(session, EndpointKind.Command, "accept", () => Json(HttpMethod.Post, $"orders/{Guid.CreateVersion7()}/accept", null), hostile: true);
                if (orders.Where(o => o.Expert != expert).ToList() is { Count: > 0 } others)
                {
                    var order = Pick(others);
                    await api.SendAsync(session, EndpointKind.Command, "decline", () => Json(HttpMethod.Post, $"orders/{order.Id}/decline", $$"""{"reason":"{{HostileMarker}}"}"""), hostile: true);
                }

                break;
            }

            case 3: // a stale If-Match on the owner's own order
            {
                if (orders.Where(o => o.Broker == broker).ToList() is { Count: > 0 } own)
                {
                    var order = Pick(own);
                    var session = sessionOf(broker);
                    var stale = $"\"{1_000_000 + (int)(Roll() * 1000)}\"";
                    await api.SendAsync(session, EndpointKind.Command, "dispute", () => Json(HttpMethod.Post, $"orders/{order.Id}/disputes", $$"""{"reason":"{{HostileMarker}}"}""",
                        ("If-Match", stale)), hostile: true);
                    await api.SendAsync(session, EndpointKind.Command, "draft", () => Json(HttpMethod.Put, $"orders/{order.Id}/draft", "{\"formData\":{\"note\":\"" + HostileMarker + "\"}}",
                        ("If-Match", "\"987654\"")), hostile: true);
                }

                break;
            }

            case 4: // a used consent link, replayed
            {
                if (_usedLinks.ToArray() is { Length: > 0 } used)
                {
                    using var browser = new Session(null, api.Hosts);
                    await DecideOnAsync(api, browser, Pick(used), "agree", api.Pick(), hostile: true);
                }
                else
                {
                    using var browser = new Session(null, api.Hosts);
                    await api.SendAsync(browser, EndpointKind.Read, "consent-page", () => new HttpRequestMessage(HttpMethod.Get, $"/expertennetzwerk/consent/{Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('/', '_').Replace('+', '-')}"), hostile: true);
                }

                break;
            }

            case 5: // an upload over the limit (and one of a type that is not allowed)
            {
                var expert = DemoNetwork.Krause;
                if (orders.Where(o => o.Expert == expert && o.LastActions.Contains("AddDocumentation")).ToList() is { Count: > 0 } assigned)
                {
                    var order = Pick(assigned);
                    var session = sessionOf(expert);
                    var oversized = Roll() < 0.5;
                    await api.SendAsync(session, EndpointKind.Upload, oversized ? "documentation-oversized" : "documentation-bad-type", () => new HttpRequestMessage(HttpMethod.Post, Api.Prefix + $"orders/{order.Id}/documentation")
                    {
                        Content = DocumentationForm(HostileMarker, oversized ? new byte[11 * 1024 * 1024] : Encoding.ASCII.GetBytes("MZ\x90\0 not a pdf"), oversized ? "application/pdf" : "application/x-msdownload"),
                    }, hostile: true);
                }

                break;
            }

            case 6: // another party's file
            {
                if (orders.Where(o => !o.Files.IsEmpty).ToList() is { Count: > 0 } withFiles)
                {
                    var order = Pick(withFiles);
                    var file = Pick(order.Files.ToList());
                    var stranger = DemoNetwork.Brokers.First(b => b != order.Broker);
                    await api.SendAsync(sessionOf(stranger), EndpointKind.Read, "file", () => new HttpRequestMessage(HttpMethod.Get, Api.Prefix + $"orders/{order.Id}/files/{file}"), hostile: true);
                    var otherExpert = DemoNetwork.Experts.First(e => e != order.Expert);
                    await api.SendAsync(sessionOf(otherExpert), EndpointKind.Read, "file", () => new HttpRequestMessage(HttpMethod.Get, Api.Prefix + $"orders/{order.Id}/files/{file}"), hostile: true);
                }

                break;
            }

            default: // acting for a party the user is no member of, and nobody signed in
            {
                var session = sessionOf(broker);
                var foreignParty = DemoNetwork.Brokers.First(b => b != broker).PartyId;
                await api.SendAsync(session, EndpointKind.Command, "create", () => Json(HttpMethod.Post, "orders",
                    $$"""{"serviceId":"{{DemoNetwork.Templates[0].ServiceId}}","customerRef":"K-20002","formData":{{DemoNetwork.Templates[0].FormJson}}}""",
                    (Api.PartyHeader, foreignParty.ToString())), hostile: true);
                using var anonymous = new Session(null, api.Hosts);
                await api.SendAsync(anonymous, EndpointKind.Read, "list", () => new HttpRequestMessage(HttpMethod.Get, Api.Prefix + "orders"), hostile: true);
                break;
            }
        }
    }

    /// <summary>A body that is no valid request of any command (broken JSON, wrong types, too deep).</summary>
    private string Malformed()
    {
        var roll = Roll();
        return roll switch
        {
            < 0.25 => "{\"reason\":",
            < 0.50 => "[\"" + HostileMarker + "\"]",
            < 0.75 => "{\"reason\":{\"text\":\"" + HostileMarker + "\"}}",
            _ => "{\"reason\":" + string.Concat(Enumerable.Repeat("[", 300)) + "]}",
        };
    }

    private string Fuzz()
    {
        var roll = Roll();
        return roll switch
        {
            < 0.15 => "{\"serviceId\":",
            < 0.30 => "[1,2,3]",
            < 0.45 => $$"""{"serviceId":"not-a-guid","customerRef":{"x":1},"formData":"{{HostileMarker}}"}""",
            < 0.60 => $$"""{"serviceId":"{{Guid.NewGuid()}}","customerRef":"{{new string('x', 5000)}}","formData":{"a":"{{HostileMarker}}"},"reason":12}""",
            < 0.75 => "{\"reason\":" + string.Concat(Enumerable.Repeat("[", 300)) + "]}",
            < 0.90 => "\u0000\u0001\u00ff" + HostileMarker,
            _ => $$$"""{"serviceId":"{{{DemoNetwork.Templates[0].ServiceId}}}","customerRef":"K-99999","formData":{"anzahlFahrzeuge":"{{{HostileMarker}}}"}}""",
        };
    }

    // ---- shared steps ----------------------------------------------------------------------------------------------

    /// <summary>GET the order (its ETag, files and permitted actions).</summary>
    private async Task<(Reply? Detail, IReadOnlyList<string> Actions)> ReadOrderAsync(Session session, TrackedOrder order)
    {
        var isOperator = session.User!.Role == SimRole.Operator;
        var reply = await api.SendAsync(session, EndpointKind.Read, "order", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Api.Prefix + $"orders/{order.Id}");
            if (isOperator)
            {
                request.Headers.TryAddWithoutValidation(Api.PurposeHeader, "Pr%C3%BCfung%20unter%20Last");
            }

            return request;
        });
        if (reply.Status != 200)
        {
            return (null, []);
        }

        var json = reply.Json();
        if (json.TryGetProperty("placedAt", out var placedAt) && placedAt.ValueKind != JsonValueKind.Null)
        {
            order.Placed = true;
        }

        foreach (var entry in json.GetProperty("documentation").EnumerateArray())
        {
            foreach (var attachment in entry.GetProperty("attachments").EnumerateArray())
            {
                var id = attachment.GetProperty("id").GetGuid();
                if (!order.Files.Contains(id))
                {
                    order.Files.Add(id);
                }
            }
        }

        var actions = json.GetProperty("permittedActions").EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : a.ToString()).ToList();
        if (session.User.Role == SimRole.Expert)
        {
            order.LastActions = actions;
        }

        return (reply, actions);
    }

    private Task<Reply> CommandAsync(Session session, TrackedOrder order, string trigger, string? etag)
    {
        var ifMatch = etag is not null && Roll() < 0.6 ? new[] { ("If-Match", etag) } : [];
        var path = $"orders/{order.Id}/";
        var text = $"Schritt {Roll():F3}";
        return trigger switch
        {
            "Place" => Send("place", "place", null),
            "Withdraw" => Send("withdraw", "withdraw", $$"""{"reason":"Kunde hat abgesagt ({{text}})."}"""),
            "Accept" => Send("accept", "accept", null),
            "Decline" => Send("decline", "decline", """{"reason":"Keine Kapazität in diesem Monat."}"""),
            "SetProgressStep" => Send("progress", "progress", $$"""{"step":"{{Pick(order.Template.Steps)}}"}"""),
            "RequestInformation" => Send("information-requests", "information-requests", """{"question":"Bitte senden Sie die Unterlagen."}"""),
            "ProvideInformation" => Send("information", "information", """{"answer":"Die Unterlagen liegen bei."}"""),
            "Complete" => Send("complete", "complete", null),
            "Cancel" => Send("cancel", "cancel", """{"reason":"Auftrag wird nicht mehr benötigt."}"""),
            "OpenDispute" => Send("disputes", "disputes", """{"reason":"Das Ergebnis entspricht nicht der Beschreibung."}"""),
            "ResolveDisputeResume" => Send("resolution", "disputes/resolution", """{"resolution":"Resume","note":"Weiterarbeiten."}"""),
            "ResolveDisputeComplete" => Send("resolution", "disputes/resolution", """{"resolution":"Complete","note":"Gilt als geliefert."}"""),
            "ResolveDisputeCancel" => Send("resolution", "disputes/resolution", """{"resolution":"Cancel","note":"Wird storniert."}"""),
            "SaveDraft" => api.SendAsync(session, EndpointKind.Command, "draft", () => Json(HttpMethod.Put, path + "draft", $$"""{"formData":{{order.Template.FormJson}}}""", ifMatch)),
            "AddDocumentation" => api.SendAsync(session, EndpointKind.Upload, "documentation", () => WithHeaders(new HttpRequestMessage(HttpMethod.Post, Api.Prefix + path + "documentation")
            {
                Content = DocumentationForm("Zwischenstand dokumentiert.", Pdf, "application/pdf"),
            }, [.. ifMatch, ("Idempotency-Key", Guid.NewGuid().ToString())])),
            _ => Task.FromResult(new Reply(0, string.Empty, null, 0, false)),
        };

        Task<Reply> Send(string label, string command, string? body) =>
            api.SendAsync(session, EndpointKind.Command, label, () => Json(HttpMethod.Post, path + command, body, ifMatch));
    }

    public static HttpRequestMessage Json(HttpMethod method, string path, string? body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, Api.Prefix + path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return WithHeaders(request, headers);
    }

    private static HttpRequestMessage WithHeaders(HttpRequestMessage request, (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public static byte[] Pdf { get; } = Encoding.ASCII.GetBytes("%PDF-1.4\n% Lasttest\n%%EOF\n");

    private static MultipartFormDataContent DocumentationForm(string text, byte[] file, string contentType) =>
        new()
        {
            { new StringContent(text), "text" },
            { new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } }, "attachments", "Zwischenstand.pdf" },
        };

    private string? Weighted(IReadOnlyList<string> permitted, IReadOnlyDictionary<string, double> weights)
    {
        var candidates = permitted.Where(weights.ContainsKey).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var total = candidates.Sum(c => weights[c]);
        var roll = Roll() * total;
        foreach (var candidate in candidates)
        {
            roll -= weights[candidate];
            if (roll <= 0)
            {
                return candidate;
            }
        }

        return candidates[^1];
    }

    private double Roll()
    {
        lock (random)
        {
            return random.NextDouble();
        }
    }

    private T Pick<T>(IReadOnlyList<T> items)
    {
        lock (random)
        {
            return items[random.Next(items.Count)];
        }
    }

    /// <summary>A consent link (not a withdrawal link) in a mail's text.</summary>
    public static Regex ConsentLinkPattern => ConsentLink();

    [GeneratedRegex(@"https?://[^\s""'<>]+/consent/(?!withdraw/)[A-Za-z0-9_\-]+")]
    private static partial Regex ConsentLink();

    [GeneratedRegex("<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
