using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Orders.Workflow;

/// <summary>A trigger that fired on an order, as extensions see it after firing.</summary>
/// <param name="Order">The order, already in <paramref name="To"/>.</param>
/// <param name="Actor">Who fired.</param>
/// <param name="Trigger">What fired.</param>
/// <param name="From">State before.</param>
/// <param name="To">State after (equal for internal transitions).</param>
/// <param name="Text">The reason, question, answer or note given, if any.</param>
/// <param name="At">When.</param>
public sealed record OrderTransition(ExpertOrder Order, Actor Actor, OrderTrigger Trigger, OrderState From, OrderState To, string? Text, DateTimeOffset At)
{
    /// <summary>True when the state changed.</summary>
    public bool IsStateChange => From != To;
}
