using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Mvc;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Catalog;

/// <summary>The catalogue by category, with a text search over title and description (brokers).</summary>
internal sealed class IndexModel(ServiceCatalog catalog) : ModulePageModel
{
    public const int MaxSearchLength = 200;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "category")]
    public Guid? CategoryId { get; set; }

    public IReadOnlyList<CatalogCategory> Categories { get; private set; } = [];

    public IReadOnlyList<CatalogEntry> Entries { get; private set; } = [];

    public string CategoryName(CatalogCategory category) => Culture.TwoLetterISOLanguageName == "en" ? category.NameEnglish : category.NameGerman;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Broker) is { } answer)
        {
            return answer;
        }

        if (Search is { Length: > MaxSearchLength })
        {
            ModelState.AddModelError("q", Text(InputErrors.TooLong("q", MaxSearchLength).Text));
            Search = Search[..MaxSearchLength];
        }

        var categories = await catalog.ListCategoriesAsync(Actor, cancellationToken);
        var entries = await catalog.ListAsync(Actor, CategoryId, cancellationToken);
        if (!categories.IsOk || !entries.IsOk)
        {
            return Failure(categories.IsOk ? entries : categories);
        }

        var terms = (Search ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Categories = categories.Value;
        Entries = entries.Value
            .Where(e => terms.All(t => e.Title.Contains(t, StringComparison.CurrentCultureIgnoreCase) || e.Description.Contains(t, StringComparison.CurrentCultureIgnoreCase)))
            .ToList();
        return Page();
    }
}
