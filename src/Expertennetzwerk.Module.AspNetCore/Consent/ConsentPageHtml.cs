using System.Text;
using System.Text.Encodings.Web;

namespace Expertennetzwerk.Module.AspNetCore.Consent;

/// <summary>
/// The HTML of the consent and withdrawal pages a data subject sees: plain, German, no scripts. Every value is
/// HTML-encoded here; the declaration itself comes pre-rendered (and encoded) from the module's template.
/// </summary>
internal static class ConsentPageHtml
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All); // umlauts as they are; markup characters encoded

    public static string Document(string title, string body)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(Html.Encode(title)).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}")
            .Append("form{display:inline-block;margin:1rem 1rem 0 0}button{font-size:1rem;padding:.6rem 1.2rem}")
            .Append(".notice{padding:1rem;border:1px solid #999;border-radius:.3rem}</style></head><body>")
            .Append(body)
            .Append("</body></html>");
        return page.ToString();
    }

    public static string Form(string action, string fieldName, string fieldValue, string antiforgeryName, string antiforgeryToken, string label) =>
        $"<form method=\"post\" action=\"{Html.Encode(action)}\">" +
        $"<input type=\"hidden\" name=\"{Html.Encode(antiforgeryName)}\" value=\"{Html.Encode(antiforgeryToken)}\">" +
        $"<button type=\"submit\" name=\"{Html.Encode(fieldName)}\" value=\"{Html.Encode(fieldValue)}\">{Html.Encode(label)}</button></form>";

    public static string Notice(string heading, string text) =>
        $"<main><h1>{Html.Encode(heading)}</h1><p class=\"notice\">{Html.Encode(text)}</p></main>";

    public static string Encode(string value) => Html.Encode(value);
}
