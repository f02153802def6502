using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;

namespace Expertennetzwerk.SampleHost.Demo;

/// <summary>
/// The demo orders: each is created and moved through the workflow by the real <see cref="ExpertOrderService"/>, with
/// the actor a person would have (broker, expert, operator). Together they cover every order state. Each belongs to
/// its own customer, so the seeder recognises a demo order that already exists by (broker party, customer ref).
/// </summary>
public static class DemoOrders
{
    public static Actor Operator => Actor.Operator(DemoIds.Network, DemoIds.OperatorParty, DemoIds.UserKoch);

    private static Actor Mueller => Actor.Broker(DemoIds.Network, DemoIds.BrokerMueller, DemoIds.UserMueller);
    private static Actor HartmannAsBroker => Actor.Broker(DemoIds.Network, DemoIds.BrokerHartmann, DemoIds.UserHartmann);
    private static Actor Schneider => Actor.Broker(DemoIds.Network, DemoIds.AdvisorSchneider, DemoIds.UserSchneider);
    private static Actor Vogel => Actor.Expert(DemoIds.Network, DemoIds.ExpertFinanzKompass, DemoIds.UserVogel);
    private static Actor HartmannAsExpert => Actor.Expert(DemoIds.Network, DemoIds.ExpertHartmannSpezial, DemoIds.UserHartmann);
    private static Actor Krause => Actor.Expert(DemoIds.Network, DemoIds.ExpertHartmannSpezial, DemoIds.UserKrause);

    /// <summary>One step of a demo order: a named call of the order service.</summary>
    public sealed record Step(string Name, Func<ExpertOrderService, Guid, Task<Result>> Run);

    /// <summary>A demo order: who orders which service for which customer, and the steps that bring it to <paramref name="Target"/>.</summary>
    public sealed record DemoOrder(Actor Broker, Guid ServiceId, string CustomerRef, string FormDataJson, OrderState Target, IReadOnlyList<Step> Steps);

