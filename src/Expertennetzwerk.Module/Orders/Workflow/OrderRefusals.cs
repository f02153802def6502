using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Orders.Workflow;

/// <summary>The stable codes and texts of every refusal the order workflow gives.</summary>
public static class OrderRefusals
{
    private static readonly Dictionary<string, Refusal> ByCode = new(StringComparer.Ordinal);

    /// <summary>The trigger is not possible in the order's current state.</summary>
    public static Refusal InvalidState { get; } = Add(
        "order.invalid_state",
        "Diese Aktion ist im aktuellen Auftragsstatus nicht möglich.",
        "This action is not possible in the order's current state.");

    /// <summary>The actor's role on the order does not allow the trigger.</summary>
    public static Refusal ActorNotPermitted { get; } = Add(
        "order.actor_not_permitted",
        "Diese Aktion steht Ihnen für diesen Auftrag nicht zu.",
        "You are not allowed to perform this action on this order.");

    /// <summary>The order's service version is no longer (or not yet) published.</summary>
    public static Refusal ServiceNotPublished { get; } = Add(
        "order.service_not_published",
        "Die Experten-Dienstleistung ist in dieser Fassung nicht (mehr) bestellbar.",
        "This version of the expert service cannot be ordered (any more).");

    /// <summary>The broker party is not approved by the operator.</summary>
    public static Refusal BrokerNotApproved { get; } = Add(
        "order.broker_not_approved",
        "Ihr Maklerbüro ist von der Netzwerkorganisation noch nicht freigeschaltet.",
        "Your broker firm has not been approved by the network operator yet.");

    /// <summary>The broker party lacks the trade licence the service needs.</summary>
    public static Refusal BrokerLacksPermission { get; } = Add(
        "order.broker_lacks_permission",
        "Für diese Experten-Dienstleistung fehlt Ihrem Maklerbüro die nötige Erlaubnis nach GewO.",
        "Your broker firm lacks the trade licence (GewO) this expert service requires.");

    /// <summary>An insurance advisor may not take a revenue share (§ 34d Abs. 2 GewO).</summary>
    public static Refusal AdvisorRevenueShare { get; } = Add(
        "order.advisor_revenue_share",
        "Als Versicherungsberater dürfen Sie keine Vergütung von Dritten annehmen (§ 34d Abs. 2 GewO); diese Dienstleistung sieht eine Ertragsbeteiligung vor.",
        "As an insurance advisor you may not accept pay from third parties (§ 34d (2) GewO); this service includes a revenue share.");

    /// <summary>Completing needs at least one documentation entry.</summary>
    public static Refusal DocumentationMissing { get; } = Add(
        "order.documentation_missing",
        "Bitte dokumentieren Sie den Auftrag, bevor Sie ihn abschließen.",
        "Please document the order before completing it.");

    /// <summary>A data subject whose consent the service needs has not given it.</summary>
    public static Refusal ConsentMissing { get; } = Add(
        "order.consent_missing",
        "Es fehlt die Einwilligungserklärung mindestens einer betroffenen Person. Bitte holen Sie sie ein, bevor Sie verbindlich bestellen.",
        "The consent of at least one data subject is missing. Please obtain it before placing the order.");

    /// <summary>The data changed after the consent was given, so it no longer covers them.</summary>
    public static Refusal ConsentStale { get; } = Add(
        "order.consent_stale",
        "Die Auftragsdaten wurden nach der Einwilligung geändert. Bitte holen Sie die Einwilligung für die aktuellen Daten erneut ein.",
        "The order data changed after consent was given. Please obtain consent for the current data again.");

    /// <summary>The service shares nothing on the basis of consent, so there is no consent to ask for.</summary>
    public static Refusal ConsentNotNeeded { get; } = Add(
        "order.consent_not_needed",
        "Diese Experten-Dienstleistung benötigt keine Einwilligungserklärung.",
        "This expert service needs no consent declaration.");

    /// <summary>There is no given consent to withdraw.</summary>
    public static Refusal NoConsentToWithdraw { get; } = Add(
        "order.no_consent_to_withdraw",
        "Für diesen Auftrag liegt keine erteilte Einwilligung vor, die widerrufen werden könnte.",
        "This order has no given consent that could be withdrawn.");

    /// <summary>Consent was withdrawn: the customer's data must not be processed further.</summary>
    public static Refusal DataProcessingBlocked { get; } = Add(
        "order.data_processing_blocked",
        "Die Einwilligung wurde widerrufen; die Daten dieses Auftrags dürfen nicht weiter verarbeitet werden.",
        "Consent was withdrawn; this order's data must not be processed any further.");

    /// <summary>The operator opens personal data (free texts, files) only with a recorded purpose.</summary>
    public static Refusal PurposeRequired { get; } = Add(
        "order.purpose_required",
        "Diese Inhalte sind personenbezogene Daten: Bitte geben Sie den Zweck des Zugriffs an (er wird in der Historie festgehalten).",
        "This content is personal data: please state the purpose of your access (it is recorded in the history).");

    /// <summary>The text of a code, or null when the code is unknown.</summary>
    public static Refusal? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>Registers a refusal so the workflow can report it by code (used for extension guards too).</summary>
    public static Refusal Add(string code, string german, string english)
    {
        var refusal = new Refusal(code, new LocalizedText(german, english));
        lock (ByCode)
        {
            ByCode[code] = refusal;
        }

        return refusal;
    }
}
