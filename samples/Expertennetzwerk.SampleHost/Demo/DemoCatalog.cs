using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.SampleHost.Crm;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Demo;

/// <summary>
/// The demo network's master data: the operator, two expert parties, three broker parties (two insurance brokers and
/// one insurance advisor, with § 34d/§ 34f registrations), their users (one acts for a broker and an expert party),
/// the nine standard categories, six published services with their order forms, and the brokers' CRM customers.
/// </summary>
public static class DemoCatalog
{
    /// <summary>One published demo service.</summary>
    /// <param name="Id">The service's fixed id.</param>
    /// <param name="ExpertPartyId">The expert party offering it.</param>
    /// <param name="CategoryKey">Key of a standard category.</param>
    /// <param name="Title">Catalogue title.</param>
    /// <param name="Description">What the expert does.</param>
    /// <param name="Permission">The licence the ordering broker must hold.</param>
    /// <param name="Form">The order form.</param>
    public sealed record DemoService(
        Guid Id,
        Guid ExpertPartyId,
        string CategoryKey,
        string Title,
        string Description,
        TradePermission Permission,
        FormDefinition Form)
    {
        public long PriceCents { get; init; }
        public long RevenueShareCents { get; init; }
        public FeeKind FeeKind { get; init; }
        public long FeeValue { get; init; }
        public int AcceptWithinBusinessDays { get; init; } = 2;
        public int CompleteWithinBusinessDays { get; init; } = 10;
        public IReadOnlyList<string> ProgressSteps { get; init; } = [];
        public DataSharing Sharing { get; init; } = DataSharing.None;
    }

