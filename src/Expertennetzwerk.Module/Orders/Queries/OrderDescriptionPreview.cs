using Expertennetzwerk.Module.Templates;

namespace Expertennetzwerk.Module.Orders.Queries;

/// <summary>
/// "Auftragsbeschreibung anzeigen": exactly what the expert receives — the order description as text and HTML from the
/// same renderer and data — plus the customer data that will be shared, by category.
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="Text">The description as plain text, with the template id and version that produced it.</param>
/// <param name="Html">The description as HTML (every value encoded).</param>
/// <param name="SharedData">The customer data categories and values the expert receives.</param>
public sealed record OrderDescriptionPreview(Guid OrderId, RenderedText Text, RenderedText Html, IReadOnlyList<SharedDataItem> SharedData);
