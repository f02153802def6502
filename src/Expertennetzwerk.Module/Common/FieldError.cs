namespace Expertennetzwerk.Module.Common;

/// <summary>One validation error of one input field.</summary>
/// <param name="Field">The field key, e.g. <c>reason</c> or <c>formData.amount</c>.</param>
/// <param name="Code">Stable code, e.g. <c>required</c>.</param>
/// <param name="Text">German and English text.</param>
public sealed record FieldError(string Field, string Code, LocalizedText Text);
