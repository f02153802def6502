using System.Security.Cryptography;
using System.Text;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Idempotency;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>
/// <c>Idempotency-Key</c> on creating requests, per actor: the first request with a key runs and, when it succeeds
/// (2xx), its response is kept for 24 hours in the module's database; the same key with the same method, route and body
/// answers that response again without running anything, the same key with another request answers 422, and a key
/// whose first request still runs answers 409. A failed first request keeps nothing, so the client may retry it.
/// </summary>
internal static class ApiIdempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly LocalizedText KeyInvalidText = new(
        $"Der Header {Header} muss 1 bis {IdempotencyRecord.MaxKeyLength} sichtbare ASCII-Zeichen enthalten.",
        $"The {Header} header must hold 1 to {IdempotencyRecord.MaxKeyLength} visible ASCII characters.");

    private static readonly LocalizedText KeyReusedText = new(
        $"Dieser {Header} wurde schon für eine andere Anfrage verwendet.",
        $"This {Header} was already used for another request.");

    private static readonly LocalizedText KeyInProgressText = new(
        $"Eine Anfrage mit diesem {Header} läuft noch. Bitte versuchen Sie es gleich noch einmal.",
        $"A request with this {Header} is still running. Please retry shortly.");

    public static async Task InvokeAsync(HttpContext http, Actor actor, long limit, RequestDelegate inner)
    {
        var key = http.Request.Headers[Header].ToString();
        if (key.Length is 0 or > IdempotencyRecord.MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            await ApiProblems.Problem(http, StatusCodes.Status400BadRequest, "idempotency.key_invalid", KeyInvalidText).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        string hash;
        try
        {
            hash = await HashRequestAsync(http, limit).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            // A malformed multipart body (or one over the form reader's own limits).
            await ApiProblems.Problem(http, StatusCodes.Status400BadRequest, "bad_request", ApiProblems.BadRequestText).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        var (outcome, record) = await store.BeginAsync(actor, key, hash, http.RequestAborted).ConfigureAwait(false);
        switch (outcome)
        {
            case IdempotencyOutcome.Replay:
                await ReplayAsync(http, record!).ConfigureAwait(false);
                return;
            case IdempotencyOutcome.OtherRequest:
                await ApiProblems.Problem(http, StatusCodes.Status422UnprocessableEntity, "idempotency.key_reused", KeyReusedText).ExecuteAsync(http).ConfigureAwait(false);
                return;
            case IdempotencyOutcome.InProgress:
                await ApiProblems.Problem(http, StatusCodes.Status409Conflict, "idempotency.in_progress", KeyInProgressText).ExecuteAsync(http).ConfigureAwait(false);
                return;
        }

        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        var completed = false;
        try
        {
            await inner(http).ConfigureAwait(false);
            http.Response.Body = original;
            var status = http.Response.StatusCode;
            var body = captured.ToArray();
            if (status is >= 200 and < 300)
            {
                var headers = http.Response.Headers;
                await store.CompleteAsync(actor, key, status, http.Response.ContentType, headers.Location.ToString(), headers.ETag.ToString(), body, CancellationToken.None)
                    .ConfigureAwait(false);
                completed = true;
            }

            if (body.Length > 0)
            {
                await original.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
            }
        }
        finally
        {
            http.Response.Body = original;
            if (!completed)
            {
                await store.ReleaseAsync(actor, key, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task<string> HashRequestAsync(HttpContext http, long limit)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(sha, http.Request.Method + "\n" + http.Request.PathBase + http.Request.Path + "\n");
        if (http.Request.HasFormContentType)
        {
            // A form by its fields and files, not its bytes: a client that rebuilds a multipart body for its retry gets a
            // new boundary. The form is read once; the endpoint's own ReadFormAsync gets the same one.
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            foreach (var key in form.Keys.Order(StringComparer.Ordinal))
            {
                Append(sha, "field\n" + key + "\n" + string.Join("\u0000", form[key].ToArray()) + "\n");
            }

            foreach (var file in form.Files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                Append(sha, "file\n" + file.Name + "\n" + file.FileName + "\n" + file.ContentType + "\n" + file.Length + "\n");
                await using var content = file.OpenReadStream();
                await AppendAsync(sha, content, http.RequestAborted).ConfigureAwait(false);
            }
        }
        else
        {
            // The body is read once here (within the limit) and rewound for the endpoint's own binding.
            http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit);
            Append(sha, http.Request.ContentType + "\n");
            await AppendAsync(sha, http.Request.Body, http.RequestAborted).ConfigureAwait(false);
            http.Request.Body.Position = 0;
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static void Append(IncrementalHash sha, string text) => sha.AppendData(Encoding.UTF8.GetBytes(text));

    private static async Task AppendAsync(IncrementalHash sha, Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }
    }

    private static async Task ReplayAsync(HttpContext http, IdempotencyRecord record)
    {
        http.Response.StatusCode = record.StatusCode!.Value;
        http.Response.Headers[ReplayedHeader] = "true";
        if (!string.IsNullOrEmpty(record.ContentType))
        {
            http.Response.ContentType = record.ContentType;
        }

        if (!string.IsNullOrEmpty(record.Location))
        {
            http.Response.Headers.Location = record.Location;
        }

        if (!string.IsNullOrEmpty(record.ETag))
        {
            http.Response.Headers.ETag = record.ETag;
        }

        if (record.Body is { Length: > 0 } body)
        {
            http.Response.ContentLength = body.Length;
            await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
        }
    }
}
