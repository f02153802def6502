using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.AspNetCore.Mvc;

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
        }

        return Page();
    }
}
