using System.Net;
using System.Text;
using Expertennetzwerk.SampleHost.Tests.Api.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api;

/// <summary>Uploads the module refuses (400 with the field) and the order list's filters, cursor and counts over HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class UploadAndListTests(ApiHosts hosts)
{
    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task An_attachment_of_a_refused_type_or_over_the_size_limit_is_400_with_the_field(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var orderId = await host.OrderInStateAsync("InProgress");
        var expert = host.Client(ApiActor.AssignedExpert);

        using var script = await expert.PostAsync(host.Path($"orders/{orderId}/documentation"),
            ApiCalls.DocumentationForm(contentType: "text/html", file: Encoding.UTF8.GetBytes("<script>alert(1)</script>")));
        var refused = await script.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        refused.GetProperty("codes").EnumerateObject().Should().ContainSingle(f => f.Name.StartsWith("attachments", StringComparison.Ordinal))
            .Which.Value.EnumerateArray().Select(c => c.GetString()).Should().Contain("file_type_refused");

        var tooLarge = new byte[(10 * 1024 * 1024) + 1];
        using var large = await expert.PostAsync(host.Path($"orders/{orderId}/documentation"), ApiCalls.DocumentationForm(file: tooLarge));
        var oversized = await large.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        oversized.GetProperty("codes").EnumerateObject().Should().ContainSingle(f => f.Name.StartsWith("attachments", StringComparison.Ordinal))
            .Which.Value.EnumerateArray().Select(c => c.GetString()).Should().Contain("file_too_large");

        using var json = await expert.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/documentation"), new { text = "ohne Formular" });
        await json.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

        using var order = await expert.GetAsync(host.Path($"orders/{orderId}"));
        (await order.JsonAsync()).GetProperty("documentation").GetArrayLength().Should().Be(0, "nothing of a refused upload is kept");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_list_filters_by_state_pages_with_a_cursor_and_counts_per_state(ApiDatabase database)
    {
        var host = await hosts.For(database);
        for (var i = 0; i < 3; i++)
        {
            await host.OrderInStateAsync("Placed");
        }

        var broker = host.Client(ApiActor.OwningBroker);
        var seen = new List<Guid>();
        string? cursor = null;
        long placedCount = 0;
        do
        {
            var query = "orders?state=Placed&pageSize=2" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            using var response = await broker.GetAsync(host.Path(query));
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var page = await response.JsonAsync();
            var items = page.GetProperty("items").EnumerateArray().ToList();
            items.Should().HaveCountLessThanOrEqualTo(2);
            items.Should().OnlyContain(i => i.GetProperty("state").GetString() == "Placed");
            seen.AddRange(items.Select(i => i.GetProperty("id").GetGuid()));
            placedCount = page.GetProperty("countsByState").GetProperty("Placed").GetInt64();
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        seen.Should().OnlyHaveUniqueItems().And.HaveCount((int)placedCount, "the cursor walks every placed order once");
        seen.Count.Should().BeGreaterThanOrEqualTo(3);

        using var badCursor = await broker.GetAsync(host.Path("orders?cursor=not-a-cursor"));
        await badCursor.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        using var badState = await broker.GetAsync(host.Path("orders?state=Nonsense"));
        await badState.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}
