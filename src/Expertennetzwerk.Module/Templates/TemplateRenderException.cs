namespace Expertennetzwerk.Module.Templates;

/// <summary>A template could not be rendered: a parse error, an unknown variable, a limit reached, or the time ran out.</summary>
public sealed class TemplateRenderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TemplateRenderException(string templateId, string message, IReadOnlyList<TemplateError>? errors = null, Exception? inner = null)
        : base($"Template '{templateId}': {message}", inner)
    {
        TemplateId = templateId;
        Errors = errors ?? [];
    }

    /// <summary>Creates the exception.</summary>
    public TemplateRenderException()
        : this("?", "rendering failed")
    {
    }

    /// <summary>Creates the exception.</summary>
    public TemplateRenderException(string message)
        : this("?", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TemplateRenderException(string message, Exception inner)
        : this("?", message, null, inner)
    {
    }

    /// <summary>The template.</summary>
    public string TemplateId { get; }

    /// <summary>Positions of parse errors, when the template did not parse.</summary>
    public IReadOnlyList<TemplateError> Errors { get; }
}
