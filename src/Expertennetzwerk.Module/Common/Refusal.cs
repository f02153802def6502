namespace Expertennetzwerk.Module.Common;

/// <summary>Why a command was refused: a stable code for machines and a localised text for people.</summary>
/// <param name="Code">Stable code, e.g. <c>order.invalid_state</c>.</param>
/// <param name="Text">German and English text.</param>
public sealed record Refusal(string Code, LocalizedText Text);
