using System.Net;
using Expertennetzwerk.SampleHost.Tests.Api.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api.Families;

/// <summary>The dead-letter endpoints' outcomes: keyset pages, a bad cursor, re-queueing, unknown rows (a re-queued row of the test's event type is dead-lettered again by the dispatcher at once, so a second re-queue's answer would race it).</summary>
[Collection(ApiCollection.Name)]
public sealed class DeadLetterApiTests(ApiHosts hosts)
{
    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_operator_pages_through_dead_letters_newest_first_and_requeues_one(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var older = await host.DeadLetterAsync();
        var newer = await host.DeadLetterAsync();
        var operatorClient = host.Client(ApiActor.OperatorWithoutPurpose);

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            using var page = await operatorClient.GetAsync(host.Path("dead-letters?pageSize=1" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor))));
            page.StatusCode.Should().Be(HttpStatusCode.OK, await page.Content.ReadAsStringAsync());
            var json = await page.JsonAsync();
            json.GetProperty("items").GetArrayLength().Should().BeLessThanOrEqualTo(1);
            seen.AddRange(json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = json.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && seen.Count < 1000);

        seen.Should().OnlyHaveUniqueItems().And.Contain([newer, older]);
        seen.IndexOf(newer).Should().BeLessThan(seen.IndexOf(older), "newest first");

        using var badCursor = await operatorClient.GetAsync(host.Path("dead-letters?cursor=AAAA"));
        (await badCursor.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("codes").TryGetProperty("cursor", out _).Should().BeTrue();

        using var requeued = await operatorClient.SendAsync(HttpMethod.Post, host.Path($"dead-letters/{older}/requeue"));
        requeued.StatusCode.Should().Be(HttpStatusCode.NoContent, await requeued.Content.ReadAsStringAsync());

        using var unknown = await operatorClient.SendAsync(HttpMethod.Post, host.Path($"dead-letters/{Guid.NewGuid()}/requeue"));
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
