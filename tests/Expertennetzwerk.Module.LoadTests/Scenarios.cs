using System.Text.Json;

namespace Expertennetzwerk.Module.LoadTests;

/// <summary>Figures of the two dedicated race scenarios.</summary>
public sealed record RaceFigures(int Pairs, int OneWinner, int BothWon, int NoneWon, int HistoryMismatches, int LoserStatus4xx, int ReplaysAnswered2xx, int LinksFromMail);

/// <summary>
/// The dedicated scenarios: conflicting commands on one order sent at the same moment to two instances (no lost
/// update), and two decisions on one consent link at once (exactly one wins; the used link never works again).
/// </summary>
public sealed class Scenarios(Api api, FlakySmtpServer smtp)
{
    public async Task<RaceFigures> LostUpdatesAsync(int pairs)
    {
        using var broker = new Session(DemoNetwork.Mueller, api.Hosts);
        using var expert = new Session(DemoNetwork.Krause, api.Hosts);
        int one = 0, both = 0, none = 0, mismatches = 0, loser4xx = 0;
        for (var i = 0; i < pairs; i++)
        {
            var order = await PlacedOrderAsync(broker);
            if (order is null)
            {
                none++;
                continue;
            }

            var (id, etag) = order.Value;
            var a = api.Hosts.Count > 1 ? i % 2 : 0;
            var b = api.Hosts.Count > 1 ? 1 - a : 0;
            Task<Reply> first, second;
            string firstEvent, secondEvent;
            if (i % 2 == 0)
            {
                // The same version twice: accept against decline, both with If-Match.
                first = api.SendAsync(expert, EndpointKind.Command, "race-accept", () => Simulation.Json(HttpMethod.Post, $"orders/{id}/accept", null, ("If-Match", etag)), instance: a);
                second = api.SendAsync(expert, EndpointKind.Command, "race-decline", () => Simulation.Json(HttpMethod.Post, $"orders/{id}/decline", """{"reason":"Keine Kapazität."}""", ("If-Match", etag)), instance: b);
                (firstEvent, secondEvent) = ("Accept", "Decline");
            }
            else
            {
                // Without If-Match: the broker withdraws while the expert accepts.
                first = api.SendAsync(expert, EndpointKind.Command, "race-accept", () => Simulation.Json(HttpMethod.Post, $"orders/{id}/accept", null), instance: a);
                second = api.SendAsync(broker, EndpointKind.Command, "race-withdraw", () => Simulation.Json(HttpMethod.Post, $"orders/{id}/withdraw", """{"reason":"Doch nicht."}"""), instance: b);
                (firstEvent, secondEvent) = ("Accept", "Withdraw");
            }

            var replies = await Task.WhenAll(first, second);
            var winners = replies.Count(r => r.Status == 200);
            switch (winners)
            {
                case 1: one++; break;
                case 2: both++; break;
                default: none++; break;
            }

            loser4xx += replies.Count(r => r.Status is 409 or 412 or 422 or 400);
            var history = await api.SendAsync(broker, EndpointKind.Read, "race-order", () => new HttpRequestMessage(HttpMethod.Get, Api.Prefix + $"orders/{id}"));
            if (history.Status == 200)
            {
                var events = history.Json().GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString()).ToList();
                var expected = replies[0].Status == 200 ? firstEvent : secondEvent;
                var other = expected == firstEvent ? secondEvent : firstEvent;
                if (winners != 1 || events.Count(e => e == expected) != 1 || events.Contains(other))
                {
                    mismatches++;
                }
            }
            else
            {
                mismatches++;
            }
        }

