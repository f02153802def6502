using System.Net;
using Expertennetzwerk.SampleHost.Tests.Api.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api;

/// <summary><c>Idempotency-Key</c> on creating requests: a retry answers the first response and creates nothing; another body under the key is 422.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(ApiHosts hosts)
{
    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_same_key_and_body_answer_the_first_response_and_create_one_order(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var client = host.Client(ApiActor.OwningBroker);
        var key = ("Idempotency-Key", "create-" + Guid.NewGuid());
        var body = $$"""{"serviceId":"{{ApiActors.Service}}","customerRef":"{{ApiActors.CustomerRef}}","formData":{{ApiActors.FleetFormData}}}""";
        var before = await CountDraftsAsync(host);

        using var first = await client.SendAsync(HttpMethod.Post, host.Path("orders"), body, key);
        using var retry = await client.SendAsync(HttpMethod.Post, host.Path("orders"), body, key);

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        retry.Headers.Location.Should().Be(first.Headers.Location);
        retry.ETag().Should().Be(first.ETag());
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await CountDraftsAsync(host)).Should().Be(before + 1, "the retry created nothing");

        // The key is the broker's own: another actor's same key is another request.
        using var otherActor = await host.Client(Module.Common.Actor.Broker(
            Demo.DemoIds.Network, Demo.DemoIds.BrokerMueller, Demo.DemoIds.UserMueller)).SendAsync(HttpMethod.Post, host.Path("orders"), body, key);
        otherActor.StatusCode.Should().Be(HttpStatusCode.Created, "the same actor again: replayed");
        otherActor.Headers.Location.Should().Be(first.Headers.Location);
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_same_key_with_another_body_is_422_and_creates_nothing(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var client = host.Client(ApiActor.OwningBroker);
        var key = ("Idempotency-Key", "create-" + Guid.NewGuid());
        using var first = await client.SendAsync(HttpMethod.Post, host.Path("orders"),
            $$"""{"serviceId":"{{ApiActors.Service}}","customerRef":"{{ApiActors.CustomerRef}}","formData":{{ApiActors.FleetFormData}}}""", key);
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var before = await CountDraftsAsync(host);

        using var other = await client.SendAsync(HttpMethod.Post, host.Path("orders"),
            $$"""{"serviceId":"{{ApiActors.Service}}","customerRef":"{{ApiActors.CustomerRef}}","formData":{{ApiActors.FleetFormData.Replace("7", "8", StringComparison.Ordinal)}}}""", key);

        await other.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
        (await CountDraftsAsync(host)).Should().Be(before);
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_failed_first_request_keeps_nothing_so_the_corrected_retry_runs(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var client = host.Client(ApiActor.OwningBroker);
        var key = ("Idempotency-Key", "create-" + Guid.NewGuid());
        var body = $$"""{"serviceId":"{{ApiActors.Service}}","customerRef":"{{ApiActors.CustomerRef}}","formData":{{ApiActors.FleetFormData}}}""";

        using var invalid = await client.SendAsync(HttpMethod.Post, host.Path("orders"), """{"serviceId":null}""", key);
        await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using var invalidAgain = await client.SendAsync(HttpMethod.Post, host.Path("orders"), """{"serviceId":null}""", key);
        await invalidAgain.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        // A failure is not kept, so the key is free again: even with another body.
        using var corrected = await client.SendAsync(HttpMethod.Post, host.Path("orders"), body, key);
        corrected.StatusCode.Should().Be(HttpStatusCode.Created, await corrected.Content.ReadAsStringAsync());

        using var badKey = await client.SendAsync(HttpMethod.Post, host.Path("orders"), body, ("Idempotency-Key", new string('k', 201)));
        await badKey.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "idempotency.key_invalid");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_second_host_instance_on_the_same_database_replays_the_first_ones_response(ApiDatabase database)
    {
        var host = await hosts.For(database);
        await using var second = await host.SecondInstanceAsync();
        var key = ("Idempotency-Key", "create-" + Guid.NewGuid());
        var body = $$"""{"serviceId":"{{ApiActors.Service}}","customerRef":"{{ApiActors.CustomerRef}}","formData":{{ApiActors.FleetFormData}}}""";

        using var first = await host.Client(ApiActor.OwningBroker).SendAsync(HttpMethod.Post, host.Path("orders"), body, key);
        using var retry = await second.Client(ApiActor.OwningBroker).SendAsync(HttpMethod.Post, second.Path("orders"), body, key);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.Location.Should().Be(first.Headers.Location);
        retry.Headers.Contains("Idempotent-Replayed").Should().BeTrue();
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_rebuilt_multipart_retry_with_another_boundary_is_the_same_request(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var orderId = await host.OrderInStateAsync("InProgress");
        var expert = host.Client(ApiActor.AssignedExpert);
        var key = ("Idempotency-Key", "doc-" + Guid.NewGuid());

        using var first = await expert.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/documentation"), ApiCalls.DocumentationForm(), key);
        using var retry = await expert.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/documentation"), ApiCalls.DocumentationForm(), key);
        using var other = await expert.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/documentation"), ApiCalls.DocumentationForm(text: "Etwas anderes."), key);

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.Contains("Idempotent-Replayed").Should().BeTrue("the files and fields are the same, only the boundary differs");
        await other.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
        using var order = await expert.GetAsync(host.Path($"orders/{orderId}"));
        (await order.JsonAsync()).GetProperty("documentation").GetArrayLength().Should().Be(1);
    }

    private static async Task<long> CountDraftsAsync(ApiHost host)
    {
        using var response = await host.Client(ApiActor.OwningBroker).GetAsync(host.Path("orders?state=Draft&pageSize=1"));
        var page = await response.JsonAsync();
        return page.GetProperty("countsByState").GetProperty("Draft").GetInt64();
    }
}
