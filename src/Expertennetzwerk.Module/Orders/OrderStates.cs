namespace Expertennetzwerk.Module.Orders;

/// <summary>Groups of <see cref="OrderState"/>s.</summary>
internal static class OrderStates
{
    /// <summary>States in which an order still needs work: Placed, InProgress, AwaitingInformation, Disputed.</summary>
    public static IReadOnlySet<OrderState> Open { get; } = new HashSet<OrderState>
    {
        OrderState.Placed, OrderState.InProgress, OrderState.AwaitingInformation, OrderState.Disputed,
    };

    /// <summary>True for an open state.</summary>
    public static bool IsOpen(OrderState state) => Open.Contains(state);
}
