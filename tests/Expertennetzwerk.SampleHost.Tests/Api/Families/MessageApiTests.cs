using System.Net;
using Expertennetzwerk.SampleHost.Tests.Api.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api.Families;

/// <summary>The digital-message endpoints' outcomes: sending with files, refused files, pages and cursors, read marks, the operator's purpose.</summary>
[Collection(ApiCollection.Name)]
public sealed class MessageApiTests(ApiHosts hosts)
{
    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_message_with_a_file_is_sent_once_per_idempotency_key_and_listed_with_a_link_to_the_file(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var orderId = await host.OrderInStateAsync("Placed");
        var broker = host.Client(ApiActors.OwningBroker);
        var key = ("Idempotency-Key", "msg-" + Guid.NewGuid().ToString("N"));

        using var first = await broker.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/messages"),
            FamilyCalls.Message("Anbei die Police.", ("police.pdf", "application/pdf", FamilyCalls.Pdf)), key);
        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var sent = await first.JsonAsync();

        using var again = await broker.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/messages"),
            FamilyCalls.Message("Anbei die Police.", ("police.pdf", "application/pdf", FamilyCalls.Pdf)), key);
        again.StatusCode.Should().Be(HttpStatusCode.Created);
        (await again.JsonAsync()).GetProperty("messageId").GetGuid().Should().Be(sent.GetProperty("messageId").GetGuid(), "the same key and body answer the first response");

        using var other = await broker.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/messages"), FamilyCalls.Message("Ein anderer Text."), key);
        await other.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");

        using var thread = await host.Client(ApiActors.AssignedExpert).GetAsync(host.Path($"orders/{orderId}/messages"));
        thread.StatusCode.Should().Be(HttpStatusCode.OK);
        var items = (await thread.JsonAsync()).GetProperty("items").EnumerateArray().Where(i => i.GetProperty("kind").GetString() == "Thread").ToList();
        items.Should().ContainSingle("the retry created nothing new");
        items[0].GetProperty("text").GetString().Should().Be("Anbei die Police.");
        var attachment = items[0].GetProperty("attachments").EnumerateArray().Single();
        attachment.GetProperty("fileName").GetString().Should().Be("police.pdf");
        attachment.GetProperty("href").GetString().Should().Be($"{host.Prefix}/orders/{orderId}/files/{attachment.GetProperty("id").GetGuid()}");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task A_refused_file_an_empty_text_and_a_body_that_is_no_form_are_answered_with_what_is_wrong(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var orderId = await host.OrderInStateAsync("Placed");
        var broker = host.Client(ApiActors.OwningBroker);

        using var refusedType = await broker.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/messages"),
            FamilyCalls.Message("Anbei.", ("tool.exe", "application/x-msdownload", [0x4d, 0x5a])));
        var problem = await refusedType.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("codes").GetProperty("attachments[0]").EnumerateArray().Select(c => c.GetString()).Should().Contain("file_type_refused");

        using var empty = await broker.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/messages"), FamilyCalls.Message("   "));
        (await empty.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("codes").GetProperty("text")[0].GetString().Should().Be("required");

        using var json = await broker.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/messages"), """{"text":"Hallo"}""");
        await json.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var draft = await host.OrderInStateAsync("Draft");
        using var notOpen = await broker.SendAsync(HttpMethod.Post, host.Path($"orders/{draft}/messages"), FamilyCalls.Message("Hallo"));
        await notOpen.ShouldBeProblemAsync(HttpStatusCode.Conflict, "message.thread_not_open");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_thread_pages_with_a_cursor_and_refuses_a_bad_cursor_or_page_size(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var orderId = await host.OrderInStateAsync("Placed");
        foreach (var text in new[] { "Eins", "Zwei", "Drei" })
        {
            await host.SendMessageAsync(ApiActors.OwningBroker, orderId, text);
        }

        var broker = host.Client(ApiActors.OwningBroker);
        using var first = await broker.GetAsync(host.Path($"orders/{orderId}/messages?pageSize=2"));
        var page = await first.JsonAsync();
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()).Should().Equal("Drei", "Zwei");
        var cursor = page.GetProperty("nextCursor").GetString();
        cursor.Should().NotBeNullOrEmpty();

        using var second = await broker.GetAsync(host.Path($"orders/{orderId}/messages?pageSize=2&cursor={Uri.EscapeDataString(cursor!)}"));
        (await second.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()).Should().StartWith("Eins");

        using var badCursor = await broker.GetAsync(host.Path($"orders/{orderId}/messages?cursor=bm90LWEtY3Vyc29y"));
        (await badCursor.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("codes").TryGetProperty("cursor", out _).Should().BeTrue();

        using var badSize = await broker.GetAsync(host.Path($"orders/{orderId}/messages?pageSize=0"));
        (await badSize.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("codes").GetProperty("pageSize")[0].GetString().Should().Be("out_of_range");

        using var notANumber = await broker.GetAsync(host.Path($"orders/{orderId}/messages?pageSize=zwei"));
        await notANumber.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Read_marks_empty_the_unread_counts_and_the_unread_inbox_of_the_order(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var orderId = await host.OrderInStateAsync("Placed");
        await host.SendMessageAsync(ApiActors.OwningBroker, orderId, "Erste Frage");
        await host.SendMessageAsync(ApiActors.OwningBroker, orderId, "Zweite Frage");
        var expert = host.Client(ApiActors.AssignedExpert);

        using var counts = await expert.GetAsync(host.Path("messages/unread-counts"));
        var byOrder = (await counts.JsonAsync()).GetProperty("byOrder").EnumerateArray().Single(o => o.GetProperty("orderId").GetGuid() == orderId);
        byOrder.GetProperty("unread").GetInt32().Should().Be(3, "the two messages and the network's notice of the new order");

        using var inbox = await expert.GetAsync(host.Path("messages/inbox?unreadOnly=true&pageSize=100"));
        (await inbox.JsonAsync()).GetProperty("items").EnumerateArray().Count(i => i.GetProperty("orderId").GetGuid() == orderId).Should().Be(3);

        using var marked = await expert.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/messages/read"), new { });
        marked.StatusCode.Should().Be(HttpStatusCode.OK, await marked.Content.ReadAsStringAsync());
        (await marked.JsonAsync()).GetProperty("unread").GetInt32().Should().Be(0);

        using var after = await expert.GetAsync(host.Path("messages/unread-counts"));
        (await after.JsonAsync()).GetProperty("byOrder").EnumerateArray().Should().NotContain(o => o.GetProperty("orderId").GetGuid() == orderId);
        using var unreadInbox = await expert.GetAsync(host.Path("messages/inbox?unreadOnly=true&pageSize=100"));
        (await unreadInbox.JsonAsync()).GetProperty("items").EnumerateArray().Should().NotContain(i => i.GetProperty("orderId").GetGuid() == orderId);

        using var unknownMessage = await expert.SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/messages/read"), new { upToMessageId = Guid.NewGuid() });
        ((int)unknownMessage.StatusCode).Should().BeInRange(400, 499);
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_operator_reads_a_thread_only_with_a_purpose_and_the_read_is_recorded(ApiDatabase database)
    {
        var host = await hosts.For(database);
        var orderId = await host.OrderInStateAsync("Placed");
        await host.SendMessageAsync(ApiActors.OwningBroker, orderId, "Frage zum Auftrag");

        using var without = await host.Client(ApiActor.OperatorWithoutPurpose).GetAsync(host.Path($"orders/{orderId}/messages"));
        await without.ShouldBeProblemAsync(HttpStatusCode.Conflict, "message.purpose_required");

        using var with = await host.Client(ApiActor.OperatorWithPurpose).GetAsync(host.Path($"orders/{orderId}/messages"));
        with.StatusCode.Should().Be(HttpStatusCode.OK);
        (await with.JsonAsync()).GetProperty("items").EnumerateArray().Should().Contain(i => i.GetProperty("text").GetString() == "Frage zum Auftrag");

        using var detail = await host.Client(ApiActor.OperatorWithPurpose).GetAsync(host.Path($"orders/{orderId}"));
        var history = (await detail.JsonAsync()).GetProperty("history").EnumerateArray().ToList();
        history.Should().Contain(h => h.GetProperty("event").GetString() == "OperatorMessageAccess" && h.GetProperty("text").GetString() == "Prüfung einer Beschwerde");
    }
}
