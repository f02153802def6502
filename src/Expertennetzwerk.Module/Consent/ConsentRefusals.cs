using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Consent;

/// <summary>The refusals of the consent pages.</summary>
public static class ConsentRefusals
{
    /// <summary>
    /// Unknown, expired, used, superseded or malformed link: one neutral answer that does not tell which (a guessed
    /// link learns nothing).
    /// </summary>
    public static Refusal InvalidLink { get; } = new("consent.invalid_link", new LocalizedText(
        "Dieser Link ist ungültig oder abgelaufen.",
        "This link is invalid or has expired."));
}
