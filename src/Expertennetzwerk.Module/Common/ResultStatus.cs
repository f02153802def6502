namespace Expertennetzwerk.Module.Common;

/// <summary>The outcome of a command or query.</summary>
public enum ResultStatus
{
    /// <summary>Done.</summary>
    Ok,
    /// <summary>The id is unknown or not visible to the actor (existence is never revealed).</summary>
    NotFound,
    /// <summary>Visible, but the state or the actor's permissions do not allow it; see <see cref="Result.Refusal"/>.</summary>
    Refused,
    /// <summary>The input is invalid; see <see cref="Result.FieldErrors"/>.</summary>
    ValidationFailed,
    /// <summary>Another command changed the same data first; reload and retry.</summary>
    Conflict,
    /// <summary>
    /// The actor cannot act: its user is not a verified member of the party, the party is not of that kind in that
    /// network, or an operator party is not the network's operator. Decided before any id is looked up, so it reveals
    /// nothing about ids; nothing was read or written.
    /// </summary>
    Forbidden,
}