    public static IReadOnlyList<DemoService> Services { get; } =
    [
        new(
            DemoIds.ServiceWeiteranlage,
            DemoIds.ExpertFinanzKompass,
            "investment",
            "Weiteranlage – Interessen-Check",
            "Ihr Kunde erhält demnächst Geld aus einer fälligen Lebensversicherung, einem auslaufenden Sparplan oder einer " +
            "Abfindung? Wir führen mit ihm einen strukturierten Interessen-Check: Anlageziel, Anlagehorizont, " +
            "Risikobereitschaft, Kenntnisse und Erfahrungen sowie Nachhaltigkeitspräferenzen. Sie erhalten ein " +
            "dokumentiertes Anlegerprofil und einen Vorschlag für die Weiteranlage (Fonds, ETF-Sparplan oder " +
            "fondsgebundene Rentenversicherung). Die Anlagevermittlung erfolgt nach § 34f GewO.",
            TradePermission.Investment34f,
            OrderForms.Weiteranlage)
        {
            Sharing = DemoSharing.Investment,
            FeeKind = FeeKind.Fixed,
            FeeValue = 2_500,
            AcceptWithinBusinessDays = 2,
            CompleteWithinBusinessDays = 10,
            ProgressSteps = ["Termin mit dem Kunden vereinbart", "Interessen-Check geführt", "Anlagevorschlag erstellt"],
        },
        new(
            DemoIds.ServiceKfzFlotte,
            DemoIds.ExpertHartmannSpezial,
            "motor",
            "Kfz-Flottencheck für Gewerbekunden",
            "Prüfung des bestehenden Flottenvertrags ab drei Fahrzeugen: Schadenquote, Einstufung, Deckungsumfang " +
            "(Kasko, GAP-Deckung, Fahrerschutz) und Beitrag. Wir holen Vergleichsangebote von mindestens fünf " +
            "Flottenversicherern ein und bereiten eine Entscheidungsvorlage für Ihren Kunden vor.",
            TradePermission.Insurance34d,
            OrderForms.KfzFlotte)
        {
            Sharing = DemoSharing.Fleet,
            PriceCents = 14_900,
            FeeKind = FeeKind.Fixed,
            FeeValue = 1_500,
            CompleteWithinBusinessDays = 15,
            ProgressSteps = ["Schadenverlauf angefordert", "Ausschreibung läuft", "Angebote liegen vor"],
        },
        new(
            DemoIds.ServicePkvTarifwechsel,
            DemoIds.ExpertHartmannSpezial,
            "health",
            "PKV-Tarifwechsel nach § 204 VVG",
            "Ihr Kunde ist privat krankenversichert und der Beitrag steigt? Wir prüfen alle Tarife seines Versicherers, " +
            "in die er nach § 204 VVG ohne neue Gesundheitsprüfung und unter Mitnahme der Alterungsrückstellungen wechseln " +
            "kann, vergleichen die Leistungen mit dem bisherigen Schutz und begleiten den Antrag. Sie erhalten eine " +
            "Beteiligung am Erfolgshonorar.",
            TradePermission.Insurance34d,
            OrderForms.PkvTarifwechsel)
        {
            Sharing = DemoSharing.Health,
            RevenueShareCents = 15_000,
            FeeKind = FeeKind.Fixed,
            FeeValue = 3_000,
            CompleteWithinBusinessDays = 20,
            ProgressSteps = ["Versicherungsunterlagen angefordert", "Tarifanalyse läuft", "Wechselvorschlag besprochen"],
        },
        new(
            DemoIds.ServiceBavAnalyse,
            DemoIds.ExpertHartmannSpezial,
            "occupational-pension",
            "bAV-Versorgungsanalyse für Arbeitgeber",
            "Bestandsaufnahme der betrieblichen Altersversorgung eines Arbeitgebers: Durchführungswege, " +
            "Versorgungsordnung, Arbeitgeberzuschuss nach § 1a Abs. 1a BetrAVG, Haftungsrisiken und Informationspflichten. " +
            "Ergebnis ist ein schriftlicher Bericht mit Handlungsempfehlungen, den wir auf Wunsch mit der Geschäftsführung " +
            "besprechen.",
            TradePermission.Insurance34d,
            OrderForms.BavAnalyse)
        {
            Sharing = DemoSharing.Payroll,
            PriceCents = 29_900,
            FeeKind = FeeKind.Percent,
            FeeValue = 1_000,
            CompleteWithinBusinessDays = 20,
            ProgressSteps = ["Unterlagen angefordert", "Versorgungsordnung geprüft", "Bericht in Abstimmung"],
        },
        new(
            DemoIds.ServiceNettolohn,
            DemoIds.ExpertFinanzKompass,
            "net-pay-optimisation",
            "Nettolohnoptimierung mit steuerfreien Arbeitgeberleistungen",
            "Wir zeigen Arbeitgebern, wie sie mit steuer- und sozialversicherungsfreien Bausteinen (Sachbezug nach " +
            "§ 8 Abs. 2 Satz 11 EStG, Fahrtkostenzuschuss, Kindergartenzuschuss, Erholungsbeihilfe, Internetpauschale) " +
            "mehr Netto vom Brutto schaffen, rechnen die Effekte je Mitarbeiter durch und liefern eine rechtssichere " +
            "Umsetzungsanleitung für die Lohnbuchhaltung.",
            TradePermission.None,
            OrderForms.Nettolohn)
        {
            Sharing = DemoSharing.Payroll,
            PriceCents = 39_900,
            FeeKind = FeeKind.Percent,
            FeeValue = 800,
            CompleteWithinBusinessDays = 15,
            ProgressSteps = ["Lohndaten angefordert", "Berechnung läuft", "Präsentation vorbereitet"],
        },
        new(
            DemoIds.ServiceBuVoranfrage,
            DemoIds.ExpertHartmannSpezial,
            "private-provision",
            "Berufsunfähigkeit – anonyme Risikovoranfrage",
            "Ihr Kunde hat Vorerkrankungen oder einen schwer einzustufenden Beruf? Wir stellen anonymisierte " +
            "Risikovoranfragen bei mindestens fünf BU-Versicherern, werten die Voten (Annahme, Ausschluss, Zuschlag, " +
            "Ablehnung) aus und empfehlen den Antrag mit den besten Bedingungen.",
            TradePermission.Insurance34d,
            OrderForms.BuVoranfrage)
        {
            Sharing = DemoSharing.Health,
            PriceCents = 4_900,
            FeeKind = FeeKind.Fixed,
            FeeValue = 500,
            CompleteWithinBusinessDays = 15,
            ProgressSteps = ["Gesundheitsangaben aufbereitet", "Voranfragen gestellt", "Voten liegen vor"],
        },
    ];

