using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.AspNetCore.Mvc;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Orders;

/// <summary>The order list: counts per state, filters (state, free text), newest change first, keyset paging.</summary>
internal sealed class IndexModel(ExpertOrderQueries orders, ServiceCatalog catalog) : ModulePageModel
{
    public const int MaxTextLength = 100; // the core's limit of the free text
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "state")]
    public OrderState? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "category")]
    public Guid? CategoryId { get; set; }

    [BindProperty(SupportsGet = true, Name = "service")]
    public Guid? ServiceId { get; set; }

    /// <summary>Created on or after this day (UTC day boundaries).</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    /// <summary>Created on or before this day.</summary>
    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public OrderPage Orders { get; private set; } = new([], null, null);

    public IReadOnlyDictionary<Guid, string> ServiceTitles { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<CatalogCategory> Categories { get; private set; } = [];

    public string CategoryName(CatalogCategory category) => Culture.TwoLetterISOLanguageName == "en" ? category.NameEnglish : category.NameGerman;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveActor() is { } answer)
        {
            return answer;
        }

        if (!ModelState.IsValid)
        {
            // A value that is none of ours (typed into the URL): the list without that filter, the field marked.
            State = ModelState.GetFieldValidationState("state") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? null : State;
            CategoryId = ModelState.GetFieldValidationState("category") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? null : CategoryId;
            ServiceId = ModelState.GetFieldValidationState("service") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? null : ServiceId;
            From = ModelState.GetFieldValidationState("from") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? null : From;
            To = ModelState.GetFieldValidationState("to") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? null : To;
        }

        if (Search is { Length: > MaxTextLength })
        {
            ModelState.AddModelError("q", Text(InputErrors.TooLong("q", MaxTextLength).Text));
            Search = Search[..MaxTextLength];
        }

        var query = new OrderListQuery
        {
            States = State is { } state ? [state] : null,
            Text = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
            CategoryId = CategoryId,
            ServiceId = ServiceId,
            CreatedFrom = From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            CreatedTo = To is { } to && to < DateOnly.MaxValue ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            Cursor = string.IsNullOrEmpty(Cursor) ? null : Cursor,
            PageSize = PageSize,
            IncludeCounts = true,
        };
        var page = await orders.ListOrdersAsync(Actor, query, cancellationToken);
        if (page.Status == ResultStatus.ValidationFailed)
        {
            // A broken or foreign cursor, a text the core refuses: the message at its field, the list without that filter.
            foreach (var error in page.FieldErrors)
            {
                ModelState.AddModelError(error.Field switch { "text" => "q", "createdFrom" => "from", "createdTo" => "to", _ => error.Field }, Text(error.Text));
            }

            Cursor = null;
            if (page.FieldErrors.Any(e => e.Field == "text"))
            {
                Search = null;
            }

            if (page.FieldErrors.Any(e => e.Field is "createdFrom" or "createdTo"))
            {
                (From, To) = (null, null);
            }

            page = await orders.ListOrdersAsync(Actor, query with { Cursor = null, Text = Search, CreatedFrom = From is null ? null : query.CreatedFrom, CreatedTo = To is null ? null : query.CreatedTo }, cancellationToken);
        }

        if (!page.IsOk)
        {
            return Failure(page);
        }

        Orders = page.Value;
        var services = await catalog.ListAsync(Actor, cancellationToken: cancellationToken);
        ServiceTitles = services.IsOk ? services.Value.ToDictionary(s => s.ServiceId, s => s.Title) : ServiceTitles;
        var categories = await catalog.ListCategoriesAsync(Actor, cancellationToken);
        Categories = categories.IsOk ? categories.Value : Categories;
        return Page();
    }
}
