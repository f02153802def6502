using Expertennetzwerk.SampleHost.Tests.Api.Support;
using static Expertennetzwerk.SampleHost.Tests.Api.Matrix.EndpointMatrix;

namespace Expertennetzwerk.SampleHost.Tests.Api.Matrix;

/// <summary>
/// The authorization matrix of service administration (columns as in <see cref="OrderEndpointsMatrix"/>). Brokers do
/// not administer services (409 before any lookup); an expert party sees only its own (another's: 404); the operator
/// sees all and reviews, but neither creates nor edits nor submits (409). The target's id travels in
/// <see cref="MatrixTarget.OrderId"/>: a fresh service of the assigned expert, or one of its versions.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AdministrationEndpointsMatrix(ApiHosts hosts)
{
    private static readonly MatrixRow[] Rows =
    [
        //                                                                                                                          owner other assig other opNo  opPur netw  claim anon
        new("GET administration/services", NoOrder, HttpMethod.Get, _ => "administration/services", _ => null,                       [409, 409, 200, 200, 200, 200, 409, 403, 401]),
        new("POST administration/services", Category, HttpMethod.Post, _ => "administration/services", t => new { categoryId = t.OrderId, version = FamilyCalls.VersionBody() },
                                                                                                                                    [409, 409, 201, 201, 409, 409, 409, 403, 401]),
        new("GET administration/services/{id}", Service, HttpMethod.Get, t => $"administration/services/{t.OrderId}", _ => null,     [409, 409, 200, 404, 200, 200, 409, 403, 401]),
        new("POST administration/services/{id}/versions", Service, HttpMethod.Post, t => $"administration/services/{t.OrderId}/versions", _ => FamilyCalls.VersionBody("Gewerbe-Check 2"),
                                                                                                                                    [409, 409, 201, 404, 409, 409, 409, 403, 401]),
        new("GET administration/service-versions/{id}", DraftVersion, HttpMethod.Get, t => $"administration/service-versions/{t.OrderId}", _ => null,
                                                                                                                                    [409, 409, 200, 404, 200, 200, 409, 403, 401]),
        new("POST administration/service-versions/{id}/submit", DraftVersion, HttpMethod.Post, t => $"administration/service-versions/{t.OrderId}/submit", _ => null,
                                                                                                                                    [409, 409, 200, 404, 409, 409, 409, 403, 401]),
        new("POST administration/service-versions/{id}/approve", SubmittedVersion, HttpMethod.Post, t => $"administration/service-versions/{t.OrderId}/approve", _ => null,
                                                                                                                                    [409, 409, 409, 409, 200, 200, 409, 403, 401]),
        new("POST administration/service-versions/{id}/reject", SubmittedVersion, HttpMethod.Post, t => $"administration/service-versions/{t.OrderId}/reject",
            _ => new { reason = "Bitte die Beschreibung ergänzen." },                                                                [409, 409, 409, 409, 200, 200, 409, 403, 401]),
        new("GET administration/reviews", NoOrder, HttpMethod.Get, _ => "administration/reviews", _ => null,                         [409, 409, 200, 200, 200, 200, 409, 403, 401]),
    ];

    private static async Task<MatrixTarget> Category(ApiHost host) => new(await host.CategoryAsync(), Guid.Empty);

    private static async Task<MatrixTarget> Service(ApiHost host) => new((await host.CreateServiceAsync()).ServiceId, Guid.Empty);

    private static async Task<MatrixTarget> DraftVersion(ApiHost host) => new((await host.CreateServiceAsync()).VersionId, Guid.Empty);

    private static async Task<MatrixTarget> SubmittedVersion(ApiHost host) => new((await host.SubmittedServiceAsync()).VersionId, Guid.Empty);

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Every_administration_endpoint_answers_each_caller_as_the_table_says(ApiDatabase database) =>
        await RunAsync(await hosts.For(database), Rows);
}
