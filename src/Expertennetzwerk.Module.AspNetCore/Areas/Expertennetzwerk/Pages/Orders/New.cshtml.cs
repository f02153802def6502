using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Orders;

/// <summary>
/// "Experten-Dienstleistung bestellen": the service's order form (from its published version) for one of the broker's
/// customers; posting creates the draft (<c>CreateDraftAsync</c>) and leads to the order page. The customer comes from
/// the host's CRM (<c>customerRef</c> in the link) or is typed by its number: the module keeps no customer list.
/// </summary>
internal sealed class NewOrderModel(ServiceCatalog catalog, ExpertOrderService orders, ICustomerDirectory customers, IStringLocalizer<PageTexts> texts)
    : ModulePageModel
{
    /// <summary>The longest customer number the core takes.</summary>
    public const int MaxCustomerRefLength = 128;

    public CatalogServiceDetail Service { get; private set; } = null!;

    public OrderFormView Form { get; private set; } = null!;

    /// <summary>The customer's number in the host's CRM, from the link or typed.</summary>
    [BindProperty(SupportsGet = true, Name = "customerRef")]
    public string? CustomerRef { get; set; }

    /// <summary>The customer's name when the CRM knows the number.</summary>
    public string? CustomerName { get; private set; }

    /// <summary>A refusal of the core to show above the form.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Broker) is { } answer)
        {
            return answer;
        }

        return await ShowAsync(serviceId, null, cancellationToken) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Broker) is { } answer)
        {
            return answer;
        }

        var service = await catalog.GetAsync(Actor, serviceId, cancellationToken);
        if (!service.IsOk)
        {
            return Failure(service);
        }

        var form = OrderFormFields.Definition(service.Value.FormDefinitionJson);
        var typed = OrderFormFields.Read(form, Request.Form);
        var created = await orders.CreateDraftAsync(
            Actor, new CreateDraftCommand(serviceId, CustomerRef?.Trim() ?? string.Empty, OrderFormFields.ToJson(form, typed, Culture)), cancellationToken);
        if (created.IsOk)
        {
            return RedirectToPage("/Orders/Order", new { orderId = created.Value.OrderId });
        }

        var failed = Explain(created, texts["ChangedMeanwhile"]);
        if (failed.Answer is { } failedPage)
        {
            return failedPage;
        }

        var status = failed.StatusCode;
        Problem = failed.Problem;
        if (failed.FieldErrors.Count > 0 && OrderFormFields.AddErrors(ModelState, form, failed.FieldErrors, texts, "customerRef") is { Count: > 0 } elsewhere)
        {
            Problem = string.Join(" ", elsewhere);
        }

        if (await ShowAsync(serviceId, typed, cancellationToken) is { } failure)
        {
            return failure;
        }

        HttpContext.Response.StatusCode = status;
        return Page();
    }

    /// <summary>Loads the service and the customer's name; a page to answer instead when the service is not there.</summary>
    private async Task<IActionResult?> ShowAsync(Guid serviceId, IReadOnlyDictionary<string, IReadOnlyList<string>>? typed, CancellationToken cancellationToken)
    {
        var service = await catalog.GetAsync(Actor, serviceId, cancellationToken);
        if (!service.IsOk)
        {
            return Failure(service);
        }

        Service = service.Value;
        Form = new OrderFormView(OrderFormFields.Definition(Service.FormDefinitionJson), typed ?? new Dictionary<string, IReadOnlyList<string>>());

        // The catalogue call verified the actor; the name only confirms the customer the CRM's link named.
        if (CustomerRef is { Length: > 0 and <= MaxCustomerRefLength } customerRef && !string.IsNullOrWhiteSpace(customerRef))
        {
            var customer = await customers.FindAsync(Actor.NetworkId, Actor.PartyId, customerRef.Trim(), cancellationToken);
            CustomerName = customer?.DisplayName;
        }

        return null;
    }
}
