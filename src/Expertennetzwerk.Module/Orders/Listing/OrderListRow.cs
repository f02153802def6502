using System.Linq.Expressions;
using Expertennetzwerk.Module.Orders.Queries;

namespace Expertennetzwerk.Module.Orders.Listing;

/// <summary>A list row as read: the item, and whether the order's data are blocked (the reader may then not see the name).</summary>
internal sealed record OrderListRow(OrderListItem Item, bool DataProcessingBlocked)
{
    /// <summary>The row for a reader who is shown customer names (the owning broker, the assigned expert).</summary>
    public static readonly Expression<Func<ExpertOrder, OrderListRow>> WithPersonalData = o => new OrderListRow(
        new OrderListItem(o.Id, o.Number, o.State, o.ServiceId, o.CategoryId, o.BrokerPartyId, o.ExpertPartyId, o.CustomerDisplayName, o.ProgressStep, o.CreatedAt, o.UpdatedAt),
        o.DataProcessingBlocked);

    /// <summary>The row for a reader of metadata only (the operator): no customer name is even read.</summary>
    public static readonly Expression<Func<ExpertOrder, OrderListRow>> MetadataOnly = o => new OrderListRow(
        new OrderListItem(o.Id, o.Number, o.State, o.ServiceId, o.CategoryId, o.BrokerPartyId, o.ExpertPartyId, null, o.ProgressStep, o.CreatedAt, o.UpdatedAt),
        o.DataProcessingBlocked);
}
