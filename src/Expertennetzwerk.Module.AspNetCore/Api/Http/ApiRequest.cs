using System.Globalization;
using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>What an endpoint reads from its request besides the body: the resolved actor, <c>If-Match</c>.</summary>
internal static class ApiRequest
{
    private static readonly object ActorKey = new();

    /// <summary>The actor the pipeline resolved for this request (every endpoint but the anonymous ones has one).</summary>
    public static Actor Actor(HttpContext http) =>
        http.Items.TryGetValue(ActorKey, out var actor) && actor is Actor resolved
            ? resolved
            : throw new InvalidOperationException("The API pipeline resolved no actor for this endpoint (is it mapped outside MapExpertennetzwerkApi or marked anonymous?).");

    internal static void SetActor(HttpContext http, Actor actor) => http.Items[ActorKey] = actor;

    public static bool HasIfMatch(HttpContext http) => http.Request.Headers.IfMatch.Count > 0;

    /// <summary>
    /// The version <c>If-Match</c> demands: null when absent or <c>*</c>; <see cref="long.MinValue"/> (matching no order)
    /// when it names no version of ours, so the command answers 412.
    /// </summary>
    public static long? ExpectedVersion(HttpContext http)
    {
        var values = http.Request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseList(values, out var tags) || tags.Count == 0)
        {
            return long.MinValue;
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return null;
        }

        // One version per command: with several tags the first of ours counts.
        foreach (var tag in tags)
        {
            if (!tag.IsWeak && ApiETag.TryParse(tag.Tag.Value, out var version))
            {
                return version;
            }
        }

        return long.MinValue;
    }
}

/// <summary>The <c>ETag</c> of an order resource: its version, as a strong tag (<c>"7"</c>).</summary>
internal static class ApiETag
{
    public static string Format(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static bool TryParse(string? quoted, out long version)
    {
        version = 0;
        return quoted is { Length: > 2 } && quoted[0] == '"' && quoted[^1] == '"'
            && long.TryParse(quoted.AsSpan(1, quoted.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    /// <summary>Sets the response's <c>ETag</c> to <paramref name="version"/>.</summary>
    public static void Set(HttpContext http, long version) => http.Response.Headers.ETag = Format(version);
}
