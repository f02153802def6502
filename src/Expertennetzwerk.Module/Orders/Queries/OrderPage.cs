namespace Expertennetzwerk.Module.Orders.Queries;

/// <summary>One page of an order list.</summary>
/// <param name="Items">The rows, newest change first.</param>
/// <param name="NextCursor">Pass it as <see cref="OrderListQuery.Cursor"/> for the next page; null on the last page.</param>
/// <param name="CountsByState">How many of the actor's orders are in each state (unfiltered), when asked for.</param>
public sealed record OrderPage(IReadOnlyList<OrderListItem> Items, string? NextCursor, IReadOnlyDictionary<OrderState, long>? CountsByState);
