namespace Expertennetzwerk.Module.Messaging;

/// <summary>What kind of digital message (digitale Nachricht) a row is.</summary>
public enum DigitalMessageKind
{
    /// <summary>A message in the order's thread between the owning broker party and the assigned expert party.</summary>
    Thread,

    /// <summary>A consent request sent to a data subject (the customer, a spouse, an employee); kept with the order, no party.</summary>
    ConsentRequest,
}
