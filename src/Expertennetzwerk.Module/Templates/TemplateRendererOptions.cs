namespace Expertennetzwerk.Module.Templates;

/// <summary>Limits of the template sandbox.</summary>
internal sealed class TemplateRendererOptions
{
    /// <summary>
    /// Longest a render may take, in wall-clock time; default 10 s. The last guard against a runaway template (loops,
    /// recursion and output have their own limits): on a busy machine a shipped template's render passed 2 s under the
    /// load harness (docs/reliability.md) and the user's request failed.
    /// </summary>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most iterations of one loop; default 1,000.</summary>
    public int LoopLimit { get; set; } = 1_000;

    /// <summary>Deepest recursion of functions; default 20.</summary>
    public int RecursiveLimit { get; set; } = 20;

    /// <summary>Most characters of output; default 256 Ki.</summary>
    public int OutputLimit { get; set; } = 256 * 1024;
}
