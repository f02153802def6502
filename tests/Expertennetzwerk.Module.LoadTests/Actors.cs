namespace Expertennetzwerk.Module.LoadTests;

public enum SimRole
{
    Broker,
    Expert,
    Operator,
}

/// <summary>A demo user of the sample host acting for one party (the sample's DemoIds).</summary>
public sealed record SimUser(string Name, Guid UserId, Guid PartyId, SimRole Role, IReadOnlyList<string> Customers);

/// <summary>What a broker orders: the service, its expert, valid form data and the service's progress steps.</summary>
public sealed record OrderTemplate(string Name, Guid ServiceId, string ExpertName, string FormJson, bool ForPersons, IReadOnlyList<string> Steps);

/// <summary>The sample host's demo network (ids as in samples/Expertennetzwerk.SampleHost/Demo/DemoIds.cs).</summary>
public static class DemoNetwork
{
    public static readonly Guid Network = Id(0x001);

    public static readonly SimUser Koch = new("Koch", Id(0x201), Id(0x101), SimRole.Operator, []);
    public static readonly SimUser Mueller = new("Müller", Id(0x211), Id(0x111), SimRole.Broker, ["K-10001", "K-10002", "K-10003", "K-10004", "K-10005"]);
    public static readonly SimUser Hartmann = new("Hartmann", Id(0x212), Id(0x112), SimRole.Broker, ["K-20001", "K-20002", "K-20003"]);
    public static readonly SimUser Schneider = new("Schneider", Id(0x213), Id(0x113), SimRole.Broker, ["K-30001", "K-30002", "K-30003"]);
    public static readonly SimUser Vogel = new("Vogel", Id(0x221), Id(0x121), SimRole.Expert, []);
    public static readonly SimUser Krause = new("Krause", Id(0x222), Id(0x122), SimRole.Expert, []);

    public static IReadOnlyList<SimUser> Brokers { get; } = [Mueller, Hartmann, Schneider];

    public static IReadOnlyList<SimUser> Experts { get; } = [Krause, Vogel];

    /// <summary>The advisor Schneider's mail address: the flaky SMTP server refuses it for good (5xx).</summary>
    public const string MarkedRecipient = "schneider@versicherungsberatung-schneider.example.de";

    public static readonly HashSet<string> PersonCustomers = ["K-10001", "K-10004", "K-20001", "K-20003", "K-30002", "K-30003"];

    public static IReadOnlyList<OrderTemplate> Templates { get; } =
    [
        new("Kfz", Id(0x302), "Krause",
            """{"anzahlFahrzeuge": 7, "aktuellerVersicherer": "Rheinische Kraftfahrt VVaG", "hauptfaelligkeit": "2027-01-01"}""",
            ForPersons: false, ["Schadenverlauf angefordert", "Ausschreibung läuft", "Angebote liegen vor"]),
        new("Pkv", Id(0x303), "Krause",
            """{"versicherer": "Allgemeine Krankenversicherung AG", "aktuellerTarif": "Komfort 600", "versichertePersonen": 2}""",
            ForPersons: true, ["Versicherungsunterlagen angefordert", "Tarifanalyse läuft", "Wechselvorschlag besprochen"]),
        new("Bav", Id(0x304), "Krause",
            """{"mitarbeiter": 9, "ansprechpartner": "Anja Sommer"}""",
            ForPersons: false, ["Unterlagen angefordert", "Versorgungsordnung geprüft", "Bericht in Abstimmung"]),
        new("Weiteranlage", Id(0x301), "Vogel",
            """{"anlagebetrag": 2200000, "faelligkeit": "2027-06-01", "anlagehorizont": "mittel"}""",
            ForPersons: true, ["Termin mit dem Kunden vereinbart", "Interessen-Check geführt", "Anlagevorschlag erstellt"]),
    ];

    public static SimUser Expert(string name) => name == "Vogel" ? Vogel : Krause;

    private static Guid Id(int n) => new($"01970000-0000-7000-8000-{n:x12}");
}
