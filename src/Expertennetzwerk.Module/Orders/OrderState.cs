namespace Expertennetzwerk.Module.Orders;

/// <summary>The state of an expert order (Auftragsstatus). Stored as its name.</summary>
public enum OrderState
{
    /// <summary>Being prepared by the broker; only the broker sees it.</summary>
    Draft,
    /// <summary>Bindingly ordered (verbindlich bestellt); waiting for the expert.</summary>
    Placed,
    /// <summary>Accepted and being worked on by the expert.</summary>
    InProgress,
    /// <summary>The expert waits for information from the broker.</summary>
    AwaitingInformation,
    /// <summary>Delivered by the expert.</summary>
    Completed,
    /// <summary>Refused by the expert.</summary>
    Declined,
    /// <summary>Cancelled (storniert) by a party, withdrawn by the broker, or ended by withdrawn consent.</summary>
    Cancelled,
    /// <summary>A dispute (Streitfall) the operator settles.</summary>
    Disputed,
}
