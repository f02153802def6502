namespace Expertennetzwerk.Module.Templates;

/// <summary>What a template produces.</summary>
public enum TemplateFormat
{
    /// <summary>Plain text: expression output is written as is.</summary>
    Text,
    /// <summary>HTML: every expression's output is HTML-encoded by default (Scriban itself never escapes).</summary>
    Html,
    /// <summary>A mail's subject: plain text on one line (line breaks are folded into spaces after rendering).</summary>
    Subject,
}
