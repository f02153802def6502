namespace Expertennetzwerk.Module.Common;

/// <summary>
/// The typed outcome of a command: Ok, NotFound, Refused, ValidationFailed, Conflict or Forbidden. Expected outcomes
/// never throw.
/// </summary>
public class Result
{
    private static readonly IReadOnlyList<FieldError> NoErrors = [];

    /// <summary>Creates a result.</summary>
    protected Result(ResultStatus status, Refusal? refusal, IReadOnlyList<FieldError>? fieldErrors)
    {
        Status = status;
        Refusal = refusal;
        FieldErrors = fieldErrors ?? NoErrors;
        Diagnostics.ExpertennetzwerkDiagnostics.RecordOutcome(status);
    }

    /// <summary>The outcome.</summary>
    public ResultStatus Status { get; }

    /// <summary>Why it was refused, when <see cref="Status"/> is <see cref="ResultStatus.Refused"/>.</summary>
    public Refusal? Refusal { get; }

    /// <summary>Every field error, when <see cref="Status"/> is <see cref="ResultStatus.ValidationFailed"/>.</summary>
    public IReadOnlyList<FieldError> FieldErrors { get; }

    /// <summary>True when <see cref="Status"/> is <see cref="ResultStatus.Ok"/>.</summary>
    public bool IsOk => Status == ResultStatus.Ok;

    /// <summary>A successful result without a value.</summary>
    public static Result Ok() => new(ResultStatus.Ok, null, null);

    /// <summary>Unknown or invisible id.</summary>
    public static Result NotFound() => new(ResultStatus.NotFound, null, null);

    /// <summary>Refused with a reason.</summary>
    public static Result Refused(Refusal refusal) => new(ResultStatus.Refused, refusal, null);

    /// <summary>Invalid input.</summary>
    public static Result Invalid(IReadOnlyList<FieldError> errors) => new(ResultStatus.ValidationFailed, null, errors);

    /// <summary>Lost a race against another command.</summary>
    public static Result Conflict() => new(ResultStatus.Conflict, null, null);

    /// <summary>The actor cannot act (see <see cref="ResultStatus.Forbidden"/>): nothing was read or written.</summary>
    public static Result Forbidden() => new(ResultStatus.Forbidden, null, null);

    /// <inheritdoc />
    public override string ToString() => Status switch
    {
        ResultStatus.Refused => $"Refused({Refusal!.Code})",
        ResultStatus.ValidationFailed => $"ValidationFailed({string.Join(", ", FieldErrors.Select(e => e.Field + ":" + e.Code))})",
        ResultStatus.Forbidden => "Forbidden",
        _ => Status.ToString(),
    };
}

/// <summary>The typed outcome of a command or query that yields a value when it succeeds.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(ResultStatus status, T? value, Refusal? refusal, IReadOnlyList<FieldError>? fieldErrors)
        : base(status, refusal, fieldErrors) => _value = value;

    /// <summary>The value; throws unless the result is Ok.</summary>
    public T Value => IsOk ? _value! : throw new InvalidOperationException($"The result is {this}, it has no value.");

    /// <summary>A successful result.</summary>
    public static Result<T> Ok(T value) => new(ResultStatus.Ok, value, null, null);

    /// <summary>Converts a value-less failure into this type.</summary>
    public static Result<T> From(Result failure)
    {
        if (failure.IsOk)
        {
            throw new ArgumentException("Only a failure can be converted.", nameof(failure));
        }

        return new Result<T>(failure.Status, default, failure.Refusal, failure.FieldErrors);
    }

    /// <summary>Wraps a value.</summary>
    public static implicit operator Result<T>(T value) => Ok(value);
}