    /// <summary>The brokers' customers in the sample CRM (table crm_customers).</summary>
    public static IReadOnlyList<Customer> Customers() =>
    [
        Person(DemoIds.BrokerMueller, "K-10001", "Dr.", "Erika", "Mustermann", new DateOnly(1961, 4, 12), "erika.mustermann@example.de", "0611 4711-0", "Wilhelmstraße 12", "65183", "Wiesbaden"),
        Company(DemoIds.BrokerMueller, "K-10002", "Bäckerei Schulze GmbH", "Heinz", "Schulze", "info@baeckerei-schulze.example.de", "06131 22 33 44", "Große Bleiche 5", "55116", "Mainz"),
        Company(DemoIds.BrokerMueller, "K-10003", "Elektro Wagner GmbH & Co. KG", "Stefan", "Wagner", "buero@elektro-wagner.example.de", "069 987 65 43", "Hanauer Landstraße 140", "60314", "Frankfurt am Main"),
        Person(DemoIds.BrokerMueller, "K-10004", null, "Jürgen", "Öztürk", new DateOnly(1978, 11, 3), "j.oeztuerk@example.de", "0176 1234567", "Rheinstraße 44", "64283", "Darmstadt"),
        Company(DemoIds.BrokerMueller, "K-10005", "Spedition Krüger e.K.", "Monika", "Krüger", "dispo@spedition-krueger.example.de", "06142 55 66 77", "Industriestraße 9", "65428", "Rüsselsheim am Main"),
        Person(DemoIds.BrokerHartmann, "K-20001", null, "Sabine", "Lehmann", new DateOnly(1966, 7, 21), "sabine.lehmann@example.de", "0621 44 55 66", "Augustaanlage 21", "68165", "Mannheim"),
        Company(DemoIds.BrokerHartmann, "K-20002", "Zahnarztpraxis Dr. Yılmaz", "Deniz", "Yılmaz", "praxis@zahnarzt-yilmaz.example.de", "06221 12 34 56", "Hauptstraße 88", "69117", "Heidelberg"),
        Person(DemoIds.BrokerHartmann, "K-20003", null, "Lukas", "Neumann", new DateOnly(1990, 2, 14), "lukas.neumann@example.de", "0151 98765432", "Kaiserstraße 3", "76133", "Karlsruhe"),
        Company(DemoIds.AdvisorSchneider, "K-30001", "Physiotherapie Sommer GbR", "Anja", "Sommer", "kontakt@physio-sommer.example.de", "0261 33 44 55", "Löhrstraße 17", "56068", "Koblenz"),
        Person(DemoIds.AdvisorSchneider, "K-30002", null, "Thomas", "Becker", new DateOnly(1984, 9, 30), "thomas.becker@example.de", "0671 22 11 00", "Salinenstraße 56", "55543", "Bad Kreuznach"),
        Person(DemoIds.AdvisorSchneider, "K-30003", "Prof. Dr.", "Claudia", "Richter", new DateOnly(1958, 1, 8), "c.richter@example.de", "0651 99 88 77", "Simeonstraße 2", "54290", "Trier"),
    ];

