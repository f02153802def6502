using Expertennetzwerk.SampleHost.Tests.Api.Support;
using static Expertennetzwerk.SampleHost.Tests.Api.Matrix.EndpointMatrix;

namespace Expertennetzwerk.SampleHost.Tests.Api.Matrix;

/// <summary>
/// The authorization matrix of the catalogue and order endpoints. Columns: owning broker, other broker, assigned expert,
/// other expert, operator without purpose, operator with purpose, user of another network, a user claiming a party it is
/// not a member of, anonymous. 404 where the caller may not know the order exists, 409 where it may see the order but
/// not do this (a refusal), 403 where the module does not verify the actor, 401 for nobody signed in. The consent
/// records are the broker's evidence: only the broker lists them. The operator reads a file only with a purpose.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OrderEndpointsMatrix(ApiHosts hosts)
{
    private static readonly MatrixRow[] Rows =
    [
        //                                                                                                                         owner other assig other opNo  opPur netw  claim anon
        new("GET catalog/services", NoOrder, HttpMethod.Get, _ => "catalog/services", _ => null,                                   [200, 200, 200, 200, 200, 200, 200, 403, 401]),
        new("GET orders", NoOrder, HttpMethod.Get, _ => "orders", _ => null,                                                       [200, 200, 200, 200, 200, 200, 200, 403, 401]),
        new("POST orders", NoOrder, HttpMethod.Post, _ => "orders", _ => CreateBody,                                               [201, 400, 409, 409, 409, 409, 404, 403, 401]),
        new("GET orders/{id}", Order("Placed"), HttpMethod.Get, t => $"orders/{t.OrderId}", _ => null,                             [200, 404, 200, 404, 200, 200, 404, 403, 401]),
        new("GET orders/{id}/actions", Order("Placed"), HttpMethod.Get, t => $"orders/{t.OrderId}/actions", _ => null,             [200, 404, 200, 404, 200, 200, 404, 403, 401]),
        new("GET orders/{id}/description", Order("Draft"), HttpMethod.Get, t => $"orders/{t.OrderId}/description", _ => null,     [200, 404, 404, 404, 409, 409, 404, 403, 401]),
        new("PUT orders/{id}/draft", Order("Draft"), HttpMethod.Put, t => $"orders/{t.OrderId}/draft", _ => DraftBody,             [200, 404, 404, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/place", Order("Draft"), HttpMethod.Post, t => $"orders/{t.OrderId}/place", _ => null,                [200, 404, 404, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/withdraw", Order("Placed"), HttpMethod.Post, t => $"orders/{t.OrderId}/withdraw", _ => Reason,       [200, 404, 409, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/accept", Order("Placed"), HttpMethod.Post, t => $"orders/{t.OrderId}/accept", _ => null,             [409, 404, 200, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/decline", Order("Placed"), HttpMethod.Post, t => $"orders/{t.OrderId}/decline", _ => Reason,         [409, 404, 200, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/progress", Order("Accepted"), HttpMethod.Post, t => $"orders/{t.OrderId}/progress", _ => Step,       [409, 404, 200, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/information-requests", Order("InProgress"), HttpMethod.Post, t => $"orders/{t.OrderId}/information-requests", _ => Question,
                                                                                                                                   [409, 404, 200, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/information", Order("AwaitingInformation"), HttpMethod.Post, t => $"orders/{t.OrderId}/information", _ => Answer,
                                                                                                                                   [200, 404, 200, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/cancel", Order("Accepted"), HttpMethod.Post, t => $"orders/{t.OrderId}/cancel", _ => Reason,         [409, 404, 200, 404, 200, 200, 404, 403, 401]),
        new("POST orders/{id}/disputes", Order("InProgress"), HttpMethod.Post, t => $"orders/{t.OrderId}/disputes", _ => Reason,   [200, 404, 200, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/disputes/resolution", Order("Disputed"), HttpMethod.Post, t => $"orders/{t.OrderId}/disputes/resolution", _ => Resolution,
                                                                                                                                   [409, 404, 409, 404, 200, 200, 404, 403, 401]),
        new("GET catalog/services/{id}", NoOrder, HttpMethod.Get, _ => $"catalog/services/{ApiActors.Service}", _ => null,          [200, 200, 200, 200, 200, 200, 404, 403, 401]),
        new("GET orders/{id}/consents", Order("Placed"), HttpMethod.Get, t => $"orders/{t.OrderId}/consents", _ => null,           [200, 404, 409, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/consents", ConsentDraft, HttpMethod.Post, t => $"orders/{t.OrderId}/consents", _ => ConsentBody,      [201, 404, 404, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/consents/paper", ConsentDraft, HttpMethod.Post, t => $"orders/{t.OrderId}/consents/paper", _ => ApiCalls.PaperConsentForm(),
                                                                                                                                   [201, 404, 404, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/consents/{cid}/withdrawal", GivenConsent, HttpMethod.Post, t => $"orders/{t.OrderId}/consents/{t.ConsentId}/withdrawal", _ => Withdrawal,
                                                                                                                                   [200, 404, 404, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/documentation", Order("InProgress"), HttpMethod.Post, t => $"orders/{t.OrderId}/documentation", _ => ApiCalls.DocumentationForm(),
                                                                                                                                   [409, 404, 201, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/complete", DocumentedOrder, HttpMethod.Post, t => $"orders/{t.OrderId}/complete", _ => null,         [409, 404, 200, 404, 409, 409, 404, 403, 401]),
        new("GET orders/{id}/files/{fid}", DocumentedOrder, HttpMethod.Get, t => $"orders/{t.OrderId}/files/{t.FileId}", _ => null,
                                                                                                                                   [200, 404, 200, 404, 409, 200, 404, 403, 401]),
    ];

    private static readonly object CreateBody = new { serviceId = ApiActors.Service, customerRef = ApiActors.CustomerRef, formData = new { anzahlFahrzeuge = 7, aktuellerVersicherer = "HUK", hauptfaelligkeit = "2027-01-01" } };
    private static readonly object DraftBody = new { formData = new { anzahlFahrzeuge = 8, aktuellerVersicherer = "HUK", hauptfaelligkeit = "2027-01-01" } };
    private static readonly object Reason = new { reason = "Bitte nicht mehr bearbeiten." };
    private static readonly object Step = new { step = "Schadenverlauf angefordert" };
    private static readonly object Question = new { question = "Bitte senden Sie die Fahrzeugliste." };
    private static readonly object Answer = new { answer = "Die Fahrzeugliste liegt bei." };
    private static readonly object Resolution = new { resolution = "Resume", note = "Weiter wie vereinbart." };
    private static readonly object ConsentBody = new { dataSubject = "Customer" };
    private static readonly object Withdrawal = new { channel = "Phone", note = "Anruf der Kundin am 20.11." };

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Every_order_endpoint_answers_each_caller_as_the_table_says(ApiDatabase database) =>
        await RunAsync(await hosts.For(database), Rows);
}
