using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Network;
using Stateless;
using Stateless.Graph;

namespace Expertennetzwerk.Module.Orders.Workflow;

/// <summary>
/// The order workflow (docs/design.md) as a Stateless machine, built per command around one loaded order (a machine is
/// not thread-safe). Guard descriptions are refusal codes of <see cref="OrderRefusals"/>, so
/// <c>CanFire(trigger, out unmet)</c> tells the user why. Extension guards (<see cref="IOrderWorkflowExtension"/>) are
/// checked by the application service after these.
/// </summary>
internal static class OrderWorkflow
{
    /// <summary>Triggers that never change the state (internal transitions): no "state changed" notification.</summary>
    public static IReadOnlySet<OrderTrigger> InternalTriggers { get; } = new HashSet<OrderTrigger>
    {
        OrderTrigger.SaveDraft, OrderTrigger.SetProgressStep, OrderTrigger.AddDocumentation,
        OrderTrigger.RequestConsent, OrderTrigger.RecordPaperConsent,
    };

    /// <summary>Builds the machine over <paramref name="context"/>'s order.</summary>
    public static StateMachine<OrderState, OrderTrigger> Create(OrderGuardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = context.Order;
        var machine = new StateMachine<OrderState, OrderTrigger>(() => order.State, s => order.State = s);

        var broker = Guard(() => context.Role == OrderRole.OwningBroker, OrderRefusals.ActorNotPermitted);
        var expert = Guard(() => context.Role == OrderRole.AssignedExpert, OrderRefusals.ActorNotPermitted);
        var operatorOnly = Guard(() => context.Role == OrderRole.Operator, OrderRefusals.ActorNotPermitted);
        var brokerOrExpert = Guard(() => context.Role is OrderRole.OwningBroker or OrderRole.AssignedExpert, OrderRefusals.ActorNotPermitted);
        var expertOrOperator = Guard(() => context.Role is OrderRole.AssignedExpert or OrderRole.Operator, OrderRefusals.ActorNotPermitted);

        var published = Guard(() => context.ServiceVersion?.Status == ServiceVersionStatus.Published, OrderRefusals.ServiceNotPublished);
        var approved = Guard(() => context.BrokerParty?.Approval == ApprovalState.Approved, OrderRefusals.BrokerNotApproved);
        var licensed = Guard(
            () => context.ServiceVersion is { } v && context.BrokerParty is { } b && b.Holds(v.RequiredPermission),
            OrderRefusals.BrokerLacksPermission);
        var advisorRule = Guard(
            () => context.ServiceVersion is { } v && context.BrokerParty is { } b && v.IsOrderableBy(b.BrokerKind ?? BrokerKind.InsuranceBroker),
            OrderRefusals.AdvisorRevenueShare);
        var documented = Guard(() => order.DocumentationCount > 0, OrderRefusals.DocumentationMissing);
        var consentGiven = Guard(() => context.Consents is { } c && c.AllGiven, OrderRefusals.ConsentMissing);
        var consentFresh = Guard(() => context.Consents is { } c && c.AllFresh, OrderRefusals.ConsentStale);
        var withdrawer = Guard(() => context.Role is OrderRole.OwningBroker or OrderRole.DataSubject, OrderRefusals.ActorNotPermitted);
        var somethingToWithdraw = Guard(() => context.Consents is { } c && c.AnyGiven, OrderRefusals.NoConsentToWithdraw);
        var processingAllowed = Guard(() => !order.DataProcessingBlocked, OrderRefusals.DataProcessingBlocked);

        machine.Configure(OrderState.Draft)
            .InternalTransitionIf(OrderTrigger.SaveDraft, _ => context.Role == OrderRole.OwningBroker, _ => { }, OrderRefusals.ActorNotPermitted.Code)
            .InternalTransitionIf(OrderTrigger.RequestConsent, _ => ConsentAskable(context), _ => { }, ConsentAskRefusal(context))
            .InternalTransitionIf(OrderTrigger.RecordPaperConsent, _ => ConsentAskable(context), _ => { }, ConsentAskRefusal(context))
            .PermitIf(OrderTrigger.Place, OrderState.Placed, broker, published, approved, licensed, advisorRule, consentGiven, consentFresh)
            .PermitIf(OrderTrigger.Withdraw, OrderState.Cancelled, broker)

            // A withdrawal keeps the draft: the consent is withdrawn, so Place waits for a new one (order.consent_missing).
            .InternalTransitionIf(OrderTrigger.WithdrawConsent, _ => Withdrawable(context), _ => { }, WithdrawRefusal(context));

        machine.Configure(OrderState.Placed)
            .PermitIf(OrderTrigger.Withdraw, OrderState.Cancelled, broker)
            .PermitIf(OrderTrigger.Accept, OrderState.InProgress, expert)
            .PermitIf(OrderTrigger.Decline, OrderState.Declined, expert)
            .PermitIf(OrderTrigger.Cancel, OrderState.Cancelled, operatorOnly)
            .PermitIf(OrderTrigger.WithdrawConsent, OrderState.Cancelled, withdrawer, somethingToWithdraw);

        machine.Configure(OrderState.InProgress)
            .InternalTransitionIf(OrderTrigger.SetProgressStep, _ => context.Role == OrderRole.AssignedExpert, _ => { }, OrderRefusals.ActorNotPermitted.Code)
            .InternalTransitionIf(OrderTrigger.AddDocumentation, _ => context.Role == OrderRole.AssignedExpert, _ => { }, OrderRefusals.ActorNotPermitted.Code)
            .PermitIf(OrderTrigger.RequestInformation, OrderState.AwaitingInformation, expert)
            .PermitIf(OrderTrigger.Complete, OrderState.Completed, expert, documented)
            .PermitIf(OrderTrigger.Cancel, OrderState.Cancelled, expertOrOperator)
            .PermitIf(OrderTrigger.OpenDispute, OrderState.Disputed, brokerOrExpert)
            .PermitIf(OrderTrigger.WithdrawConsent, OrderState.Cancelled, withdrawer, somethingToWithdraw);

        machine.Configure(OrderState.AwaitingInformation)
            .InternalTransitionIf(OrderTrigger.AddDocumentation, _ => context.Role == OrderRole.AssignedExpert, _ => { }, OrderRefusals.ActorNotPermitted.Code)
            .PermitIf(OrderTrigger.ProvideInformation, OrderState.InProgress, brokerOrExpert)
            .PermitIf(OrderTrigger.Cancel, OrderState.Cancelled, expertOrOperator)
            .PermitIf(OrderTrigger.OpenDispute, OrderState.Disputed, brokerOrExpert)
            .PermitIf(OrderTrigger.WithdrawConsent, OrderState.Cancelled, withdrawer, somethingToWithdraw);

        // Withdrawn consent after the work: the state stays (billing and the dispute go on), the data are blocked.
        machine.Configure(OrderState.Completed)
            .PermitIf(OrderTrigger.OpenDispute, OrderState.Disputed, brokerOrExpert)
            .InternalTransitionIf(OrderTrigger.WithdrawConsent, _ => Withdrawable(context), _ => { }, WithdrawRefusal(context));

        machine.Configure(OrderState.Disputed)
            .PermitIf(OrderTrigger.Cancel, OrderState.Cancelled, operatorOnly)
            .InternalTransitionIf(OrderTrigger.WithdrawConsent, _ => Withdrawable(context), _ => { }, WithdrawRefusal(context))
            .PermitIf(OrderTrigger.ResolveDisputeResume, OrderState.InProgress, operatorOnly, processingAllowed)
            .PermitIf(OrderTrigger.ResolveDisputeComplete, OrderState.Completed, operatorOnly)
            .PermitIf(OrderTrigger.ResolveDisputeCancel, OrderState.Cancelled, operatorOnly);

        machine.Configure(OrderState.Declined);
        machine.Configure(OrderState.Cancelled);
        return machine;
    }