        return new RaceFigures(pairs, one, both, none, mismatches, loser4xx, 0, 0);
    }

    public async Task<RaceFigures> ConsentRacesAsync(int links)
    {
        using var broker = new Session(DemoNetwork.Mueller, api.Hosts);
        int one = 0, both = 0, none = 0, mismatches = 0, loser4xx = 0, replays2xx = 0, fromMail = 0;
        for (var i = 0; i < links; i++)
        {
            var created = await api.SendAsync(broker, EndpointKind.Command, "race-create", () => Simulation.Json(HttpMethod.Post, "orders",
                $$"""{"serviceId":"{{DemoNetwork.Templates[1].ServiceId}}","customerRef":"K-10004","formData":{{DemoNetwork.Templates[1].FormJson}}}"""));
            if (created.Status != 201)
            {
                none++;
                continue;
            }

            var id = created.Json().GetProperty("id").GetGuid();
            var requested = await api.SendAsync(broker, EndpointKind.Command, "race-consent", () => Simulation.Json(HttpMethod.Post, $"orders/{id}/consents", """{"dataSubject":"Customer"}"""));
            if (requested.Status != 201)
            {
                none++;
                continue;
            }

            var apiLink = requested.Json().GetProperty("consentUrl").GetString()!;
            var link = await MailedLinkAsync(apiLink);
            if (link is not null)
            {
                fromMail++;
            }

            link ??= apiLink;
            using var left = new Session(null, api.Hosts);
            using var right = new Session(null, api.Hosts);
            var a = api.Hosts.Count > 1 ? i % 2 : 0;
            var b = api.Hosts.Count > 1 ? 1 - a : 0;

            // Both pages open before either decides; then both post at the same moment.
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var ready = 0;
            Task Barrier()
            {
                if (Interlocked.Increment(ref ready) == 2)
                {
                    gate.TrySetResult();
                }

                return gate.Task.WaitAsync(TimeSpan.FromSeconds(20));
            }

            var replies = await Task.WhenAll(
                Simulation.DecideOnAsync(api, left, link, "agree", a, hostile: false, Barrier),
                Simulation.DecideOnAsync(api, right, link, "decline", b, hostile: false, Barrier));
            var winners = replies.Count(r => r?.Status == 200);
            switch (winners)
            {
                case 1: one++; break;
                case 2: both++; break;
                default: none++; break;
            }

            loser4xx += replies.Count(r => r is { Status: >= 400 and < 500 });

            using var replay = new Session(null, api.Hosts);
            var again = await Simulation.DecideOnAsync(api, replay, link, "agree", api.Pick(), hostile: true);
            if (again is null || again.Ok)
            {
                replays2xx++;
            }

            var consents = await api.SendAsync(broker, EndpointKind.Read, "race-consents", () => new HttpRequestMessage(HttpMethod.Get, Api.Prefix + $"orders/{id}/consents"));
            var decided = consents.Status == 200
                ? consents.Json().GetProperty("items").EnumerateArray().Count(c => c.GetProperty("decidedAt").ValueKind != JsonValueKind.Null)
                : -1;
            if (decided != 1)
            {
                mismatches++;
            }
        }

        return new RaceFigures(links, one, both, none, mismatches, loser4xx, replays2xx, fromMail);
    }

    private async Task<(Guid Id, string ETag)?> PlacedOrderAsync(Session broker)
    {
        var created = await api.SendAsync(broker, EndpointKind.Command, "race-create", () => Simulation.Json(HttpMethod.Post, "orders",
            $$"""{"serviceId":"{{DemoNetwork.Templates[0].ServiceId}}","customerRef":"K-10002","formData":{{DemoNetwork.Templates[0].FormJson}}}"""));
        if (created.Status != 201)
        {
            return null;
        }

        var id = created.Json().GetProperty("id").GetGuid();
        var placed = await api.SendAsync(broker, EndpointKind.Command, "race-place", () => Simulation.Json(HttpMethod.Post, $"orders/{id}/place", null));
        return placed.Status == 200 && placed.ETag is { } etag ? (id, etag) : null;
    }

    /// <summary>The link as it arrived in the data subject's mail (null when no mail came within 30 s).</summary>
    private async Task<string?> MailedLinkAsync(string apiLink)
    {
        var token = apiLink[(apiLink.LastIndexOf('/') + 1)..];
        for (var i = 0; i < 120; i++)
        {
            var mailed = smtp.Accepted
                .SelectMany(m => Simulation.ConsentLinkPattern.Matches(m.Text).Select(match => match.Value))
                .FirstOrDefault(link => link.EndsWith("/" + token, StringComparison.Ordinal));
            if (mailed is not null)
            {
                return mailed;
            }

            await Task.Delay(250);
        }

        return null;
    }
}
