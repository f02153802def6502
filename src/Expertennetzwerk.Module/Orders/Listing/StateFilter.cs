namespace Expertennetzwerk.Module.Orders.Listing;

/// <summary>What a list's state filter amounts to.</summary>
internal enum StateFilterKind
{
    /// <summary>Every state.</summary>
    None,

    /// <summary>Exactly one state.</summary>
    One,

    /// <summary>Exactly the open states, or exactly the closed ones: the open flag alone says it.</summary>
    Group,

    /// <summary>Any other set of states.</summary>
    List,
}

/// <summary>
/// A list's requested states, reduced to the cheapest equivalent condition: one index range on the open flag instead of an
/// IN-list wherever the states allow it.
/// </summary>
internal readonly record struct StateFilter(StateFilterKind Kind, OrderState State, bool Open, IReadOnlyList<OrderState> States)
{
    /// <summary>Reduces the requested states (null or empty: all).</summary>
    public static StateFilter From(IReadOnlyCollection<OrderState>? requested)
    {
        if (requested is not { Count: > 0 })
        {
            return new(StateFilterKind.None, default, false, []);
        }

        var list = requested.Distinct().ToList();
        if (list.Count == 1)
        {
            return new(StateFilterKind.One, list[0], OrderStates.IsOpen(list[0]), list);
        }

        var allOpen = list.TrueForAll(OrderStates.IsOpen);
        var oneGroup = allOpen || !list.Exists(OrderStates.IsOpen);
        var wholeGroup = oneGroup && Enum.GetValues<OrderState>().All(s => OrderStates.IsOpen(s) != allOpen || list.Contains(s));
        return new(wholeGroup ? StateFilterKind.Group : StateFilterKind.List, default, allOpen, list);
    }

    /// <summary>The condition on <paramref name="orders"/>.</summary>
    public IQueryable<ExpertOrder> Apply(IQueryable<ExpertOrder> orders)
    {
        var open = Open;
        var states = States;
        switch (Kind)
        {
            case StateFilterKind.One:
                var state = State;
                return orders.Where(o => o.State == state);
            case StateFilterKind.Group:
                // Compared with a parameter: a bare boolean column ("WHERE IsOpen") is a truth test, not an equality, and
                // SQLite then cannot use the IsOpen index (it walked all the expert's orders instead).
                return orders.Where(o => o.IsOpen == open);
            case StateFilterKind.List:
                orders = orders.Where(o => states.Contains(o.State));
                var oneGroup = states.All(s => OrderStates.IsOpen(s) == open);
                return oneGroup ? orders.Where(o => o.IsOpen == open) : orders;
            default:
                return orders;
        }
    }
}
