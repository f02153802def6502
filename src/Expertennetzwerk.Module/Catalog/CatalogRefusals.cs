using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Catalog;

/// <summary>The stable codes and texts of the refusals of service administration.</summary>
public static class CatalogRefusals
{
    /// <summary>Only expert parties edit services, and only the operator reviews them.</summary>
    public static Refusal ActorNotPermitted { get; } = new("catalog.actor_not_permitted", new LocalizedText(
        "Diese Aktion steht Ihnen für Experten-Dienstleistungen nicht zu.",
        "You are not allowed to perform this action on expert services."));

    /// <summary>Only a draft version can be submitted for review.</summary>
    public static Refusal VersionNotDraft { get; } = new("catalog.version_not_draft", new LocalizedText(
        "Nur ein Entwurf kann zur Freigabe eingereicht werden.",
        "Only a draft can be submitted for approval."));

    /// <summary>Only a submitted version can be approved or rejected.</summary>
    public static Refusal VersionNotPending { get; } = new("catalog.version_not_pending", new LocalizedText(
        "Diese Fassung wartet nicht auf eine Freigabe.",
        "This version is not waiting for approval."));
}
