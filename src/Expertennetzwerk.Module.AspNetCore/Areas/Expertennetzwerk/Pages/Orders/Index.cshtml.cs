using System.Globalization;
using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Orders;

/// <summary>
/// The order list: counts per state, every filter of the core's <see cref="OrderListQuery"/> as a GET form (states,
/// service, category, customer, created and changed days, free text), newest change first, keyset paging. The values
/// are bound as typed: one that is not valid is shown at its field, kept, and left out of the search; never a 500.
/// </summary>
internal class IndexModel(ExpertOrderQueries orders, ServiceCatalog catalog, CatalogNames catalogNames, IStringLocalizer<PageTexts> texts) : ModulePageModel
{
    public const int MaxTextLength = 100; // the core's limit of the free text
    public const int MaxCustomerLength = ExpertOrderQueries.MaxCustomerRefLength;
    public const int PageSize = 25;

    // The query's names; the form's fields and the error keys are the same.
    public const string StateField = "state";
    public const string TextField = "q";
    public const string ServiceField = "service";
    public const string CategoryField = "category";
    public const string CustomerField = "customer";
    public const string FromField = "from";
    public const string ToField = "to";
    public const string UpdatedFromField = "updatedFrom";
    public const string UpdatedToField = "updatedTo";
    public const string CursorField = "cursor";

    /// <summary>The states an expert still has to act on (its list and start page open on them).</summary>
    public static readonly IReadOnlyList<OrderState> OpenStates = [OrderState.Placed, OrderState.InProgress, OrderState.AwaitingInformation];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d.M.yyyy", "dd.MM.yyyy"];

