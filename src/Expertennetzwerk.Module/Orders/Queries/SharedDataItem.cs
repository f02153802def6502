namespace Expertennetzwerk.Module.Orders.Queries;

/// <summary>One customer value the expert receives, with the category and legal basis it is shared under.</summary>
/// <param name="Category">The data category, e.g. "Kontaktdaten".</param>
/// <param name="LegalBasis">Its legal basis as people read it.</param>
/// <param name="Label">The field, e.g. "Geburtsdatum".</param>
/// <param name="Value">The value as shared, formatted.</param>
public sealed record SharedDataItem(string Category, string LegalBasis, string Label, string Value);
