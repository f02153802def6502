using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Operator;

/// <summary>The network's open disputes, metadata only (number, dates, parties by kind); each links to its dispute view.</summary>
internal sealed class DisputesModel(ExpertOrderQueries orders, IStringLocalizer<PageTexts> texts) : ModulePageModel
{
    public const int PageSize = 25;

    public OrderPage Disputes { get; private set; } = new([], null, null);

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? cursor, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Operator) is { } answer)
        {
            return answer;
        }

        await LoadZoneAsync(cancellationToken);
        var query = new OrderListQuery { States = [OrderState.Disputed], PageSize = PageSize, IncludeCounts = false, Cursor = cursor };
        var page = await orders.ListOrdersAsync(Actor, query, cancellationToken);
        if (page.Status == ResultStatus.ValidationFailed)
        {
            Notice = texts["CursorInvalid"];
            page = await orders.ListOrdersAsync(Actor, query with { Cursor = null }, cancellationToken);
        }

        if (!page.IsOk)
        {
            return Failure(page);
        }

        Disputes = page.Value;
        return Page();
    }
}