    /// <summary>The Mermaid state diagram of the configured machine (what <c>docs/workflow.md</c> holds).</summary>
    public static string ToMermaid()
    {
        var placeholder = new ExpertOrder(
            Guid.Empty, Guid.Empty, "EA-0000-000000", Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty,
            "-", "-", "{}", DateTimeOffset.UnixEpoch);
        var machine = Create(new OrderGuardContext(placeholder, Common.Actor.System(Guid.Empty), OrderRole.System));
        return MermaidGraph.Format(machine.GetInfo());
    }

    private static bool ConsentAskable(OrderGuardContext context) =>
        context.Role == OrderRole.OwningBroker && context.Consents is { Needed.Count: > 0 };

    private static string ConsentAskRefusal(OrderGuardContext context) =>
        context.Role == OrderRole.OwningBroker ? OrderRefusals.ConsentNotNeeded.Code : OrderRefusals.ActorNotPermitted.Code;

    private static bool Withdrawable(OrderGuardContext context) =>
        context.Role is OrderRole.OwningBroker or OrderRole.DataSubject && context.Consents is { AnyGiven: true };

    // An internal transition takes one guard description: the reason that applies to this actor and order.
    private static string WithdrawRefusal(OrderGuardContext context) =>
        context.Role is OrderRole.OwningBroker or OrderRole.DataSubject ? OrderRefusals.NoConsentToWithdraw.Code : OrderRefusals.ActorNotPermitted.Code;

    private static Tuple<Func<bool>, string> Guard(Func<bool> check, Common.Refusal refusal) => Tuple.Create(check, refusal.Code);
}
