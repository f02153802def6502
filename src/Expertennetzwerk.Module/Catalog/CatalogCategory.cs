namespace Expertennetzwerk.Module.Catalog;

/// <summary>A category of the catalogue as a reader sees it.</summary>
/// <param name="Id">The category.</param>
/// <param name="Key">Its stable key (e.g. <c>vorsorge</c>).</param>
/// <param name="NameGerman">German name.</param>
/// <param name="NameEnglish">English name.</param>
public sealed record CatalogCategory(Guid Id, string Key, string NameGerman, string NameEnglish);
