namespace Expertennetzwerk.Module.Templates;

/// <summary>Limits of the template sandbox.</summary>
internal sealed class TemplateRendererOptions
{
    /// <summary>Longest a render may take; default 2 s.</summary>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most iterations of one loop; default 1,000.</summary>
    public int LoopLimit { get; set; } = 1_000;

    /// <summary>Deepest recursion of functions; default 20.</summary>
    public int RecursiveLimit { get; set; } = 20;

    /// <summary>Most characters of output; default 256 Ki.</summary>
    public int OutputLimit { get; set; } = 256 * 1024;
}
