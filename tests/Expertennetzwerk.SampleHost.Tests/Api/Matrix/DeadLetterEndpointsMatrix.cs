using Expertennetzwerk.SampleHost.Tests.Api.Support;
using static Expertennetzwerk.SampleHost.Tests.Api.Matrix.EndpointMatrix;

namespace Expertennetzwerk.SampleHost.Tests.Api.Matrix;

/// <summary>
/// The authorization matrix of the dead letters (columns as in <see cref="OrderEndpointsMatrix"/>): the operator's
/// alone (no personal data in them, so no purpose); everyone else is refused (409). The row's id travels in
/// <see cref="MatrixTarget.OrderId"/>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DeadLetterEndpointsMatrix(ApiHosts hosts)
{
    private static readonly MatrixRow[] Rows =
    [
        //                                                                                                                          owner other assig other opNo  opPur netw  claim anon
        new("GET dead-letters", NoOrder, HttpMethod.Get, _ => "dead-letters", _ => null,                                             [409, 409, 409, 409, 200, 200, 409, 403, 401]),
        new("POST dead-letters/{id}/requeue", DeadLetter, HttpMethod.Post, t => $"dead-letters/{t.OrderId}/requeue", _ => null,      [409, 409, 409, 409, 204, 204, 409, 403, 401]),
    ];

    private static async Task<MatrixTarget> DeadLetter(ApiHost host) => new(await host.DeadLetterAsync(), Guid.Empty);

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Every_dead_letter_endpoint_answers_each_caller_as_the_table_says(ApiDatabase database) =>
        await RunAsync(await hosts.For(database), Rows);
}
