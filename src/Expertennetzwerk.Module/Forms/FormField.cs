namespace Expertennetzwerk.Module.Forms;

/// <summary>One field of an order form.</summary>
public sealed record FormField
{
    /// <summary>Key in the form data, e.g. <c>anlagebetrag</c>: letters, digits, '_' and '-', starting with a letter.</summary>
    public required string Key { get; init; }

    /// <summary>Label per culture (<c>de</c> is required, <c>en</c> recommended).</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Type of the value.</summary>
    public required FormFieldType Type { get; init; }

    /// <summary>Must be given before the order is placed (a draft may lack it).</summary>
    public bool Required { get; init; }

    /// <summary>Lower bound: length for text types, value for numbers and money (cents), count for multi-choice.</summary>
    public decimal? Min { get; init; }

    /// <summary>Upper bound, like <see cref="Min"/>.</summary>
    public decimal? Max { get; init; }

    /// <summary>Earliest date for <see cref="FormFieldType.Date"/>, <c>yyyy-MM-dd</c>.</summary>
    public string? MinDate { get; init; }

    /// <summary>Latest date for <see cref="FormFieldType.Date"/>, <c>yyyy-MM-dd</c>.</summary>
    public string? MaxDate { get; init; }

    /// <summary>Regular expression a text value must match in full.</summary>
    public string? Pattern { get; init; }

    /// <summary>The options of a choice or multi-choice field.</summary>
    public IReadOnlyList<FormChoice> Choices { get; init; } = [];

    /// <summary>Help text per culture.</summary>
    public IReadOnlyDictionary<string, string>? Help { get; init; }

    /// <summary>The section the field belongs to, if any.</summary>
    public string? Section { get; init; }
}
