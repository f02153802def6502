using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Orders.Workflow;

/// <summary>The stable codes and default texts of the order workflow's refusals (a host changes the texts through <see cref="RefusalDescriber"/>).</summary>
public static class OrderRefusals
{
    /// <summary>The trigger is not possible in the order's current state.</summary>
    public static Refusal InvalidState { get; } = new("order.invalid_state", new LocalizedText(
        "Diese Aktion ist im aktuellen Auftragsstatus nicht möglich.",
        "This action is not possible in the order's current state."));

    /// <summary>The actor's role on the order does not allow the trigger.</summary>
    public static Refusal ActorNotPermitted { get; } = new("order.actor_not_permitted", new LocalizedText(
        "Diese Aktion steht Ihnen für diesen Auftrag nicht zu.",
        "You are not allowed to perform this action on this order."));

    /// <summary>The order's service version is no longer (or not yet) published.</summary>
    public static Refusal ServiceNotPublished { get; } = new("order.service_not_published", new LocalizedText(
        "Die Experten-Dienstleistung ist in dieser Fassung nicht (mehr) bestellbar.",
        "This version of the expert service cannot be ordered (any more)."));

    /// <summary>The broker party is not approved by the operator.</summary>
    public static Refusal BrokerNotApproved { get; } = new("order.broker_not_approved", new LocalizedText(
        "Ihr Maklerbüro ist von der Netzwerkorganisation noch nicht freigeschaltet.",
        "Your broker firm has not been approved by the network operator yet."));

    /// <summary>The broker party lacks the trade licence the service needs.</summary>
    public static Refusal BrokerLacksPermission { get; } = new("order.broker_lacks_permission", new LocalizedText(
        "Für diese Experten-Dienstleistung fehlt Ihrem Maklerbüro die nötige Erlaubnis nach GewO.",
        "Your broker firm lacks the trade licence (GewO) this expert service requires."));

    /// <summary>An insurance advisor may not take a revenue share (§ 34d Abs. 2 GewO).</summary>
    public static Refusal AdvisorRevenueShare { get; } = new("order.advisor_revenue_share", new LocalizedText(
        "Als Versicherungsberater dürfen Sie keine Vergütung von Dritten annehmen (§ 34d Abs. 2 GewO); diese Dienstleistung sieht eine Ertragsbeteiligung vor.",
        "As an insurance advisor you may not accept pay from third parties (§ 34d (2) GewO); this service includes a revenue share."));

    /// <summary>Completing needs at least one documentation entry.</summary>
    public static Refusal DocumentationMissing { get; } = new("order.documentation_missing", new LocalizedText(
        "Bitte dokumentieren Sie den Auftrag, bevor Sie ihn abschließen.",
        "Please document the order before completing it."));

    /// <summary>A data subject whose consent the service needs has not given it.</summary>
    public static Refusal ConsentMissing { get; } = new("order.consent_missing", new LocalizedText(
        "Es fehlt die Einwilligungserklärung mindestens einer betroffenen Person. Bitte holen Sie sie ein, bevor Sie verbindlich bestellen.",
        "The consent of at least one data subject is missing. Please obtain it before placing the order."));

    /// <summary>The data changed after the consent was given, so it no longer covers them.</summary>
    public static Refusal ConsentStale { get; } = new("order.consent_stale", new LocalizedText(
        "Die Auftragsdaten wurden nach der Einwilligung geändert. Bitte holen Sie die Einwilligung für die aktuellen Daten erneut ein.",
        "The order data changed after consent was given. Please obtain consent for the current data again."));

    /// <summary>The service shares nothing on the basis of consent, so there is no consent to ask for.</summary>
    public static Refusal ConsentNotNeeded { get; } = new("order.consent_not_needed", new LocalizedText(
        "Diese Experten-Dienstleistung benötigt keine Einwilligungserklärung.",
        "This expert service needs no consent declaration."));

    /// <summary>There is no given consent to withdraw.</summary>
    public static Refusal NoConsentToWithdraw { get; } = new("order.no_consent_to_withdraw", new LocalizedText(
        "Für diesen Auftrag liegt keine erteilte Einwilligung vor, die widerrufen werden könnte.",
        "This order has no given consent that could be withdrawn."));

    /// <summary>Consent was withdrawn: the customer's data must not be processed further.</summary>
    public static Refusal DataProcessingBlocked { get; } = new("order.data_processing_blocked", new LocalizedText(
        "Die Einwilligung wurde widerrufen; die Daten dieses Auftrags dürfen nicht weiter verarbeitet werden.",
        "Consent was withdrawn; this order's data must not be processed any further."));

    /// <summary>The operator opens personal data (free texts, files) only with a recorded purpose.</summary>
    public static Refusal PurposeRequired { get; } = new("order.purpose_required", new LocalizedText(
        "Diese Inhalte sind personenbezogene Daten: Bitte geben Sie den Zweck des Zugriffs an (er wird in der Historie festgehalten).",
        "This content is personal data: please state the purpose of your access (it is recorded in the history)."));
}
