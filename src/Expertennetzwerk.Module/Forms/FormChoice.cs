namespace Expertennetzwerk.Module.Forms;

/// <summary>One option of a choice or multi-choice field.</summary>
public sealed record FormChoice
{
    /// <summary>The value stored in the form data.</summary>
    public required string Value { get; init; }

    /// <summary>Label per culture (<c>de</c>, <c>en</c>).</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