    public static IReadOnlyList<DemoOrder> All { get; } =
    [
        // Completed: the classic Weiteranlage of a maturing life insurance.
        new(Mueller, DemoIds.ServiceWeiteranlage, "K-10001",
            """{"anlagebetrag": 4850000, "faelligkeit": "2026-09-01", "anlagehorizont": "lang", "nachhaltigkeit": true}""",
            OrderState.Completed,
            [
                Place(Mueller),
                Accept(Vogel),
                Progress(Vogel, "Termin mit dem Kunden vereinbart"),
                Document(Vogel, "Videotermin am Dienstag, 10 Uhr, mit Frau Dr. Mustermann vereinbart."),
                Progress(Vogel, "Interessen-Check geführt"),
                Document(Vogel, "Interessen-Check geführt: Anlagehorizont über 10 Jahre, mittlere Risikobereitschaft, ESG-Präferenz nach Art. 8 OffenlegungsVO. Anlegerprofil im Anhang der Kundenakte."),
                Progress(Vogel, "Anlagevorschlag erstellt"),
                Document(Vogel, "Vorschlag: 60 % globaler ETF-Sparplan (Art. 8), 40 % fondsgebundene Rentenversicherung mit Beitragsgarantie 80 %. Mit der Kundin besprochen, sie entscheidet bis Monatsende."),
                Complete(Vogel),
            ]),

        // InProgress: a fleet check, handled by the user who also runs a broker office.
        new(Mueller, DemoIds.ServiceKfzFlotte, "K-10002",
            """{"anzahlFahrzeuge": 7, "aktuellerVersicherer": "Rheinische Kraftfahrt VVaG", "hauptfaelligkeit": "2027-01-01"}""",
            OrderState.InProgress,
            [
                Place(Mueller),
                Accept(HartmannAsExpert),
                Progress(HartmannAsExpert, "Schadenverlauf angefordert"),
                Document(HartmannAsExpert, "Schadenverlauf der letzten fünf Jahre beim Vorversicherer angefordert; Fahrzeugliste liegt vor."),
            ]),

        // AwaitingInformation: the expert needs the pension scheme's papers.
        new(Mueller, DemoIds.ServiceBavAnalyse, "K-10003",
            """{"mitarbeiter": 42, "durchfuehrungswege": ["direktversicherung", "unterstuetzungskasse"], "ansprechpartner": "Stefan Wagner (Geschäftsführer)"}""",
            OrderState.AwaitingInformation,
            [
                Place(Mueller),
                Accept(Krause),
                Progress(Krause, "Unterlagen angefordert"),
                RequestInformation(Krause, "Bitte senden Sie uns die aktuelle Versorgungsordnung und die Liste der Direktversicherungsverträge mit Versicherer und Vertragsnummer."),
                ProvideInformation(Mueller, "Versorgungsordnung von 2019 liegt bei; die Vertragsliste reicht der Arbeitgeber bis Freitag nach."),
                Document(Krause, "Versorgungsordnung 2019 gesichtet: Arbeitgeberzuschuss nach § 1a Abs. 1a BetrAVG ist nicht geregelt."),
                RequestInformation(Krause, "Zahlt der Arbeitgeber den Zuschuss von 15 % bereits freiwillig? Bitte mit der Lohnbuchhaltung klären."),
            ]),

        // Draft: the broker is still filling in the PKV form (no consent, not yet forwarded).
        new(Mueller, DemoIds.ServicePkvTarifwechsel, "K-10004",
            """{"versicherer": "Allgemeine Krankenversicherung AG", "aktuellerTarif": "Komfort 600"}""",
            OrderState.Draft,
            [
                SaveDraft(Mueller, """{"versicherer": "Allgemeine Krankenversicherung AG", "aktuellerTarif": "Komfort 600", "versichertePersonen": 2}"""),
            ]),

        // Completed, after a dispute the operator settled.
        new(Mueller, DemoIds.ServiceKfzFlotte, "K-10005",
            """{"anzahlFahrzeuge": 23, "aktuellerVersicherer": "Nordstern Versicherung AG", "hauptfaelligkeit": "2027-01-01"}""",
            OrderState.Completed,
            [
                Place(Mueller),
                Accept(HartmannAsExpert),
                Document(HartmannAsExpert, "Ausschreibung bei fünf Flottenversicherern; drei Angebote liegen vor, Ersparnis rund 11 %."),
                Complete(HartmannAsExpert),
                OpenDispute(Mueller, "Zugesagt waren Angebote von mindestens fünf Versicherern, geliefert wurden drei."),
                ResolveDispute(Operator, DisputeResolution.Complete, "Zwei Versicherer haben die Abgabe abgelehnt; die Leistung gilt als erbracht. Absagen liegen der Auftragsdokumentation bei."),
            ]),

        // Placed: waiting for the expert to accept.
        new(HartmannAsBroker, DemoIds.ServiceWeiteranlage, "K-20001",
            """{"anlagebetrag": 2200000, "faelligkeit": "2026-12-01", "anlagehorizont": "mittel"}""",
            OrderState.Placed,
            [
                Place(HartmannAsBroker),
            ]),

        // Declined: the practice is too small for the expert's concept.
        new(HartmannAsBroker, DemoIds.ServiceNettolohn, "K-20002",
            """{"mitarbeiter": 4, "bausteine": ["sachbezug", "internet"]}""",
            OrderState.Declined,
            [
                Place(HartmannAsBroker),
                Decline(Vogel, "Unser Konzept rechnet sich erst ab zehn Mitarbeitern; für vier Mitarbeiter genügt die Umsetzung durch das Lohnbüro."),
            ]),

        // Cancelled: the advisor withdraws the placed order.
        new(Schneider, DemoIds.ServiceBavAnalyse, "K-30001",
            """{"mitarbeiter": 9, "ansprechpartner": "Anja Sommer"}""",
            OrderState.Cancelled,
            [
                Place(Schneider),
                Withdraw(Schneider, "Die Gesellschafterinnen haben die Analyse auf das nächste Geschäftsjahr verschoben."),
            ]),

        // Disputed: the advisor contests the scope of the risk enquiry.
        new(Schneider, DemoIds.ServiceBuVoranfrage, "K-30002",
            """{"beruf": "Dachdeckermeister", "wunschrente": 200000, "vorerkrankungen": "Bandscheibenvorfall L4/L5 (2019), ausgeheilt"}""",
            OrderState.Disputed,
            [
                Place(Schneider),
                Accept(Krause),
                Progress(Krause, "Voranfragen gestellt"),
                Document(Krause, "Anonyme Risikovoranfragen an zwei Versicherer gestellt; beide Voten: Ausschluss Wirbelsäule."),
                OpenDispute(Schneider, "Vereinbart waren Voranfragen bei mindestens fünf Versicherern, gestellt wurden zwei."),
            ]),

        // Cancelled by the expert while in progress.
        new(Schneider, DemoIds.ServiceKfzFlotte, "K-30003",
            """{"anzahlFahrzeuge": 3, "aktuellerVersicherer": "Westfälische Provinzial", "hauptfaelligkeit": "2027-01-01"}""",
            OrderState.Cancelled,
            [
                Place(Schneider),
                Accept(HartmannAsExpert),
                Cancel(HartmannAsExpert, "Die Fahrzeuge sind Privatfahrzeuge der Kundin; ein Flottenvertrag kommt nicht in Betracht."),
            ]),
    ];

    private static Step Place(Actor a) => new("Place", async (o, id) => await o.PlaceAsync(a, id));
    private static Step SaveDraft(Actor a, string json) => new("SaveDraft", async (o, id) => await o.SaveDraftAsync(a, id, json));
    private static Step Withdraw(Actor a, string reason) => new("Withdraw", async (o, id) => await o.WithdrawAsync(a, id, reason));
    private static Step Accept(Actor a) => new("Accept", async (o, id) => await o.AcceptAsync(a, id));
    private static Step Decline(Actor a, string reason) => new("Decline", async (o, id) => await o.DeclineAsync(a, id, reason));
    private static Step Progress(Actor a, string step) => new("SetProgressStep", async (o, id) => await o.SetProgressStepAsync(a, id, step));
    private static Step Document(Actor a, string text) => new("AddDocumentation", async (o, id) => await o.AddDocumentationAsync(a, id, text));
    private static Step RequestInformation(Actor a, string question) => new("RequestInformation", async (o, id) => await o.RequestInformationAsync(a, id, question));
    private static Step ProvideInformation(Actor a, string answer) => new("ProvideInformation", async (o, id) => await o.ProvideInformationAsync(a, id, answer));
    private static Step Complete(Actor a) => new("Complete", async (o, id) => await o.CompleteAsync(a, id));
    private static Step Cancel(Actor a, string reason) => new("Cancel", async (o, id) => await o.CancelAsync(a, id, reason));
    private static Step OpenDispute(Actor a, string reason) => new("OpenDispute", async (o, id) => await o.OpenDisputeAsync(a, id, reason));
    private static Step ResolveDispute(Actor a, DisputeResolution resolution, string note) => new("ResolveDispute", async (o, id) => await o.ResolveDisputeAsync(a, id, resolution, note));
}