    /// <summary>Adds everything but the orders to <paramref name="db"/> (the caller saves once, in one transaction).</summary>
    public static void AddTo(SampleCrmDbContext db, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var network = DemoIds.Network;
        db.Add(new ExpertNetwork(network, "Expertennetzwerk Maklerverbund Rhein-Main") { OperatorPartyId = DemoIds.OperatorParty });

        db.Add(new Party(DemoIds.OperatorParty, network, PartyKind.Operator, "Maklerverbund Rhein-Main Netzwerkorganisation GmbH")
        {
            Approval = ApprovalState.Approved,
            Address = "Mainzer Landstraße 50\n60325 Frankfurt am Main",
            TaxId = "DE298765432",
        });

        var mueller = new Party(DemoIds.BrokerMueller, network, PartyKind.Broker, "Müller & Partner Versicherungsmakler GmbH")
        {
            BrokerKind = BrokerKind.InsuranceBroker,
            Approval = ApprovalState.Approved,
            VatStatus = VatStatus.ExemptInsuranceBrokerage,
            Address = "Wilhelmstraße 30\n65183 Wiesbaden",
            TaxId = "040 123 45678",
        };
        mueller.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.Insurance34d, "D-W-123-ABCD-45"));
        mueller.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.Investment34f, "D-F-123-ABCD-45"));
        db.Add(mueller);

        var hartmann = new Party(DemoIds.BrokerHartmann, network, PartyKind.Broker, "Versicherungsmakler Hartmann e.K.")
        {
            BrokerKind = BrokerKind.InsuranceBroker,
            Approval = ApprovalState.Approved,
            VatStatus = VatStatus.ExemptInsuranceBrokerage,
            Address = "O 7, 12\n68161 Mannheim",
            TaxId = "38 123 45678",
        };
        hartmann.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.Insurance34d, "D-W-234-BCDE-56"));
        hartmann.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.Investment34f, "D-F-234-BCDE-56"));
        db.Add(hartmann);

        var schneider = new Party(DemoIds.AdvisorSchneider, network, PartyKind.Broker, "Schneider Versicherungsberatung")
        {
            BrokerKind = BrokerKind.InsuranceAdvisor,
            Approval = ApprovalState.Approved,
            VatStatus = VatStatus.Regular,
            Address = "Schloßstraße 15\n56068 Koblenz",
            TaxId = "DE312345678",
        };
        schneider.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.Insurance34d, "D-W-345-CDEF-67"));
        db.Add(schneider);

        var finanzKompass = new Party(DemoIds.ExpertFinanzKompass, network, PartyKind.Expert, "FinanzKompass Honorarberatung GmbH")
        {
            Approval = ApprovalState.Approved,
            VatStatus = VatStatus.Regular,
            Address = "Bockenheimer Landstraße 17\n60325 Frankfurt am Main",
            TaxId = "DE287654321",
        };
        finanzKompass.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.Investment34f, "D-F-456-DEFG-78"));
        finanzKompass.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.InvestmentAdvice34h, "D-H-456-DEFG-78"));
        db.Add(finanzKompass);

        var hartmannSpezial = new Party(DemoIds.ExpertHartmannSpezial, network, PartyKind.Expert, "Hartmann Spezialkonzepte GmbH")
        {
            Approval = ApprovalState.Approved,
            VatStatus = VatStatus.Regular,
            Address = "O 7, 12\n68161 Mannheim",
            TaxId = "DE276543210",
        };
        hartmannSpezial.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.Insurance34d, "D-W-567-EFGH-89"));
        db.Add(hartmannSpezial);

        db.Add(new NetworkUser(DemoIds.UserKoch, network, "Sabine Koch", "sabine.koch@maklerverbund-rhein-main.example.de"));
        db.Add(new NetworkUser(DemoIds.UserMueller, network, "Katrin Müller", "k.mueller@mueller-partner.example.de"));
        db.Add(new NetworkUser(DemoIds.UserHartmann, network, "Jonas Hartmann", "jonas@hartmann-makler.example.de"));
        db.Add(new NetworkUser(DemoIds.UserSchneider, network, "Dr. Petra Schneider", "schneider@versicherungsberatung-schneider.example.de"));
        db.Add(new NetworkUser(DemoIds.UserVogel, network, "Michael Vogel", "m.vogel@finanzkompass.example.de"));
        db.Add(new NetworkUser(DemoIds.UserKrause, network, "Lea Krause", "l.krause@hartmann-spezialkonzepte.example.de", "en-GB"));

        db.Add(new PartyMembership(network, DemoIds.UserKoch, DemoIds.OperatorParty));
        db.Add(new PartyMembership(network, DemoIds.UserMueller, DemoIds.BrokerMueller));
        // Jonas Hartmann runs a broker office and, with his own company, offers services as an expert.
        db.Add(new PartyMembership(network, DemoIds.UserHartmann, DemoIds.BrokerHartmann));
        db.Add(new PartyMembership(network, DemoIds.UserHartmann, DemoIds.ExpertHartmannSpezial));
        db.Add(new PartyMembership(network, DemoIds.UserSchneider, DemoIds.AdvisorSchneider));
        db.Add(new PartyMembership(network, DemoIds.UserVogel, DemoIds.ExpertFinanzKompass));
        db.Add(new PartyMembership(network, DemoIds.UserKrause, DemoIds.ExpertHartmannSpezial));

        var categories = StandardCategories.Create(network, Guid.CreateVersion7);
        db.AddRange(categories);

        foreach (var demo in Services)
        {
            var service = new ExpertService(demo.Id, network, demo.ExpertPartyId, categories.Single(c => c.Key == demo.CategoryKey).Id, now);
            var version = new ExpertServiceVersion(Guid.CreateVersion7(), network, demo.Id, 1, demo.Title, demo.Description, now)
            {
                RequiredPermission = demo.Permission,
                PriceCents = demo.PriceCents,
                RevenueShareCents = demo.RevenueShareCents,
                FeeKind = demo.FeeKind,
                FeeValue = demo.FeeValue,
                AcceptWithinBusinessDays = demo.AcceptWithinBusinessDays,
                CompleteWithinBusinessDays = demo.CompleteWithinBusinessDays,
                ProgressSteps = demo.ProgressSteps,
                FormDefinitionJson = demo.Form.ToJson(),
                DataCategoriesJson = demo.Sharing.ToJson(),
            };
            version.Submit();
            version.Publish(now);
            service.PublishedVersionId = version.Id;
            db.Add(service);
            db.Add(version);
        }

        foreach (var customer in Customers())
        {
            customer.CreatedAtUtc = now.UtcDateTime;
            db.Add(customer);
        }
    }

    /// <summary>True when the demo network is already there.</summary>
    public static Task<bool> IsSeededAsync(SampleCrmDbContext db, CancellationToken cancellationToken) =>
        db.Set<ExpertNetwork>().AnyAsync(n => n.Id == DemoIds.Network, cancellationToken);

    private static Customer Person(Guid broker, string customerRef, string? title, string firstName, string lastName, DateOnly birthDate, string email, string phone, string street, string postalCode, string city) =>
        new()
        {
            NetworkId = DemoIds.Network,
            BrokerPartyId = broker,
            CustomerRef = customerRef,
            Title = title,
            FirstName = firstName,
            LastName = lastName,
            BirthDate = birthDate,
            Email = email,
            Phone = phone,
            Street = street,
            PostalCode = postalCode,
            City = city,
        };

    private static Customer Company(Guid broker, string customerRef, string companyName, string contactFirstName, string contactLastName, string email, string phone, string street, string postalCode, string city) =>
        new()
        {
            NetworkId = DemoIds.Network,
            BrokerPartyId = broker,
            CustomerRef = customerRef,
            CompanyName = companyName,
            FirstName = contactFirstName,
            LastName = contactLastName,
            Email = email,
            Phone = phone,
            Street = street,
            PostalCode = postalCode,
            City = city,
        };

    /// <summary>The services' order forms (data, not code).</summary>
    public static class OrderForms
    {
        public static FormDefinition Weiteranlage { get; } = new()
        {
            Fields =
            [
                Field("anlagebetrag", "Anlagebetrag", "Amount to invest", FormFieldType.Money, required: true) with { Min = 100_000 },
                Field("faelligkeit", "Fällig am", "Due on", FormFieldType.Date, required: true),
                Field("anlagehorizont", "Anlagehorizont", "Investment horizon", FormFieldType.Choice, required: true) with
                {
                    Choices =
                    [
                        Choice("kurz", "bis 3 Jahre", "up to 3 years"),
                        Choice("mittel", "3 bis 10 Jahre", "3 to 10 years"),
                        Choice("lang", "über 10 Jahre", "more than 10 years"),
                    ],
                },
                Field("nachhaltigkeit", "Nachhaltigkeitspräferenzen erfragen", "Ask for sustainability preferences", FormFieldType.Bool, required: false),
            ],
        };

        public static FormDefinition KfzFlotte { get; } = new()
        {
            Fields =
            [
                Field("anzahlFahrzeuge", "Anzahl Fahrzeuge", "Number of vehicles", FormFieldType.Number, required: true) with { Min = 3, Max = 5_000 },
                Field("aktuellerVersicherer", "Aktueller Versicherer", "Current insurer", FormFieldType.Text, required: true) with { Max = 100 },
                Field("hauptfaelligkeit", "Hauptfälligkeit", "Renewal date", FormFieldType.Date, required: true),
            ],
        };

        public static FormDefinition PkvTarifwechsel { get; } = new()
        {
            Fields =
            [
                Field("versicherer", "Versicherer", "Insurer", FormFieldType.Text, required: true) with { Max = 100 },
                Field("aktuellerTarif", "Aktueller Tarif", "Current tariff", FormFieldType.Text, required: true) with { Max = 100 },
                Field("monatsbeitrag", "Monatsbeitrag", "Monthly premium", FormFieldType.Money, required: true) with { Min = 1 },
                Field("versichertePersonen", "Versicherte Personen", "Insured persons", FormFieldType.Number, required: true) with { Min = 1, Max = 10 },
            ],
        };

        public static FormDefinition BavAnalyse { get; } = new()
        {
            Fields =
            [
                Field("mitarbeiter", "Anzahl Mitarbeiter", "Number of employees", FormFieldType.Number, required: true) with { Min = 1 },
                Field("durchfuehrungswege", "Bestehende Durchführungswege", "Existing funding vehicles", FormFieldType.MultiChoice, required: false) with
                {
                    Choices =
                    [
                        Choice("direktversicherung", "Direktversicherung", "Direct insurance"),
                        Choice("pensionskasse", "Pensionskasse", "Pension fund (Pensionskasse)"),
                        Choice("pensionsfonds", "Pensionsfonds", "Pension fund (Pensionsfonds)"),
                        Choice("unterstuetzungskasse", "Unterstützungskasse", "Support fund"),
                        Choice("direktzusage", "Direktzusage", "Direct pension promise"),
                    ],
                },
                Field("ansprechpartner", "Ansprechpartner beim Arbeitgeber", "Contact at the employer", FormFieldType.Text, required: true) with { Max = 100 },
            ],
        };

        public static FormDefinition Nettolohn { get; } = new()
        {
            Fields =
            [
                Field("mitarbeiter", "Anzahl Mitarbeiter", "Number of employees", FormFieldType.Number, required: true) with { Min = 1 },
                Field("bausteine", "Gewünschte Bausteine", "Desired benefits", FormFieldType.MultiChoice, required: true) with
                {
                    Min = 1,
                    Choices =
                    [
                        Choice("sachbezug", "Sachbezug (50 € monatlich)", "Benefit in kind (EUR 50 a month)"),
                        Choice("fahrtkosten", "Fahrtkostenzuschuss", "Commuting allowance"),
                        Choice("kita", "Kindergartenzuschuss", "Childcare allowance"),
                        Choice("erholung", "Erholungsbeihilfe", "Recreation allowance"),
                        Choice("internet", "Internetpauschale", "Internet allowance"),
                    ],
                },
            ],
        };

        public static FormDefinition BuVoranfrage { get; } = new()
        {
            Fields =
            [
                Field("beruf", "Ausgeübter Beruf", "Occupation", FormFieldType.Text, required: true) with { Max = 100 },
                Field("wunschrente", "Gewünschte BU-Rente monatlich", "Desired monthly disability pension", FormFieldType.Money, required: true) with { Min = 50_000 },
                Field("vorerkrankungen", "Vorerkrankungen (anonym)", "Pre-existing conditions (anonymous)", FormFieldType.Multiline, required: false) with { Max = 4_000 },
            ],
        };

        private static FormField Field(string key, string german, string english, FormFieldType type, bool required) =>
            new() { Key = key, Labels = Labels(german, english), Type = type, Required = required };

        private static FormChoice Choice(string value, string german, string english) => new() { Value = value, Labels = Labels(german, english) };

        private static Dictionary<string, string> Labels(string german, string english) => new(StringComparer.Ordinal) { ["de"] = german, ["en"] = english };
    }
}
