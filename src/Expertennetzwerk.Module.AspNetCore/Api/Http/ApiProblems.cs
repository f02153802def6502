using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Http;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>
/// Every error body of the API: RFC 9457 ProblemDetails with a stable <c>code</c> extension for machines and a title in
/// the caller's language (<see cref="ApiCulture"/>). Never an exception's message or stack trace.
/// </summary>
internal static class ApiProblems
{
    public const string CodeExtension = "code";

    public static readonly LocalizedText NotFoundText = new("Nicht gefunden.", "Not found.");
    public static readonly LocalizedText ConflictText = new(
        "Jemand anderes hat die Daten gerade geändert. Bitte laden Sie sie neu und versuchen Sie es noch einmal.",
        "Someone else changed the data just now. Please reload and try again.");
    public static readonly LocalizedText PreconditionFailedText = new(
        "Der Auftrag wurde inzwischen geändert (If-Match passt nicht mehr). Bitte laden Sie ihn neu.",
        "The order has changed in the meantime (If-Match no longer matches). Please reload it.");
    public static readonly LocalizedText ForbiddenText = new(
        "Sie können für diese Partei nicht handeln.", "You cannot act for this party.");
    public static readonly LocalizedText BadRequestText = new("Die Anfrage ist ungültig.", "The request is invalid.");
    public static readonly LocalizedText TooLargeText = new("Die Anfrage ist zu groß.", "The request is too large.");
    public static readonly LocalizedText InvalidInputText = new("Die Eingaben sind ungültig.", "One or more inputs are invalid.");
    public static readonly LocalizedText InternalErrorText = new(
        "Ein interner Fehler ist aufgetreten.", "An internal error occurred.");

    /// <summary>A ProblemDetails result with <paramref name="status"/>, the stable <paramref name="code"/> and the localised title.</summary>
    public static IResult Problem(HttpContext http, int status, string code, LocalizedText title, string? detail = null) =>
        Results.Problem(
            statusCode: status,
            title: ApiCulture.Text(http, title),
            detail: detail,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { [CodeExtension] = code });

    /// <summary>400 with every field error: <c>errors</c> maps a field to its texts, <c>codes</c> to its stable codes.</summary>
    public static IResult Validation(HttpContext http, IReadOnlyList<FieldError> fieldErrors)
    {
        var culture = ApiCulture.Of(http);
        var errors = fieldErrors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Text.Get(culture)).ToArray(), StringComparer.Ordinal);
        var codes = fieldErrors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray(), StringComparer.Ordinal);
        return Results.ValidationProblem(
            errors,
            title: InvalidInputText.Get(culture),
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { [CodeExtension] = "validation_failed", ["codes"] = codes });
    }

    /// <summary>400 for one field (input the API checks itself, e.g. an id in the path or an upload).</summary>
    public static IResult Field(HttpContext http, string field, string code, LocalizedText text) =>
        Validation(http, [new FieldError(field, code, text)]);

    /// <summary>Writes <paramref name="result"/> now (for the pipeline, outside an endpoint's own result).</summary>
    public static Task WriteAsync(HttpContext http, IResult result) => result.ExecuteAsync(http);

    /// <summary>The default code and title of a bare status (an unknown route, a body the framework refused).</summary>
    public static (string Code, LocalizedText Title) ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("bad_request", BadRequestText),
        StatusCodes.Status401Unauthorized => (ApiActorProblems.AnonymousCode, ApiActorProblems.AnonymousText),
        StatusCodes.Status403Forbidden => ("forbidden", ForbiddenText),
        StatusCodes.Status404NotFound => ("not_found", NotFoundText),
        StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", new LocalizedText("Diese Methode ist hier nicht erlaubt.", "This method is not allowed here.")),
        StatusCodes.Status413PayloadTooLarge => ("request_too_large", TooLargeText),
        StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type", new LocalizedText("Dieses Format wird nicht unterstützt.", "This media type is not supported.")),
        >= 500 => ("internal_error", InternalErrorText),
        _ => ("bad_request", BadRequestText),
    };
}
