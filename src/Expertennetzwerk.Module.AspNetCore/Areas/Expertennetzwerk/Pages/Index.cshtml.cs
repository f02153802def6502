using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.AspNetCore.WebUi;

/// <summary>
/// The start page: digital messages (the unread count and the newest unread ones, the network's notices included), the
/// host's customers (<see cref="ExpertennetzwerkAspNetCoreOptions.CustomersUrl"/>), the expert network (catalogue, orders by state).
/// </summary>
internal sealed class IndexModel(DigitalMessageQueries messages, ExpertOrderQueries orders) : ModulePageModel
{
    public const int NewestShown = 3;

    /// <summary>The acting user's unread messages; null for who has no inbox (the operator).</summary>
    public int? Unread { get; private set; }

    /// <summary>The newest unread messages (at most <see cref="NewestShown"/>).</summary>
    public IReadOnlyList<DigitalMessageItem> NewestUnread { get; private set; } = [];

    public const int OpenShown = 5;

    /// <summary>The expert's open orders (to accept or to work on), newest change first; null for other parties.</summary>
    public IReadOnlyList<OrderListItem>? OpenOrders { get; private set; }

    /// <summary>By when each shown placed order should be accepted (the SLA of the order's own service version, as the expert's mail says).</summary>
    public Dictionary<Guid, DateOnly> AcceptBy { get; } = [];

    public IReadOnlyDictionary<OrderState, long> Counts { get; private set; } = new Dictionary<OrderState, long>();

    /// <summary>Whether the catalogue is the actor's (brokers order from it).</summary>
    public bool ShowsCatalog => Actor.PartyKind == PartyKind.Broker;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveActor() is { } answer)
        {
            return answer;
        }

        await LoadZoneAsync(cancellationToken);
        var inbox = await messages.ListInboxAsync(Actor, new InboxQuery { PageSize = NewestShown, UnreadOnly = true }, cancellationToken);
        Unread = inbox.IsOk ? inbox.Value.UnreadTotal : null;
        NewestUnread = inbox.IsOk ? inbox.Value.Items : [];
        var page = await orders.ListOrdersAsync(Actor, new OrderListQuery { PageSize = 1, IncludeCounts = true }, cancellationToken);
        if (!page.IsOk)
        {
            return Failure(page);
        }

        Counts = page.Value.CountsByState ?? Counts;
        if (Actor.PartyKind == PartyKind.Expert)
        {
            var open = await orders.ListOrdersAsync(Actor, new OrderListQuery { States = Orders.IndexModel.OpenStates, PageSize = OpenShown }, cancellationToken);
            OpenOrders = open.IsOk ? open.Value.Items : [];
            await LoadAcceptByAsync(cancellationToken);
        }

        return Page();
    }

    /// <summary>
    /// The list item carries no accept-by date, so it is computed like the placement mail's: the order's placement plus the
    /// business days of its own service version (two reads per placed order shown, at most <see cref="OpenShown"/>).
    /// </summary>
    private async Task LoadAcceptByAsync(CancellationToken cancellationToken)
    {
        var versions = HttpContext.RequestServices.GetRequiredService<ServiceAdministration>();
        var days = new Dictionary<Guid, int>();
        foreach (var item in OpenOrders!.Where(o => o.State == OrderState.Placed))
        {
            var detail = await orders.GetOrderAsync(Actor, item.Id, cancellationToken: cancellationToken);
            if (!detail.IsOk || detail.Value.PlacedAt is not { } placedAt)
            {
                continue;
            }

            if (!days.TryGetValue(detail.Value.ServiceVersionId, out var within))
            {
                var version = await versions.GetVersionAsync(Actor, detail.Value.ServiceVersionId, cancellationToken);
                within = days[detail.Value.ServiceVersionId] = version.IsOk ? version.Value.Content.AcceptWithinBusinessDays : 0;
            }

            if (within > 0)
            {
                AcceptBy[item.Id] = NotificationPlanner.AddBusinessDays(placedAt, within, Zone);
            }
        }
    }
}
