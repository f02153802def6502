namespace Expertennetzwerk.Module.Notifications;

/// <summary>What a notification to a user is about; preferences are kept per kind.</summary>
public enum NotificationKind
{
    /// <summary>To an expert's users: a broker placed a binding order.</summary>
    OrderPlaced,
    /// <summary>To a broker's users: an order changed state.</summary>
    OrderStateChanged,
    /// <summary>To a broker's users: the expert completed an order (with the rating link).</summary>
    OrderCompleted,
    /// <summary>To a party's users: a digital message arrived on an order.</summary>
    MessageReceived,
    /// <summary>To the operator's users: a dispute was opened.</summary>
    DisputeOpened,
    /// <summary>To the operator's users: an outbox row was dead-lettered.</summary>
    DeadLetter,
}
