using System.Net;
using Scriban;
using Scriban.Parsing;

namespace Expertennetzwerk.Module.Templates;

/// <summary>
/// A Scriban context that HTML-encodes the output of every expression (<c>{{ customer.name }}</c>), while the
/// template's own markup is written unchanged. Brokers' and customers' text flows into HTML templates, and Scriban
/// has no automatic escaping of its own.
/// </summary>
internal sealed class HtmlEncodingTemplateContext : TemplateContext
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is null)
        {
            return this;
        }

        var text = ObjectToString(textAsObject);
        return string.IsNullOrEmpty(text) ? this : Write(WebUtility.HtmlEncode(text));
    }

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject)
    {
        Write(span, textAsObject);
        return new ValueTask<TemplateContext>(this);
    }
}
