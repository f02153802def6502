namespace Expertennetzwerk.Module.Orders;

/// <summary>What can happen to an order (the workflow's triggers, docs/design.md and docs/workflow.md).</summary>
public enum OrderTrigger
{
    /// <summary>The broker saves the draft's form data (internal).</summary>
    SaveDraft,
    /// <summary>The broker orders bindingly (verbindlich bestellen): Draft → Placed.</summary>
    Place,
    /// <summary>The broker withdraws a draft or a placed order: → Cancelled.</summary>
    Withdraw,
    /// <summary>The expert accepts: Placed → InProgress.</summary>
    Accept,
    /// <summary>The expert declines with a reason: Placed → Declined.</summary>
    Decline,
    /// <summary>The expert sets a progress step (internal).</summary>
    SetProgressStep,
    /// <summary>The expert documents the work (internal).</summary>
    AddDocumentation,
    /// <summary>The expert asks the broker a question: InProgress → AwaitingInformation.</summary>
    RequestInformation,
    /// <summary>The broker answers (or the expert resumes): AwaitingInformation → InProgress.</summary>
    ProvideInformation,
    /// <summary>The expert delivers: InProgress → Completed.</summary>
    Complete,
    /// <summary>The expert or the operator cancels with a reason: → Cancelled.</summary>
    Cancel,
    /// <summary>Broker or expert opens a dispute: → Disputed.</summary>
    OpenDispute,
    /// <summary>The operator settles a dispute and work resumes: Disputed → InProgress.</summary>
    ResolveDisputeResume,
    /// <summary>The operator settles a dispute as completed: Disputed → Completed.</summary>
    ResolveDisputeComplete,
    /// <summary>The operator settles a dispute by cancelling: Disputed → Cancelled.</summary>
    ResolveDisputeCancel,
    /// <summary>The broker asks a data subject for consent through a link (internal, Draft).</summary>
    RequestConsent,
    /// <summary>The broker records a consent signed on paper, with a scan (internal, Draft).</summary>
    RecordPaperConsent,
    /// <summary>
    /// The data subject (through the withdrawal link) or the broker (recording a call or letter) withdraws consent:
    /// an open order is cancelled ("Einwilligung widerrufen"); in Completed or Disputed the state stays and further
    /// processing of the data is blocked.
    /// </summary>
    WithdrawConsent,
}
