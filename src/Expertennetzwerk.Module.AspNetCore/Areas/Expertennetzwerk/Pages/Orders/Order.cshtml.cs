using System.Text.Json;
using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
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
internal sealed partial class OrderModel(
    ExpertOrderQueries queries, ExpertOrderService orders, ServiceCatalog catalog, IStringLocalizer<PageTexts> texts)
    : ModulePageModel
{
    public OrderDetail Order { get; private set; } = null!;

    public string? ServiceTitle { get; private set; }

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

    /// <summary>The reason typed for withdrawing, kept when the core refuses it.</summary>
    [BindProperty(Name = "withdrawReason")]
    public string? WithdrawReason { get; set; }

    /// <summary>The reason typed for a dispute, kept when the core refuses it.</summary>
    [BindProperty(Name = "disputeReason")]
    public string? DisputeReason { get; set; }

    /// <summary>"Verbindlich weiterleiten": places the draft with the version the broker saw.</summary>
    public Task<IActionResult> OnPostPlaceAsync(Guid orderId, long version, CancellationToken cancellationToken) =>
        RunAsync(orderId, null, async () => await orders.PlaceAsync(Actor, orderId, version, cancellationToken), cancellationToken);

    /// <summary>Withdraws the order with a reason.</summary>
    public Task<IActionResult> OnPostWithdrawAsync(Guid orderId, long version, CancellationToken cancellationToken) =>
        RunAsync(orderId, "withdrawReason", async () => await orders.WithdrawAsync(Actor, orderId, WithdrawReason ?? string.Empty, version, cancellationToken), cancellationToken);

    /// <summary>Opens a dispute with a reason.</summary>
    public Task<IActionResult> OnPostDisputeAsync(Guid orderId, long version, CancellationToken cancellationToken) =>
        RunAsync(orderId, "disputeReason", async () => await orders.OpenDisputeAsync(Actor, orderId, DisputeReason ?? string.Empty, version, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs a command of the page: success → back to the order (post/redirect/get); the reason field's errors next to the
    /// field with the text kept (400); a refusal or a lost race above the page (409), nothing typed lost.
    /// </summary>
    private async Task<IActionResult> RunAsync(
        Guid orderId, string? textField, Func<Task<Result>> command, CancellationToken cancellationToken, params PartyKind[] kinds)
    {
        if (ResolveActor(kinds.Length == 0 ? [PartyKind.Broker] : kinds) is { } answer)
        {
            return answer;
        }

        var result = await command();
        if (result.IsOk)
        {
            return RedirectToPage("/Orders/Order", new { orderId });
        }

        var status = StatusCodes.Status409Conflict;
        switch (result.Status)
        {
            case ResultStatus.NotFound:
            case ResultStatus.Forbidden:
                return Failure(result);
            case ResultStatus.Conflict:
                Problem = texts["ChangedMeanwhile"];
                break;
            case ResultStatus.ValidationFailed:
                status = StatusCodes.Status400BadRequest;
                foreach (var error in result.FieldErrors)
                {
                    ModelState.AddModelError(_fieldKey?.Invoke(error.Field) ?? (error.Field is "reason" or "text" && textField is not null ? textField : error.Field), Text(error.Text));
                }

                break;
            default:
                Problem = result.Refusal is { } refusal ? Text(refusal.Text) : null;
                break;
        }

        var page = await ShowAsync(orderId, cancellationToken);
        HttpContext.Response.StatusCode = status;
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

        await LoadThreadAsync(orderId, cancellationToken);
        await LoadConsentsAsync(catalog, cancellationToken);
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
