using System.Text;
using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>
/// A JSON request body with a name twice in one object (at any depth) is refused with 400 <c>duplicate_key</c> before it
/// is bound: the serializer would silently keep the last value, so <c>{"reason":"a","reason":"b"}</c> would mean
/// whatever the reader picks. The check is the core's JSON rule (<see cref="InputJson"/>); everything else a body may
/// get wrong is left to binding and the core, which name the field.
/// </summary>
internal static class ApiJsonBody
{
    public const string Field = "body";

    /// <summary>The 400 answer for a JSON body with a duplicate key, or null (the body is rewound for binding).</summary>
    public static async Task<IResult?> RefuseDuplicateKeysAsync(HttpContext http, long limit)
    {
        if (!http.Request.HasJsonContentType() || http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is not { } accepts
            || !accepts.ContentTypes.Any(c => c.Contains("json", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        // Buffered within the endpoint's limit (the limit stream below answers 413 past it), read, then rewound for binding.
        http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit);
        string json;
        using (var reader = new StreamReader(http.Request.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true))
        {
            json = await reader.ReadToEndAsync().ConfigureAwait(false);
        }

        http.Request.Body.Position = 0;
        var errors = new List<FieldError>();
        InputJson.Parse(json, Field, errors)?.Dispose();
        var duplicates = errors.Where(e => e.Code == InputErrors.DuplicateKey(Field).Code).ToList();
        return duplicates.Count > 0 ? ApiProblems.Validation(http, duplicates) : null;
    }
}
