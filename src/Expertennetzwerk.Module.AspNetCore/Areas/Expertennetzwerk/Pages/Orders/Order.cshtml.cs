using System.Text.Json;
using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Orders;

/// <summary>
/// An order as the reader may see it: data, state, history, documentation with downloads, the message thread, and the
/// actions the core permits now ("verbindlich weiterleiten" only when placing is permitted).
/// </summary>
internal sealed class OrderModel(ExpertOrderQueries queries, ExpertOrderService orders, DigitalMessageQueries messages, ServiceCatalog catalog, IStringLocalizer<PageTexts> texts) : ModulePageModel
{
    public OrderDetail Order { get; private set; } = null!;

    public string? ServiceTitle { get; private set; }

    public IReadOnlyList<DigitalMessageItem> Thread { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> FormData { get; private set; } = [];

    /// <summary>The outcome of an action to show above the page (a refusal's text, or "changed meanwhile").</summary>
    public string? Problem { get; private set; }

    public bool May(OrderTrigger trigger) => Order.PermittedActions.Contains(trigger);

    public async Task<IActionResult> OnGetAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (ResolveActor() is { } answer)
        {
            return answer;
        }

        return await ShowAsync(orderId, cancellationToken);
    }

    /// <summary>A file of the documentation or the thread, access-checked by the core; always a download.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid orderId, Guid fileId, CancellationToken cancellationToken)
    {
        if (ResolveActor() is { } answer)
        {
            return answer;
        }

        var opened = await queries.OpenFileAsync(Actor, orderId, fileId, cancellationToken: cancellationToken);
        if (!opened.IsOk)
        {
            return Failure(opened);
        }

        var file = opened.Value;
        HttpContext.Response.RegisterForDisposeAsync(file);
        return File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>"Verbindlich weiterleiten": places the draft with the version the broker saw.</summary>
    public async Task<IActionResult> OnPostPlaceAsync(Guid orderId, long version, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Broker) is { } answer)
        {
            return answer;
        }

        var placed = await orders.PlaceAsync(Actor, orderId, version, cancellationToken);
        if (placed.IsOk)
        {
            return RedirectToPage("/Orders/Order", new { orderId });
        }

        switch (placed.Status)
        {
            case ResultStatus.NotFound:
            case ResultStatus.Forbidden:
                return Failure(placed);
            case ResultStatus.Conflict:
                Problem = texts["ChangedMeanwhile"];
                break;
            default:
                Problem = placed.Refusal is { } refusal ? Text(refusal.Text)
                    : string.Join(" ", placed.FieldErrors.Select(e => Text(e.Text)));
                break;
        }

        var page = await ShowAsync(orderId, cancellationToken);
        HttpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }

    private async Task<IActionResult> ShowAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var detail = await queries.GetOrderAsync(Actor, orderId, cancellationToken: cancellationToken);
        if (!detail.IsOk)
        {
            return Failure(detail);
        }

        Order = detail.Value;
        var service = await catalog.GetAsync(Actor, Order.ServiceId, cancellationToken);
        ServiceTitle = service.IsOk ? service.Value.Entry.Title : null;
        FormData = Flatten(Order.FormDataJson);

        // The thread exists from Placed on; before, the core refuses it and the page shows none.
        var thread = await messages.ListThreadAsync(Actor, orderId, new ThreadQuery { PageSize = 50 }, cancellationToken);
        Thread = thread.IsOk ? thread.Value.Items.OrderBy(m => m.Sequence).ToList() : [];
        return Page();
    }

    private static List<KeyValuePair<string, string>> Flatten(string? json)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(json))
        {
            return fields;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString() ?? string.Empty,
                    JsonValueKind.Array => string.Join(", ", property.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
                    _ => property.Value.GetRawText(),
                };
                fields.Add(new(property.Name, value));
            }
        }

        return fields;
    }
}
