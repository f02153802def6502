using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Ports;
using Microsoft.AspNetCore.Http;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>
/// Multipart requests of the API (documentation with attachments, a paper consent's scan): the form is read within the
/// endpoint's body limit, the files become the core's <see cref="DocumentUpload"/>s and the core checks their type and
/// size (a refused type or an oversized file is 400 with the field).
/// </summary>
internal static class ApiForms
{
    private static readonly LocalizedText MultipartExpected = new(
        "Bitte senden Sie die Anfrage als multipart/form-data.", "Please send the request as multipart/form-data.");

    /// <summary>The request's form, or the 415 answer when it is none.</summary>
    public static async Task<(IFormCollection? Form, IResult? Failure)> ReadAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return (null, ApiProblems.Problem(http, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", MultipartExpected));
        }

        try
        {
            return (await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false), null);
        }
        catch (InvalidDataException)
        {
            // A malformed multipart body, or one over the form reader's own limits (boundary, part headers, value count).
            return (null, ApiProblems.Problem(http, StatusCodes.Status400BadRequest, "bad_request", ApiProblems.BadRequestText));
        }
    }

    /// <summary>
    /// The files of <paramref name="field"/> as uploads (content read into memory, bounded by the endpoint's limit).
    /// <paramref name="skipEmpty"/> leaves out the empty, nameless part a browser sends for a file field left empty (the web UI's forms).
    /// </summary>
    public static async Task<IReadOnlyList<DocumentUpload>> UploadsAsync(IFormCollection form, string field, CancellationToken cancellationToken, bool skipEmpty = false)
    {
        var uploads = new List<DocumentUpload>();
        foreach (var file in form.Files.GetFiles(field))
        {
            if (skipEmpty && file.Length == 0 && string.IsNullOrEmpty(file.FileName))
            {
                continue;
            }

            using var content = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
            await using (var stream = file.OpenReadStream())
            {
                await stream.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
            }

            uploads.Add(new DocumentUpload(file.FileName, file.ContentType ?? string.Empty, content.ToArray()));
        }

        return uploads;
    }

    /// <summary>A text field of the form; null when absent.</summary>
    public static string? Text(IFormCollection form, string field) =>
        form.TryGetValue(field, out var values) && values.Count > 0 ? values.ToString() : null;
}
