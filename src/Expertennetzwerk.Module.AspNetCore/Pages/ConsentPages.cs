using System.Globalization;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Expertennetzwerk.Module.AspNetCore.Pages;

/// <summary>
/// What the data subject's pages (<c>Consent/Decide</c>, <c>Consent/Withdraw</c>) share: the token of the link is a secret
/// in the path, so their answers stay out of caches, referrers and search engines, and the token is taken out of the
/// route values before MVC runs (MVC logs route values at Information and below); the pages read it from here.
/// </summary>
internal static class ConsentPages
{
    public const string DefaultPrefix = "/expertennetzwerk/consent";
    public const string DecidePage = "/Consent/Decide";
    public const string WithdrawPage = "/Consent/Withdraw";

    private const string TokenKey = "Expertennetzwerk.ConsentToken";
    private const string CultureKey = "Expertennetzwerk.ConsentCulture";
    private const string TokenRouteValue = "token";

    public static bool IsConsentPage(EndpointBuilder endpoint) =>
        endpoint.Metadata.OfType<PageActionDescriptor>().Any(d => d.AreaName == ExpertennetzwerkPageRoutes.Area
            && (string.Equals(d.ViewEnginePath, DecidePage, StringComparison.OrdinalIgnoreCase) || string.Equals(d.ViewEnginePath, WithdrawPage, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The token of the link the page was opened with.</summary>
    public static string? Token(HttpContext http) => http.Items.TryGetValue(TokenKey, out var token) ? token as string : null;

    /// <summary>
    /// The declaration's page speaks the data subject's language, the one the declaration was asked in — unless the link
    /// carries <c>?culture=de</c> or <c>?culture=en</c>. Applied to the rendering by <see cref="ConsentPageCultureAttribute"/>
    /// (a handler's own culture change would not outlive it). Pages without a declaration keep the request's language.
    /// </summary>
    public static void SpeakLanguageOf(HttpContext http, string declarationCulture)
    {
        var asked = http.Request.Query["culture"].ToString();
        var language = asked.StartsWith("en", StringComparison.OrdinalIgnoreCase) || asked.StartsWith("de", StringComparison.OrdinalIgnoreCase) ? asked : declarationCulture;
        http.Items[CultureKey] = CultureInfo.GetCultureInfo(language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en-GB" : "de-DE");
    }

    /// <summary>The culture <see cref="SpeakLanguageOf"/> chose, if any.</summary>
    public static CultureInfo? ChosenCulture(HttpContext http) => http.Items.TryGetValue(CultureKey, out var culture) ? culture as CultureInfo : null;

    /// <summary>The one neutral text for any link that does not work, as the host's RefusalDescriber gave it when the service answered it.</summary>
    public static string InvalidLinkText(Result failure)
    {
        var refusal = failure.Refusal is { } r && r.Code == ConsentRefusals.InvalidLink.Code ? r : ConsentRefusals.InvalidLink;
        return refusal.Text.Get(CultureInfo.CurrentUICulture);
    }

    public static async Task InvokeAsync(HttpContext http, RequestDelegate inner)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        if (http.Request.RouteValues.TryGetValue(TokenRouteValue, out var token))
        {
            http.Items[TokenKey] = token as string;
            http.Request.RouteValues[TokenRouteValue] = "-";
        }

        try
        {
            await inner(http).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
        {
            // A body the server refuses before the page runs (too large, cut off): its status, never a stack trace.
            http.Response.Clear();
            http.Response.StatusCode = ex.StatusCode;
        }
    }
}

/// <summary>Renders a consent page in the language <see cref="ConsentPages.SpeakLanguageOf"/> chose (set before the result runs).</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ConsentPageCultureAttribute : Attribute, IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (ConsentPages.ChosenCulture(context.HttpContext) is { } culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            context.HttpContext.Response.Headers.ContentLanguage = culture.TwoLetterISOLanguageName;
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
