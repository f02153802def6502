using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Orders;

/// <summary>
/// An order as the reader may see it: data, state, history, documentation with downloads, the message thread, and the
/// actions the core permits now ("verbindlich weiterleiten" only when placing is permitted).
/// </summary>
internal sealed partial class OrderModel(
    ExpertOrderQueries queries, ExpertOrderService orders, IStringLocalizer<PageTexts> texts)
    : ModulePageModel
{
    public OrderDetail Order { get; private set; } = null!;

    /// <summary>The order data as people read them: each field's label and formatted value, in form order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> FormData { get; private set; } = [];

    /// <summary>The draft's order form with its saved (or just typed) values, while the broker may still save it.</summary>
    public OrderFormView? DraftForm { get; private set; }

    /// <summary>"Auftragsbeschreibung anzeigen" for the readers the core shows it (broker, assigned expert).</summary>
    public bool ShowDescriptionLink => Order.IncludesPersonalData && Actor.PartyKind is PartyKind.Broker or PartyKind.Expert;

    /// <summary>The values the broker typed into the draft's form, kept when the core refuses them.</summary>
    private Dictionary<string, IReadOnlyList<string>>? _typed;

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

    /// <summary>Opens a dispute with a reason (broker or expert).</summary>
    public Task<IActionResult> OnPostDisputeAsync(Guid orderId, long version, CancellationToken cancellationToken) =>
        RunAsync(orderId, "disputeReason", async () => await orders.OpenDisputeAsync(Actor, orderId, DisputeReason ?? string.Empty, version, cancellationToken), cancellationToken,
            PartyKind.Broker, PartyKind.Expert);

    /// <summary>"Auftragsdaten speichern": the draft's form data with the version the broker saw.</summary>
    public async Task<IActionResult> OnPostSaveAsync(Guid orderId, long version, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Broker) is { } answer)
        {
            return answer;
        }

        // The form of the order's own service version says how each typed value goes to the core.
        var detail = await queries.GetOrderAsync(Actor, orderId, cancellationToken: cancellationToken);
        if (!detail.IsOk)
        {
            return Failure(detail);
        }

        var form = OrderFormFields.Definition(detail.Value.FormDefinitionJson);
        _typed = OrderFormFields.Read(form, Request.Form);
        var formDataJson = OrderFormFields.ToJson(form, _typed, Culture);
        return await RunAsync(orderId, null, async () => await orders.SaveDraftAsync(Actor, orderId, formDataJson, version, cancellationToken), cancellationToken);
    }

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

        var failure = Explain(result, texts["ChangedMeanwhile"]);
        if (failure.Answer is { } failed)
        {
            return failed;
        }

        var status = failure.StatusCode;
        Problem = failure.Problem;
        var formErrors = failure.FieldErrors.Where(e => e.Field.StartsWith("formData", StringComparison.Ordinal)).ToList();
        AddFieldErrors(
            failure.FieldErrors.Except(formErrors),
            field => _fieldKey?.Invoke(field) ?? (field is "reason" or "text" && textField is not null ? textField : field));

        var page = await ShowAsync(orderId, cancellationToken);
        if (formErrors.Count > 0 && OrderFormFields.AddErrors(ModelState, DraftForm?.Form, formErrors, texts) is { Count: > 0 } elsewhere)
        {
            Problem = string.Join(" ", elsewhere);
        }

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
        await LoadZoneAsync(cancellationToken);
        var form = OrderFormFields.Definition(Order.FormDefinitionJson);
        FormData = TemplateFormatter.FormFields(form, Order.FormDataJson, Culture.TwoLetterISOLanguageName)
            .Select(f => new KeyValuePair<string, string>(f.Label, f.Value)).ToList();
        DraftForm = Order.IncludesPersonalData && May(OrderTrigger.SaveDraft)
            ? new OrderFormView(form, _typed ?? OrderFormFields.FromJson(form, Order.FormDataJson, Culture))
            : null;

        await LoadThreadAsync(orderId, cancellationToken);
        await LoadConsentsAsync(cancellationToken);
        await LoadExpertAsync(cancellationToken);
        return Page();
    }
}
