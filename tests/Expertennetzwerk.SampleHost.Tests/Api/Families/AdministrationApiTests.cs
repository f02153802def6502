using System.Net;
using System.Text.Json;
using Expertennetzwerk.SampleHost.Tests.Api.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api.Families;

/// <summary>Service administration's outcomes: the review round trip, field errors, refusals of the wrong state.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdministrationApiTests(ApiHosts hosts)
{
    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task An_expert_saves_and_submits_a_version_the_operator_finds_in_the_queue_and_publishes(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var (serviceId, _) = await host.CreateServiceAsync();
        var expert = host.Client(ApiActors.AssignedExpert);
        var operatorClient = host.Client(ApiActor.OperatorWithoutPurpose);

        using var saved = await expert.SendAsync(HttpMethod.Post, host.Path($"administration/services/{serviceId}/versions"), FamilyCalls.VersionBody("Gewerbe-Check kompakt"));
        saved.StatusCode.Should().Be(HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
        saved.Headers.Location!.ToString().Should().Be($"{host.Prefix}/administration/services/{serviceId}");
        var version = await saved.JsonAsync();
        version.GetProperty("versionNumber").GetInt32().Should().Be(2);
        var versionId = version.GetProperty("versionId").GetGuid();

        using var submitted = await expert.SendAsync(HttpMethod.Post, host.Path($"administration/service-versions/{versionId}/submit"));
        (await submitted.JsonAsync()).GetProperty("status").GetString().Should().Be("PendingApproval");

        using var queue = await operatorClient.GetAsync(host.Path("administration/reviews"));
        (await queue.JsonAsync()).GetProperty("items").EnumerateArray().Should().Contain(s => s.GetProperty("serviceId").GetGuid() == serviceId);

        using var detail = await operatorClient.GetAsync(host.Path($"administration/service-versions/{versionId}"));
        var content = (await detail.JsonAsync()).GetProperty("content");
        content.GetProperty("title").GetString().Should().Be("Gewerbe-Check kompakt");
        content.GetProperty("formDefinition").ValueKind.Should().Be(JsonValueKind.Object, "JSON travels as JSON, not as a string");
        content.GetProperty("progressSteps").GetArrayLength().Should().Be(2);

        using var approved = await operatorClient.SendAsync(HttpMethod.Post, host.Path($"administration/service-versions/{versionId}/approve"));
        approved.StatusCode.Should().Be(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        (await approved.JsonAsync()).GetProperty("status").GetString().Should().Be("Published");

        using var service = await expert.GetAsync(host.Path($"administration/services/{serviceId}"));
        (await service.JsonAsync()).GetProperty("publishedVersionId").GetGuid().Should().Be(versionId);

        using var again = await operatorClient.SendAsync(HttpMethod.Post, host.Path($"administration/service-versions/{versionId}/reject"), new { reason = "Zu spät." });
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.version_not_pending");

        using var resubmit = await expert.SendAsync(HttpMethod.Post, host.Path($"administration/service-versions/{versionId}/submit"));
        await resubmit.ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.version_not_draft");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Invalid_content_names_each_field_and_a_rejection_needs_a_reason(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var expert = host.Client(ApiActors.AssignedExpert);

        using var noCategory = await expert.SendAsync(HttpMethod.Post, host.Path("administration/services"), new { version = FamilyCalls.VersionBody() });
        (await noCategory.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("codes").GetProperty("categoryId")[0].GetString().Should().Be("required");

        using var invalid = await expert.SendAsync(HttpMethod.Post, host.Path("administration/services"),
            new { categoryId = Guid.NewGuid(), version = new { description = "ohne Titel", acceptWithinBusinessDays = 0, formDefinition = new[] { 1 } } });
        var codes = (await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("codes");
        codes.GetProperty("categoryId")[0].GetString().Should().Be("unknown");
        codes.GetProperty("title")[0].GetString().Should().Be("required");
        codes.GetProperty("acceptWithinBusinessDays")[0].GetString().Should().Be("out_of_range");
        codes.TryGetProperty("formDefinition", out _).Should().BeTrue(codes.ToString());

        var (_, versionId) = await host.SubmittedServiceAsync();
        using var noReason = await host.Client(ApiActor.OperatorWithoutPurpose).SendAsync(HttpMethod.Post, host.Path($"administration/service-versions/{versionId}/reject"), new { });
        (await noReason.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("codes").GetProperty("reason")[0].GetString().Should().Be("required");

        using var unknown = await host.Client(ApiActor.OperatorWithoutPurpose).SendAsync(HttpMethod.Post, host.Path($"administration/service-versions/{Guid.NewGuid()}/approve"));
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
