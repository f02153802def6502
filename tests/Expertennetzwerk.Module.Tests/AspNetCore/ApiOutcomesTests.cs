using System.Text.Json;
using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.AspNetCore;

/// <summary>The API's one mapping of the core's results, each status on its own (the HTTP tests drive them through the sample host).</summary>
public class ApiOutcomesTests
{
    public static TheoryData<string, int, string> Failures => new()
    {
        { "validation", 400, "validation_failed" },
        { "notfound", 404, "not_found" },
        { "refused", 409, OrderRefusals.InvalidState.Code },
        { "conflict", 409, "conflict" },
        { "conflict-if-match", 412, "precondition_failed" },
        { "forbidden", 403, "actor.forbidden" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Each_failure_has_its_status_and_code_as_problem_details(string failure, int status, string code)
    {
        var (http, body) = Context(ifMatch: failure == "conflict-if-match", language: "de");
        var result = failure switch
        {
            "validation" => Result.Invalid([InputErrors.Required("reason")]),
            "notfound" => Result.NotFound(),
            "refused" => Result.Refused(OrderRefusals.InvalidState),
            "conflict" or "conflict-if-match" => Result.Conflict(),
            _ => Result.Forbidden(),
        };

        await ApiOutcomes.Failure(http, result).ExecuteAsync(http);

        http.Response.StatusCode.Should().Be(status);
        http.Response.ContentType.Should().StartWith("application/problem+json");
        using var problem = JsonDocument.Parse(body.ToArray());
        problem.RootElement.GetProperty("code").GetString().Should().Be(code);
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(status);
        if (failure == "validation")
        {
            problem.RootElement.GetProperty("codes").GetProperty("reason")[0].GetString().Should().Be("required");
            problem.RootElement.GetProperty("errors").GetProperty("reason")[0].GetString().Should().Be(InputErrors.Required("reason").Text.German);
        }
    }

    [Theory]
    [InlineData("en-US,de;q=0.8", "en")]
    [InlineData("de-DE,en;q=0.9", "de")]
    [InlineData("fr-FR,en;q=0.5", "en")]
    [InlineData("fr-FR", "de")]
    [InlineData(";;;q=nonsense", "de")]
    public async Task A_refusal_speaks_the_language_the_caller_prefers(string acceptLanguage, string expected)
    {
        var (http, body) = Context(ifMatch: false, language: acceptLanguage);

        await ApiOutcomes.Failure(http, Result.Refused(OrderRefusals.InvalidState)).ExecuteAsync(http);

        using var problem = JsonDocument.Parse(body.ToArray());
        problem.RootElement.GetProperty("title").GetString().Should().Be(
            expected == "en" ? OrderRefusals.InvalidState.Text.English : OrderRefusals.InvalidState.Text.German);
    }

    private static (HttpContext Http, MemoryStream Body) Context(bool ifMatch, string language)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(new RefusalDescriber([])).BuildServiceProvider();
        var body = new MemoryStream();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = body;
        http.Request.Headers.AcceptLanguage = language;
        if (ifMatch)
        {
            http.Request.Headers.IfMatch = "\"3\"";
        }

        return (http, body);
    }
}
