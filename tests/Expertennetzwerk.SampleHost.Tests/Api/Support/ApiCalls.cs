using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.SampleHost.Tests.Api.Support;

/// <summary>Requests and reads the API tests share: JSON bodies, ProblemDetails, and orders brought into a state through the API.</summary>
public static class ApiCalls
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Sends <paramref name="method"/> to <paramref name="path"/> with a JSON body and optional headers (If-Match, Idempotency-Key, …).</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        this HttpClient client, HttpMethod method, Uri path, object? body = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body switch
            {
                HttpContent content => content,
                string raw => new StringContent(raw, Encoding.UTF8, "application/json"),
                _ => JsonContent.Create(body, options: Json),
            };
        }

        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await client.SendAsync(request);
    }

    /// <summary>The response's JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Asserts that the response is ProblemDetails with <paramref name="status"/> (and <paramref name="code"/> when
    /// given), without any trace of an exception, and returns its body.
    /// </summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be((int)status, "the body was {0}", text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", "every error body is ProblemDetails ({0})", text);
        text.Should().NotContainAny(["Exception", "   at ", "StackTrace", "stackTrace"], "no exception reaches a client");
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        if (code is not null)
        {
            problem.GetProperty("code").GetString().Should().Be(code, text);
        }

        return problem;
    }

    public static string ETag(this HttpResponseMessage response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The response has no ETag.");

    /// <summary>Creates a draft of the matrix's service for the owning broker; returns its id and ETag.</summary>
    public static async Task<(Guid Id, string ETag)> CreateDraftAsync(this ApiHost host, Actor? broker = null, string? formData = null)
    {
        using var response = await host.Client(broker ?? ApiActors.OwningBroker).SendAsync(HttpMethod.Post, host.Path("orders"),
            $$"""{"serviceId":"{{ApiActors.Service}}","customerRef":"{{ApiActors.CustomerRef}}","formData":{{formData ?? ApiActors.FleetFormData}}}""");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var json = await response.JsonAsync();
        return (json.GetProperty("id").GetGuid(), response.ETag());
    }

    /// <summary>Runs one command on <paramref name="orderId"/> as <paramref name="actor"/> and asserts 200.</summary>
    public static async Task<JsonElement> CommandAsync(this ApiHost host, Actor actor, Guid orderId, string command, object? body = null)
    {
        using var response = await host.Client(actor).SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/{command}"), body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "{0} answered {1}", command, text);
        return await response.JsonAsync();
    }

    /// <summary>A fresh order of the matrix brought to <paramref name="state"/> through the API.</summary>
    public static async Task<Guid> OrderInStateAsync(this ApiHost host, string state)
    {
        var (id, _) = await host.CreateDraftAsync();
        if (state == "Draft")
        {
            return id;
        }

        await host.CommandAsync(ApiActors.OwningBroker, id, "place");
        if (state == "Placed")
        {
            return id;
        }

        await host.CommandAsync(ApiActors.AssignedExpert, id, "accept");
        if (state == "Accepted")
        {
            return id;
        }

        await host.CommandAsync(ApiActors.AssignedExpert, id, "progress", new { step = "Schadenverlauf angefordert" });
        if (state == "InProgress")
        {
            return id;
        }

        await host.CommandAsync(ApiActors.AssignedExpert, id, "information-requests", new { question = "Bitte senden Sie die Fahrzeugliste." });
        if (state == "AwaitingInformation")
        {
            return id;
        }

        await host.CommandAsync(ApiActors.OwningBroker, id, "information", new { answer = "Die Fahrzeugliste liegt bei." });
        await host.CommandAsync(ApiActors.AssignedExpert, id, "disputes", new { reason = "Der Kunde ist nicht erreichbar." });
        if (state == "Disputed")
        {
            return id;
        }

        throw new ArgumentOutOfRangeException(nameof(state), state, "not a state the helper makes");
    }

    /// <summary>A small PDF (the type the module takes) for uploads.</summary>
    public static byte[] Pdf { get; } = Encoding.ASCII.GetBytes("%PDF-1.4\n% Test\n%%EOF\n");

    /// <summary>The form of a documentation entry with one PDF attachment.</summary>
    public static MultipartFormDataContent DocumentationForm(string text = "Schadenverlauf liegt vor.", string contentType = "application/pdf", byte[]? file = null) =>
        new()
        {
            { new StringContent(text), "text" },
            { new ByteArrayContent(file ?? Pdf) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } }, "attachments", "Schadenverlauf.pdf" },
        };

    /// <summary>The form of a paper consent with a scanned PDF.</summary>
    public static MultipartFormDataContent PaperConsentForm() =>
        new()
        {
            { new StringContent("Customer"), "dataSubject" },
            { new StringContent("Unterschrieben beim Termin am 12.11."), "note" },
            { new ByteArrayContent(Pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "scan", "Einwilligung.pdf" },
        };

    /// <summary>The assigned expert documents <paramref name="orderId"/> with a PDF; returns the attachment's id.</summary>
    public static async Task<Guid> DocumentAsync(this ApiHost host, Guid orderId)
    {
        var expert = host.Client(ApiActors.AssignedExpert);
        using var documented = await expert.PostAsync(host.Path($"orders/{orderId}/documentation"), DocumentationForm());
        documented.StatusCode.Should().Be(HttpStatusCode.Created, await documented.Content.ReadAsStringAsync());
        using var order = await expert.GetAsync(host.Path($"orders/{orderId}"));
        return (await order.JsonAsync()).GetProperty("documentation").EnumerateArray().Last().GetProperty("attachments").EnumerateArray().Single().GetProperty("id").GetGuid();
    }

    /// <summary>A PKV draft of the owning broker for a customer of its CRM: the service needs the customer's consent.</summary>
    public static async Task<Guid> ConsentDraftAsync(this ApiHost host)
    {
        using var response = await host.Client(ApiActors.OwningBroker).SendAsync(HttpMethod.Post, host.Path("orders"),
            $$$"""{"serviceId":"{{{Demo.DemoIds.ServicePkvTarifwechsel}}}","customerRef":"K-10004","formData":{"versicherer": "Allgemeine Krankenversicherung AG", "aktuellerTarif": "Komfort 600", "versichertePersonen": 2}}""");
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>Requests the customer's consent on <paramref name="orderId"/> and lets the customer agree on the page; returns the consent's id.</summary>
    public static async Task<Guid> GiveConsentAsync(this ApiHost host, Guid orderId)
    {
        using var requested = await host.Client(ApiActors.OwningBroker).SendAsync(HttpMethod.Post, host.Path($"orders/{orderId}/consents"), """{"dataSubject":"Customer"}""");
        requested.StatusCode.Should().Be(HttpStatusCode.Created, await requested.Content.ReadAsStringAsync());
        var body = await requested.JsonAsync();
        await host.DecideAsync(new Uri(body.GetProperty("consentUrl").GetString()!));
        return body.GetProperty("consentId").GetGuid();
    }
}
