using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>
/// The one mapping of the core's typed results to HTTP: ValidationFailed → 400 (field names and codes), NotFound → 404,
/// Refused → 409 with the refusal's stable code and its text in the caller's language, Conflict → 409
/// (<c>conflict</c>) or 412 when the request carried <c>If-Match</c> (its version was stale), Forbidden → 403.
/// </summary>
internal static class ApiOutcomes
{
    public const string ConflictCode = "conflict";
    public const string PreconditionFailedCode = "precondition_failed";
    public const string NotFoundCode = "not_found";

    /// <summary><paramref name="result"/> as HTTP: <paramref name="ok"/> for its value, the shared mapping otherwise.</summary>
    public static IResult Map<T>(HttpContext http, Result<T> result, Func<T, IResult> ok)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.IsOk ? ok(result.Value) : Failure(http, result);
    }

    /// <summary><paramref name="result"/> as HTTP: 204 when Ok, the shared mapping otherwise.</summary>
    public static IResult Map(HttpContext http, Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.IsOk ? Results.NoContent() : Failure(http, result);
    }

    /// <summary>The HTTP answer of a failed result.</summary>
    public static IResult Failure(HttpContext http, Result result) => result.Status switch
    {
        ResultStatus.ValidationFailed => ApiProblems.Validation(http, result.FieldErrors),
        ResultStatus.NotFound => ApiProblems.Problem(http, StatusCodes.Status404NotFound, NotFoundCode, ApiProblems.NotFoundText),
        ResultStatus.Refused => Refused(http, result.Refusal!),
        ResultStatus.Conflict when ApiRequest.HasIfMatch(http) =>
            ApiProblems.Problem(http, StatusCodes.Status412PreconditionFailed, PreconditionFailedCode, ApiProblems.PreconditionFailedText),
        ResultStatus.Conflict => ApiProblems.Problem(http, StatusCodes.Status409Conflict, ConflictCode, ApiProblems.ConflictText),
        ResultStatus.Forbidden => ApiActorProblems.Forbidden(http),
        _ => throw new InvalidOperationException($"{result} is not a failure."),
    };

    private static IResult Refused(HttpContext http, Refusal refusal)
    {
        var described = http.RequestServices.GetRequiredService<RefusalDescriber>().Describe(refusal);
        return ApiProblems.Problem(http, StatusCodes.Status409Conflict, described.Code, described.Text);
    }
}
