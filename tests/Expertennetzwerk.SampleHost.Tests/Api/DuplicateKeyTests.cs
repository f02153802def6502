using System.Net;
using Expertennetzwerk.SampleHost.Tests.Api.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api;

/// <summary>
/// A JSON body naming a field twice is refused (400 <c>duplicate_key</c> at <c>body</c>) before anything is bound or done;
/// before, the serializer kept the last value and the request succeeded (found by the fuzz pass).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DuplicateKeyTests(ApiHosts hosts)
{
    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_body_with_a_name_twice_at_any_depth_is_400_and_changes_nothing(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var broker = host.Client(ApiActors.OwningBroker);

        using var preference = await broker.SendAsync(HttpMethod.Put, host.Path("notification-preferences/OrderCompleted"),
            """{"delivery":"DailyDigest","delivery":"Immediate"}""");
        var problem = await preference.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("codes").GetProperty("body")[0].GetString().Should().Be("duplicate_key");
        using var preferences = await broker.GetAsync(host.Path("notification-preferences"));
        (await preferences.JsonAsync()).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("kind").GetString() == "OrderCompleted").GetProperty("delivery").GetString().Should().Be("Immediate");

        var orderId = await host.OrderInStateAsync("Placed");
        using var withdraw = await broker.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/withdraw"),
            """{"reason":"Kunde hat abgesagt.","reason":"Anderer Grund."}""");
        (await withdraw.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("codes").GetProperty("body")[0].GetString().Should().Be("duplicate_key");
        using var order = await broker.GetAsync(host.Path($"orders/{orderId}"));
        (await order.JsonAsync()).GetProperty("state").GetString().Should().Be("Placed", "nothing was done");

        using var nested = await host.Client(ApiActors.AssignedExpert).SendAsync(HttpMethod.Post, host.Path("administration/services"),
            """{"categoryId":null,"version":{"title":"A","title":"B"}}""");
        (await nested.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("codes").GetProperty("body")[0].GetString().Should().Be("duplicate_key");

        using var fine = await broker.SendAsync(HttpMethod.Put, host.Path("notification-preferences/OrderCompleted"), """{"delivery":"Immediate"}""");
        fine.StatusCode.Should().Be(HttpStatusCode.OK, "one name once is fine");
    }
}
