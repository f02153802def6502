using System.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Expertennetzwerk.Module.Templates;

/// <summary>
/// A Scriban context that HTML-encodes the output of every expression (<c>{{ customer.name }}</c>), while the
/// template's own markup is written unchanged. Brokers' and customers' text flows into HTML templates, and Scriban
/// has no automatic escaping of its own. Encodes exactly the characters that matter in element content and quoted
/// attribute values (<c>&amp; &lt; &gt; " '</c>); umlauts, € and dashes stay readable.
/// </summary>
internal sealed class HtmlEncodingTemplateContext(ScriptObject builtins) : TemplateContext(builtins)
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is null)
        {
            return this;
        }

        var text = ObjectToString(textAsObject);
        return string.IsNullOrEmpty(text) ? this : Write(Encode(text));
    }

    /// <summary>HTML-encodes <c>&amp; &lt; &gt; " '</c>.</summary>
    internal static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject)
    {
        Write(span, textAsObject);
        return new ValueTask<TemplateContext>(this);
    }
}
