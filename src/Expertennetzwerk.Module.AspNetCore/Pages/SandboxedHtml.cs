using System.Net;

namespace Expertennetzwerk.Module.AspNetCore.Pages;

/// <summary>
/// Rendered HTML a page shows (an order description, a template preview) as a document of its own, for a frame with
/// <c>sandbox="allow-same-origin"</c> and no scripts: the core encodes every value in it, and the frame keeps even the
/// template's own markup (written by a service's expert) from running anything in the module's page.
/// </summary>
internal static class SandboxedHtml
{
    public static string Document(string language, string title, string body) =>
        "<!DOCTYPE html><html lang=\"" + WebUtility.HtmlEncode(language) + "\"><head><meta charset=\"utf-8\"><title>"
        + WebUtility.HtmlEncode(title) + "</title><style>body{font-family:system-ui,sans-serif;color:#1d2733;line-height:1.5;margin:1rem}"
        + "dt{font-weight:600}dd{margin:0 0 .5rem}</style></head><body>" + body + "</body></html>";
}
