using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.AspNetCore.Mvc;

namespace Expertennetzwerk.Module.AspNetCore.WebUi;

/// <summary>The start page: digital messages (unread), the host's customers, the expert network (catalogue, orders by state).</summary>
internal sealed class IndexModel(DigitalMessageQueries messages, ExpertOrderQueries orders) : ModulePageModel
{
    public int? Unread { get; private set; }

    /// <summary>The orders with unread messages, most recent first (at most five).</summary>
    public IReadOnlyList<OrderUnreadCount> UnreadOrders { get; private set; } = [];

    public IReadOnlyDictionary<OrderState, long> Counts { get; private set; } = new Dictionary<OrderState, long>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveActor() is { } answer)
        {
            return answer;
        }

        var unread = await messages.GetUnreadCountsAsync(Actor, cancellationToken);
        Unread = unread.IsOk ? unread.Value.Total : null;
        UnreadOrders = unread.IsOk ? unread.Value.ByOrder.Where(o => o.Unread > 0).OrderByDescending(o => o.LastReceivedAt).Take(5).ToList() : [];
        var page = await orders.ListOrdersAsync(Actor, new OrderListQuery { PageSize = 1, IncludeCounts = true }, cancellationToken);
        if (!page.IsOk)
        {
            return Failure(page);
        }

        Counts = page.Value.CountsByState ?? Counts;
        return Page();
    }
}
