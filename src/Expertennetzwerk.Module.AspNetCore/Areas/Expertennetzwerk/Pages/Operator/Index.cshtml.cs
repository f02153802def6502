using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Outbox;
using Microsoft.AspNetCore.Mvc;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Operator;

/// <summary>The operator's dashboard: the network's orders per state, open disputes, dead letters and service versions awaiting review, each with its page.</summary>
internal sealed class IndexModel(ExpertOrderQueries orders, OutboxAdministration outbox, ServiceAdministration services) : ModulePageModel
{
    public IReadOnlyDictionary<OrderState, long> Counts { get; private set; } = new Dictionary<OrderState, long>();

    public long OpenDisputes => Counts.TryGetValue(OrderState.Disputed, out var count) ? count : 0;

    /// <summary>Dead letters on the first page of the list (up to <see cref="OutboxAdministration.MaxPageSize"/>).</summary>
    public int DeadLetters { get; private set; }

    /// <summary>True when there are more dead letters than <see cref="DeadLetters"/> says.</summary>
    public bool MoreDeadLetters { get; private set; }

    public int AwaitingReview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Operator) is { } answer)
        {
            return answer;
        }

        var page = await orders.ListOrdersAsync(Actor, new OrderListQuery { PageSize = 1, IncludeCounts = true }, cancellationToken);
        if (!page.IsOk)
        {
            return Failure(page);
        }

        Counts = page.Value.CountsByState ?? Counts;
        var dead = await outbox.ListDeadLettersAsync(Actor, null, OutboxAdministration.MaxPageSize, cancellationToken);
        if (!dead.IsOk)
        {
            return Failure(dead);
        }

        (DeadLetters, MoreDeadLetters) = (dead.Value.Items.Count, dead.Value.NextCursor is not null);
        var reviews = await services.ListServicesAsync(Actor, awaitingReviewOnly: true, cancellationToken);
        if (!reviews.IsOk)
        {
            return Failure(reviews);
        }

        AwaitingReview = reviews.Value.Count;
        return Page();
    }
}
