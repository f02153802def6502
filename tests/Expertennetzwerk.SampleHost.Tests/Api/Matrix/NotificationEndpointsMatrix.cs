using Expertennetzwerk.SampleHost.Tests.Api.Support;
using static Expertennetzwerk.SampleHost.Tests.Api.Matrix.EndpointMatrix;

namespace Expertennetzwerk.SampleHost.Tests.Api.Matrix;

/// <summary>
/// The authorization matrix of the notification preferences (columns as in <see cref="OrderEndpointsMatrix"/>): every
/// verified user reads and sets its own; nobody else's can be named.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class NotificationEndpointsMatrix(ApiHosts hosts)
{
    private static readonly MatrixRow[] Rows =
    [
        //                                                                                                                          owner other assig other opNo  opPur netw  claim anon
        new("GET notification-preferences", NoOrder, HttpMethod.Get, _ => "notification-preferences", _ => null,                     [200, 200, 200, 200, 200, 200, 200, 403, 401]),
        new("PUT notification-preferences/{kind}", NoOrder, HttpMethod.Put, _ => "notification-preferences/OrderStateChanged", _ => new { delivery = "Immediate" },
                                                                                                                                    [200, 200, 200, 200, 200, 200, 200, 403, 401]),
    ];

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Every_notification_preference_endpoint_answers_each_caller_as_the_table_says(ApiDatabase database) =>
        await RunAsync(await hosts.For(database), Rows);
}
