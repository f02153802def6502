using System.Globalization;
using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>The language of the API's texts: English when <c>Accept-Language</c> prefers it over German, German otherwise.</summary>
internal static class ApiCulture
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static CultureInfo Of(HttpContext http)
    {
        RequestHeaders headers;
        try
        {
            headers = http.Request.GetTypedHeaders();
            foreach (var language in headers.AcceptLanguage.OrderByDescending(l => l.Quality ?? 1.0))
            {
                var value = language.Value.Value ?? string.Empty;
                if (value.StartsWith("en", StringComparison.OrdinalIgnoreCase))
                {
                    return English;
                }

                if (value.StartsWith("de", StringComparison.OrdinalIgnoreCase))
                {
                    return German;
                }
            }
        }
        catch (FormatException)
        {
            // A malformed header is no reason to fail the request: German, the module's default.
        }

        return German;
    }

    public static string Text(HttpContext http, LocalizedText text) => text.Get(Of(http));
}
