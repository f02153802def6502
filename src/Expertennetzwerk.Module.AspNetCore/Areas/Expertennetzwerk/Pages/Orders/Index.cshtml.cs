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

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public OrderPage Orders { get; private set; } = new([], null, null);

    public IReadOnlyDictionary<Guid, string> ServiceTitles { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveActor() is { } answer)
        {
            return answer;
        }

        if (!ModelState.IsValid)
        {
            // A state that is none of ours (typed into the URL): the list unfiltered, the field marked.
            State = null;
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
                ModelState.AddModelError(error.Field == "text" ? "q" : error.Field, Text(error.Text));
            }

            Cursor = null;
            if (page.FieldErrors.Any(e => e.Field == "text"))
            {
                Search = null;
            }

            page = await orders.ListOrdersAsync(Actor, query with { Cursor = null, Text = Search }, cancellationToken);
        }

        if (!page.IsOk)
        {
            return Failure(page);
        }

        Orders = page.Value;
        var services = await catalog.ListAsync(Actor, cancellationToken: cancellationToken);
        ServiceTitles = services.IsOk ? services.Value.ToDictionary(s => s.ServiceId, s => s.Title) : ServiceTitles;
        return Page();
    }
}
