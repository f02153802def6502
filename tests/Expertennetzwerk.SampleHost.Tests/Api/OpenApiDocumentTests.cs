using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Expertennetzwerk.SampleHost.Tests.Api.Support;

namespace Expertennetzwerk.SampleHost.Tests.Api;

/// <summary>
/// The API's OpenAPI document is reviewed like code: the checked-in <c>docs/openapi.json</c> must be what the code
/// describes. After a change of the API, refresh it with
/// <c>UPDATE_OPENAPI=1 dotnet test tests/Expertennetzwerk.SampleHost.Tests -c Release --filter FullyQualifiedName~OpenApiDocumentTests</c>
/// and review the diff.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiHosts hosts)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1";

    [Fact]
    public async Task The_checked_in_document_is_the_one_the_code_describes()
    {
        var actual = await DocumentAsync();
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi.json");
        if (Update)
        {
            await File.WriteAllTextAsync(path, actual);
            return;
        }

        File.Exists(path).Should().BeTrue("docs/openapi.json is checked in (UPDATE_OPENAPI=1 writes it)");
        var checkedIn = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        actual.Should().Be(checkedIn, "the API changed: refresh docs/openapi.json with UPDATE_OPENAPI=1 (see this test's summary) and review the diff");
    }

    [Fact]
    public async Task Every_operation_describes_its_error_answers_as_problem_details()
    {
        var document = JsonNode.Parse(await DocumentAsync())!;
        var paths = document["paths"]!.AsObject();
        paths.Select(p => p.Key).Should().Contain(["/expertennetzwerk/api/v1/orders/{orderId}/messages", "/expertennetzwerk/api/v1/dead-letters"]);
        paths.Select(p => p.Key).Should().OnlyContain(p => p.StartsWith("/expertennetzwerk/api/v1/", StringComparison.Ordinal), "the document is the API group's alone");
        foreach (var (route, item) in paths)
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "delete"))
            {
                var responses = operation!["responses"]!.AsObject();
                var where = $"{method.ToUpperInvariant()} {route}";
                responses.Select(r => r.Key).Should().Contain(["400", "401", "403", "409"], where);
                responses["400"]!["content"]!["application/problem+json"]!["schema"]!.ToJsonString().Should().Contain("ValidationProblemDetails", where);
                responses["401"]!["content"]!["application/problem+json"].Should().NotBeNull(where);
                if (route.Contains('{', StringComparison.Ordinal))
                {
                    responses.Select(r => r.Key).Should().Contain("404", where);
                }

                if (method is "post" or "put")
                {
                    responses.Select(r => r.Key).Should().Contain("413", where);
                }
            }
        }

        paths["/expertennetzwerk/api/v1/orders/{orderId}/messages"]!["post"]!["responses"]!.AsObject().Select(r => r.Key)
            .Should().Contain(["201", "422"], "sending is idempotent with a key");
    }

    [Fact]
    public async Task In_development_the_sample_host_shows_the_document_with_scalar()
    {
        var host = await hosts.For(ApiDatabase.Sqlite);
        using var response = await host.Client((Module.Common.Actor?)null).GetAsync(new Uri("/scalar/", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, page);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
        page.Should().Contain("expertennetzwerk", "Scalar loads the API's document");
    }

    /// <summary>The document as the sample host serves it, indented, without the server (the request's host).</summary>
    private async Task<string> DocumentAsync()
    {
        var host = await hosts.For(ApiDatabase.Sqlite);
        using var response = await host.Client((Module.Common.Actor?)null).GetAsync(new Uri("/openapi/expertennetzwerk.json", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        document.Remove("servers");
        return document.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Expertennetzwerk.Module.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Expertennetzwerk.Module.sln) was not found above the test's directory.");
    }
}
