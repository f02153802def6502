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
}
