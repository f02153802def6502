using Expertennetzwerk.SampleHost.Tests.Api.Support;
using static Expertennetzwerk.SampleHost.Tests.Api.Matrix.EndpointMatrix;

namespace Expertennetzwerk.SampleHost.Tests.Api.Matrix;

/// <summary>
/// The authorization matrix of the digital-message endpoints (columns as in <see cref="OrderEndpointsMatrix"/>). The
/// thread is the two parties' from Placed on; the operator reads it only with a purpose (409 without) and never writes
/// or marks read (409); the inbox and unread counts are the parties' own (the operator has none: 409).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MessageEndpointsMatrix(ApiHosts hosts)
{
    private static readonly MatrixRow[] Rows =
    [
        //                                                                                                                          owner other assig other opNo  opPur netw  claim anon
        new("GET orders/{id}/messages", Order("Placed"), HttpMethod.Get, t => $"orders/{t.OrderId}/messages", _ => null,             [200, 404, 200, 404, 409, 200, 404, 403, 401]),
        new("POST orders/{id}/messages", Order("Placed"), HttpMethod.Post, t => $"orders/{t.OrderId}/messages", _ => FamilyCalls.Message("Bitte um Rückruf."),
                                                                                                                                    [201, 404, 201, 404, 409, 409, 404, 403, 401]),
        new("POST orders/{id}/messages/read", Order("Placed"), HttpMethod.Post, t => $"orders/{t.OrderId}/messages/read", _ => new { },
                                                                                                                                    [200, 404, 200, 404, 409, 409, 404, 403, 401]),
        new("GET orders/{id}/consent-requests", Order("Draft"), HttpMethod.Get, t => $"orders/{t.OrderId}/consent-requests", _ => null,
                                                                                                                                    [200, 404, 404, 404, 409, 200, 404, 403, 401]),
        new("GET messages/inbox", NoOrder, HttpMethod.Get, _ => "messages/inbox?unreadOnly=true", _ => null,                         [200, 200, 200, 200, 409, 409, 200, 403, 401]),
        new("GET messages/unread-counts", NoOrder, HttpMethod.Get, _ => "messages/unread-counts", _ => null,                        [200, 200, 200, 200, 409, 409, 200, 403, 401]),
    ];

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Every_message_endpoint_answers_each_caller_as_the_table_says(ApiDatabase database) =>
        await RunAsync(await hosts.For(database), Rows);
}
