using System.Net;
using Expertennetzwerk.SampleHost.Tests.Api.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api.Families;

/// <summary>The notification-preference endpoints' outcomes.</summary>
[Collection(ApiCollection.Name)]
public sealed class NotificationPreferenceApiTests(ApiHosts hosts)
{
    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_user_sets_the_digest_for_one_kind_and_reads_it_back_while_other_users_keep_theirs(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var expert = host.Client(ApiActors.OtherExpert);

        using var set = await expert.SendAsync(HttpMethod.Put, host.Path("notification-preferences/MessageReceived"), new { delivery = "DailyDigest" });
        set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        Delivery(await set.JsonAsync(), "MessageReceived").Should().Be("DailyDigest");

        using var read = await expert.GetAsync(host.Path("notification-preferences"));
        var list = await read.JsonAsync();
        Delivery(list, "MessageReceived").Should().Be("DailyDigest");
        Delivery(list, "OrderPlaced").Should().Be("Immediate");

        using var other = await host.Client(ApiActors.AssignedExpert).GetAsync(host.Path("notification-preferences"));
        Delivery(await other.JsonAsync(), "MessageReceived").Should().Be("Immediate", "preferences are per user");

        using var back = await expert.SendAsync(HttpMethod.Put, host.Path("notification-preferences/messagereceived"), new { delivery = "Immediate" });
        Delivery(await back.JsonAsync(), "MessageReceived").Should().Be("Immediate", "the kind's name is matched without regard to case");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task An_unknown_kind_a_missing_or_unknown_delivery_are_400(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var broker = host.Client(ApiActors.OwningBroker);

        foreach (var kind in new[] { "Weekly", "1", "-1", "OrderPlaced,DeadLetter" })
        {
            using var unknown = await broker.SendAsync(HttpMethod.Put, host.Path($"notification-preferences/{Uri.EscapeDataString(kind)}"), new { delivery = "Immediate" });
            (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("codes").GetProperty("kind")[0].GetString().Should().Be("unknown", kind);
        }

        using var missing = await broker.SendAsync(HttpMethod.Put, host.Path("notification-preferences/OrderPlaced"), new { });
        (await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("codes").GetProperty("delivery")[0].GetString().Should().Be("required");

        using var wrong = await broker.SendAsync(HttpMethod.Put, host.Path("notification-preferences/OrderPlaced"), """{"delivery":"Weekly"}""");
        await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    private static string? Delivery(System.Text.Json.JsonElement list, string kind) =>
        list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == kind).GetProperty("delivery").GetString();
}