    [BindProperty(SupportsGet = true, Name = StateField)]
    public List<string> StateValues { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = TextField)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = ServiceField)]
    public string? ServiceValue { get; set; }

    [BindProperty(SupportsGet = true, Name = CategoryField)]
    public string? CategoryValue { get; set; }

    [BindProperty(SupportsGet = true, Name = CustomerField)]
    public string? Customer { get; set; }

    [BindProperty(SupportsGet = true, Name = FromField)]
    public string? FromValue { get; set; }

    [BindProperty(SupportsGet = true, Name = ToField)]
    public string? ToValue { get; set; }

    [BindProperty(SupportsGet = true, Name = UpdatedFromField)]
    public string? UpdatedFromValue { get; set; }

    [BindProperty(SupportsGet = true, Name = UpdatedToField)]
    public string? UpdatedToValue { get; set; }

    [BindProperty(SupportsGet = true, Name = CursorField)]
    public string? Cursor { get; set; }

    /// <summary>The states the list is filtered by (the valid ones of <see cref="StateValues"/>).</summary>
    public IReadOnlyList<OrderState> States { get; private set; } = [];

    public Guid? ServiceId { get; private set; }

    public Guid? CategoryId { get; private set; }

    /// <summary>Whether the actor may filter by customer (the operator sees no customers).</summary>
    public bool ShowsCustomers => Actor.PartyKind != PartyKind.Operator;

    /// <summary>The clear message for a next-page link that is broken, tampered with or from other filters.</summary>
    public string? CursorProblem { get; private set; }

    public OrderPage Orders { get; private set; } = new([], null, null);

    /// <summary>The link to the next page: the same filters and the core's cursor; null on the last page.</summary>
    public string? NextPageUrl { get; private set; }

    public IReadOnlyDictionary<Guid, string> ServiceTitles { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The services for the filter's choice, in title order.</summary>
    public IReadOnlyList<(Guid Id, string Title)> Services { get; private set; } = [];

    public IReadOnlyList<CatalogCategory> Categories { get; private set; } = [];

    public string CategoryName(CatalogCategory category) => Culture.TwoLetterISOLanguageName == "en" ? category.NameEnglish : category.NameGerman;

    /// <summary>The page the list's links (counts, filters, next page) lead to: this list, or the operator's (<c>Operator/Orders</c>).</summary>
    public virtual string ListPage => "/Orders/Index";

    /// <summary>The parties who may open the list (any when empty).</summary>
    protected virtual PartyKind[] Readers => [];

    /// <summary>The core's order queries, for a list that shows more per row.</summary>
    protected ExpertOrderQueries Queries => orders;

    /// <summary>Runs after the page of orders is loaded: what a list shows beyond the rows (null to show the page).</summary>
    protected virtual Task<IActionResult?> LoadedAsync(CancellationToken cancellationToken) => Task.FromResult<IActionResult?>(null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveActor(Readers) is { } answer)
        {
            return answer;
        }

        await LoadZoneAsync(cancellationToken);

        // Model binding of plain strings cannot fail; the checks are ours, with our texts.
        ModelState.Clear();
        var query = ReadFilters();
        query = query with { Cursor = string.IsNullOrEmpty(Cursor) ? null : Cursor };
        var page = await orders.ListOrdersAsync(Actor, query, cancellationToken);
        if (page.Status == ResultStatus.ValidationFailed)
        {
            // What the core refuses (a broken, tampered or foreign cursor; a text with a control character; the customer
            // filter for an actor who sees no customers): the message at its field, the list without that filter.
            foreach (var error in page.FieldErrors)
            {
                switch (error.Field)
                {
                    case "cursor":
                        CursorProblem = texts["CursorInvalid"].Value;
                        query = query with { Cursor = null };
                        break;
                    case "text":
                        ModelState.AddModelError(TextField, Text(error.Text));
                        query = query with { Text = null };
                        break;
                    case "customerRef":
                        ModelState.AddModelError(CustomerField, Text(error.Text));
                        query = query with { CustomerRef = null };
                        break;
                    default:
                        ModelState.AddModelError(error.Field, Text(error.Text));
                        break;
                }
            }

            page = await orders.ListOrdersAsync(Actor, query, cancellationToken);
        }

        if (!page.IsOk)
        {
            return Failure(page);
        }

        Orders = page.Value;
        NextPageUrl = Orders.NextCursor is { } next ? Url.Page(ListPage) + QueryOf(query, next) : null;
        var names = await catalogNames.GetAsync(catalog, Actor, cancellationToken);
        (Services, ServiceTitles, Categories) = (names.Services, names.ServiceTitles, names.Categories);
        return await LoadedAsync(cancellationToken) ?? Page();
    }

    /// <summary>The query of the valid filters; every invalid one is a field error and left out.</summary>
    private OrderListQuery ReadFilters()
    {
        var states = new List<OrderState>();
        foreach (var value in StateValues.Where(v => !string.IsNullOrEmpty(v)))
        {
            if (ParseState(value) is { } state)
            {
                if (!states.Contains(state))
                {
                    states.Add(state);
                }
            }
            else
            {
                ModelState.AddModelError(StateField, Text(InputErrors.NotAllowed(StateField).Text));
            }
        }

        if (states.Count == 0 && Actor.PartyKind == PartyKind.Expert && Request.Query.Count == 0)
        {
            // An expert's list opens on the open orders: to accept or to work on.
            states.AddRange(OpenStates);
        }

        States = states;
        ServiceId = ParseId(ServiceField, ServiceValue);
        CategoryId = ParseId(CategoryField, CategoryValue);
        var text = CheckLength(TextField, Search, MaxTextLength);
        var customer = ShowsCustomers ? CheckLength(CustomerField, Customer, MaxCustomerLength) : null;
        var (createdFrom, createdTo) = ParseRange(FromField, FromValue, ToField, ToValue);
        var (updatedFrom, updatedTo) = ParseRange(UpdatedFromField, UpdatedFromValue, UpdatedToField, UpdatedToValue);
        return new OrderListQuery
        {
            States = states.Count > 0 ? states : null,
            ServiceId = ServiceId,
            CategoryId = CategoryId,
            CustomerRef = customer,
            CreatedFrom = createdFrom,
            CreatedTo = createdTo,
            UpdatedFrom = updatedFrom,
            UpdatedTo = updatedTo,
            Text = text,
            PageSize = PageSize,
            IncludeCounts = true,
        };
    }

    private static OrderState? ParseState(string value)
    {
        foreach (var state in Enum.GetValues<OrderState>())
        {
            if (string.Equals(state.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return state;
            }
        }

        return null;
    }

    private Guid? ParseId(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Guid.TryParseExact(value.Trim(), "D", out var id))
        {
            return id;
        }

        ModelState.AddModelError(field, Text(InputErrors.NotAllowed(field).Text));
        return null;
    }

    private string? CheckLength(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > max)
        {
            ModelState.AddModelError(field, Text(InputErrors.TooLong(field, max).Text));
            return null;
        }

        return trimmed;
    }

    /// <summary>A range of days in the network's zone: from the first instant of the first day to the end of the last.</summary>
    private (DateTimeOffset? From, DateTimeOffset? To) ParseRange(string fromField, string? fromValue, string toField, string? toValue)
    {
        var from = ParseDay(fromField, fromValue);
        var to = ParseDay(toField, toValue);
        if (from is { } f && to is { } t && t < f)
        {
            ModelState.AddModelError(toField, texts["DateRangeReversed"].Value);
            return (null, null);
        }

        return (from is { } start ? NetworkZones.StartOf(start, Zone) : null, to is { } end ? NetworkZones.StartOf(end.AddDays(1), Zone) : null);
    }

    private DateOnly? ParseDay(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // Years a person means; also keeps the day's bounds far from the ends of the calendar.
        if (DateOnly.TryParseExact(value.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 1900 and <= 9998)
        {
            return day;
        }

        ModelState.AddModelError(field, texts["DateInvalid"].Value);
        return null;
    }

    /// <summary>The query string of the valid filters, as the form sends them, with <paramref name="cursor"/>.</summary>
    private string QueryOf(OrderListQuery query, string cursor)
    {
        var builder = new QueryBuilder();
        foreach (var state in States)
        {
            builder.Add(StateField, state.ToString());
        }

        Add(TextField, query.Text);
        Add(ServiceField, ServiceId?.ToString("D"));
        Add(CategoryField, CategoryId?.ToString("D"));
        Add(CustomerField, query.CustomerRef);
        Add(FromField, query.CreatedFrom is null ? null : FromValue);
        Add(ToField, query.CreatedTo is null ? null : ToValue);
        Add(UpdatedFromField, query.UpdatedFrom is null ? null : UpdatedFromValue);
        Add(UpdatedToField, query.UpdatedTo is null ? null : UpdatedToValue);
        builder.Add(CursorField, cursor);
        return builder.ToString();

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                builder.Add(name, value.Trim());
            }
        }
    }
}
