namespace Expertennetzwerk.Module.Ports;

/// <summary>
/// Thrown by a sender or channel when retrying cannot help (a refused recipient address, a rejected message): the
/// outbox dead-letters the row at once with this message as its error, and the other rows keep flowing.
/// </summary>
public sealed class PermanentDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PermanentDeliveryException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
