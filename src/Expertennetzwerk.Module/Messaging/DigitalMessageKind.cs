namespace Expertennetzwerk.Module.Messaging;

/// <summary>What kind of digital message (digitale Nachricht) a row is.</summary>
public enum DigitalMessageKind
{
    /// <summary>A message in the order's thread between the owning broker party and the assigned expert party.</summary>
    Thread,

    /// <summary>A consent request sent to a data subject (the customer, a spouse, an employee); kept with the order, no party.</summary>
    ConsentRequest,

    /// <summary>
    /// A notice of the network to one party of the order (no sending user): the new order to the assigned expert, the
    /// completion to the broker. Shown in the party's inbox and the order's thread with unread counts and read marks
    /// like a thread message, but nobody replies to it as such; the thread stays open as before.
    /// </summary>
    SystemNotice,
}
