using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.Api.Support;

/// <summary>
/// Requests of the message, administration and dead-letter tests: multipart messages, a service brought into a review
/// state through the API, and a dead-lettered outbox row.
/// </summary>
public static class FamilyCalls
{
    /// <summary>The smallest PDF the module's allowed types accept.</summary>
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    /// <summary>
    /// A message as multipart: the text and any files (name, content type, bytes) in <c>attachments</c>. The boundary is
    /// fixed, so the same message is the same body (what a client retrying with <c>Idempotency-Key</c> must send).
    /// </summary>
    public static MultipartFormDataContent Message(string? text, params (string Name, string ContentType, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent("enw-test-boundary");
        if (text is not null)
        {
            form.Add(new StringContent(text, Encoding.UTF8), "text");
        }

        foreach (var (name, contentType, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(part, "attachments", name);
        }

        return form;
    }

    /// <summary>Sends a message on <paramref name="orderId"/> as <paramref name="actor"/> and asserts 201.</summary>
    public static async Task<Guid> SendMessageAsync(this ApiHost host, Actor actor, Guid orderId, string text)
    {
        using var response = await host.Client(actor).SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/messages"), Message(text));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return (await response.JsonAsync()).GetProperty("messageId").GetGuid();
    }

    /// <summary>The category of the fleet service (any category of the demo network serves).</summary>
    public static async Task<Guid> CategoryAsync(this ApiHost host)
    {
        using var response = await host.Client(ApiActors.OwningBroker).GetAsync(host.Path("catalog/services"));
        var json = await response.JsonAsync();
        return json.GetProperty("items").EnumerateArray().First(i => i.GetProperty("serviceId").GetGuid() == ApiActors.Service).GetProperty("categoryId").GetGuid();
    }

    /// <summary>A valid first version of a service.</summary>
    public static object VersionBody(string title = "Gewerbe-Check") => new
    {
        title,
        description = "Prüfung der gewerblichen Versicherungen.",
        requiredPermission = "None",
        priceCents = 9900,
        revenueShareCents = 0,
        feeKind = "None",
        feeValue = 0,
        acceptWithinBusinessDays = 2,
        completeWithinBusinessDays = 10,
        progressSteps = new[] { "Unterlagen gesichtet", "Bericht geschrieben" },
        formDefinition = new { },
    };

    /// <summary>A new service of the assigned expert's party, created through the API: its id and first (draft) version.</summary>
    public static async Task<(Guid ServiceId, Guid VersionId)> CreateServiceAsync(this ApiHost host)
    {
        using var response = await host.Client(ApiActors.AssignedExpert).SendAsync(HttpMethod.Post, host.Path("administration/services"),
            new { categoryId = await host.CategoryAsync(), version = VersionBody() });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var json = await response.JsonAsync();
        return (json.GetProperty("serviceId").GetGuid(), json.GetProperty("versionId").GetGuid());
    }

    /// <summary>A new service's first version, submitted for review.</summary>
    public static async Task<(Guid ServiceId, Guid VersionId)> SubmittedServiceAsync(this ApiHost host)
    {
        var (serviceId, versionId) = await host.CreateServiceAsync();
        using var response = await host.Client(ApiActors.AssignedExpert).SendAsync(HttpMethod.Post, host.Path($"administration/service-versions/{versionId}/submit"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (serviceId, versionId);
    }

    /// <summary>
    /// A dead-lettered outbox row of the demo network, written straight into the database (nothing in the API makes
    /// one). Its event type has no handler, so a re-queued row is dead-lettered again by the dispatcher.
    /// </summary>
    public static async Task<Guid> DeadLetterAsync(this ApiHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<SampleCrmDbContext>>().CreateDbContextAsync();
        var id = Guid.CreateVersion7();
        var row = new OutboxMessage(id, DemoIds.Network, null, "test.no_handler", "[]", "{}", "test-" + id.ToString("N"), DateTimeOffset.UtcNow);
        db.Add(row);
        var entry = db.Entry(row);
        entry.Property(m => m.Status).CurrentValue = OutboxStatus.DeadLettered;
        entry.Property(m => m.Attempts).CurrentValue = 5;
        entry.Property(m => m.LastError).CurrentValue = "test: no handler";
        entry.Property(m => m.LastAttemptAt).CurrentValue = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
        return id;
    }
}
