namespace Expertennetzwerk.Module.Templates;

/// <summary>One problem in a template, with its position (1-based).</summary>
/// <param name="Line">Line, starting at 1.</param>
/// <param name="Column">Column, starting at 1.</param>
/// <param name="Message">What is wrong (Scriban's message).</param>
public sealed record TemplateError(int Line, int Column, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"({Line},{Column}): {Message}";
}
