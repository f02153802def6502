namespace Expertennetzwerk.Module.Forms;

/// <summary>A titled group of fields.</summary>
public sealed record FormSection
{
    /// <summary>Key fields refer to.</summary>
    public required string Key { get; init; }

    /// <summary>Title per culture (<c>de</c>, <c>en</c>).</summary>
    public required IReadOnlyDictionary<string, string> Titles { get; init; }
}
