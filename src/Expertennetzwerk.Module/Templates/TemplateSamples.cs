namespace Expertennetzwerk.Module.Templates;

/// <summary>
/// Realistic sample models per kind and language: for previewing a template while editing it, for the trial render of
/// <see cref="TemplateService.ValidateTemplate(TemplateKind, TemplateFormat, string)"/>, and for the snapshot tests of the defaults.
/// </summary>
internal static class TemplateSamples
{
    /// <summary>The sample model of <paramref name="kind"/> in <paramref name="language"/> (<c>de</c> or <c>en</c>).</summary>
    public static object Model(TemplateKind kind, string language)
    {
        var lang = TemplateFormatter.Language(language);
        return kind switch
        {
            TemplateKind.OrderDescription => OrderDescription(lang),
            TemplateKind.ConsentDeclaration => ConsentDeclaration(lang, healthData: true),
            TemplateKind.MailOrderPlaced => new OrderPlacedMailModel(
                "Dr. Björn Köhler", "A-2025-000123", ServiceTitle(lang), Broker, TemplateFormatter.DateTime(Placed, lang, SampleZone),
                TemplateFormatter.Date(new DateOnly(2025, 3, 11), lang), "https://crm.example.de/auftraege/A-2025-000123",
                De(lang) ? "Der Kunde ist ab 14 Uhr am besten telefonisch erreichbar." : "The customer is best reached by phone after 2 pm."),
            TemplateKind.MailOrderStateChanged => new OrderStateChangedMailModel(
                "Jürgen Weiß", "A-2025-000123", ServiceTitle(lang), Expert,
                TemplateFormatter.OrderState(Orders.OrderState.InProgress, lang), TemplateFormatter.OrderState(Orders.OrderState.AwaitingInformation, lang),
                TemplateFormatter.DateTime(Placed.AddDays(2), lang, SampleZone), "https://crm.example.de/auftraege/A-2025-000123",
                De(lang) ? "Bitte reichen Sie die letzte Depotübersicht (Stand 31.12.2024) nach." : "Please send the latest custody account statement (as of 31 December 2024)."),
            TemplateKind.MailOrderCompleted => new OrderCompletedMailModel(
                "Jürgen Weiß", "A-2025-000123", ServiceTitle(lang), Expert, TemplateFormatter.DateTime(Placed.AddDays(6), lang, SampleZone),
                "https://crm.example.de/auftraege/A-2025-000123", "https://crm.example.de/auftraege/A-2025-000123/bewertung"),
            TemplateKind.MailConsentRequested => new ConsentRequestedMailModel(
                "Günther Schäfer", Broker, Expert, ServiceTitle(lang), "https://crm.example.de/einwilligung/3q2-7Lx9vT0aKpR4mWcZbE",
                TemplateFormatter.Date(new DateOnly(2025, 3, 21), lang)),
            TemplateKind.MailDisputeOpened => new DisputeOpenedMailModel(
                "A-2025-000123", ServiceTitle(lang), Broker, Expert, Broker.Name, TemplateFormatter.DateTime(Placed.AddDays(20), lang, SampleZone), "https://crm.example.de/betrieb/auftraege/A-2025-000123"),
            TemplateKind.MailDeadLetter => new DeadLetterMailModel(
                "5f0c9a6e-2b1d-4c8e-9f3a-7d6b2e1c0a94", "OrderPlaced", 8,
                TemplateFormatter.DateTime(Placed, lang, SampleZone), TemplateFormatter.DateTime(Placed.AddHours(26), lang, SampleZone),
                "SMTP 550 5.1.1 <b.koehler@finanzkontor-koehler.de>: Recipient address rejected", "https://crm.example.de/betrieb/zustellung"),
            TemplateKind.MailMessageReceived => new MessageReceivedMailModel(
                "Jürgen Weiß", "A-2025-000123", ServiceTitle(lang), Expert, TemplateFormatter.DateTime(Placed.AddDays(3), lang, SampleZone),
                "https://crm.example.de/auftraege/A-2025-000123"),
            TemplateKind.MailConsentConfirmation => new ConsentConfirmationMailModel(
                "Günther Schäfer", Broker, Expert, ServiceTitle(lang), "A-2025-000123", true, TemplateFormatter.DateTime(Placed.AddDays(-1), lang, SampleZone),
                De(lang) ? "Einwilligungserklärung zur Übermittlung personenbezogener Daten\n\n…" : "Declaration of consent to the transfer of personal data\n\n…",
                "https://crm.example.de/einwilligung/widerruf/9Zx-4kLm2PqR7sTu0VwXyA"),
            TemplateKind.MailConsentWithdrawn => new ConsentWithdrawnMailModel(
                "Jürgen Weiß", "A-2025-000123", ServiceTitle(lang), Expert, TemplateFormatter.DateTime(Placed.AddDays(1), lang, SampleZone), true,
                "https://crm.example.de/auftraege/A-2025-000123"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>A sample order description for the Geldanlage service.</summary>
    public static OrderDescriptionModel OrderDescription(string language)
    {
        var lang = TemplateFormatter.Language(language);
        var de = De(lang);
        return new OrderDescriptionModel(
            "A-2025-000123",
            ServiceTitle(lang),
            de ? "Geldanlage" : "Investments",
            Broker,
            Expert,
            [
                new(de ? "Name" : "Name", "Günther Schäfer"),
                new(de ? "Geburtsdatum" : "Date of birth", TemplateFormatter.Date(new DateOnly(1968, 9, 14), lang)),
                new(de ? "Anschrift" : "Address", "Große Straße 12, 20095 Hamburg"),
                new(de ? "Telefon" : "Phone", "+49 40 1234567"),
            ],
            [
                new(de ? "Anlagebetrag" : "Amount to invest", TemplateFormatter.Money(2_500_000, lang)),
                new(de ? "Anlagehorizont" : "Investment horizon", de ? "10 Jahre" : "10 years"),
                new(de ? "Risikoklasse" : "Risk class", de ? "3 – ausgewogen" : "3 – balanced"),
                new(de ? "Erfahrung mit Wertpapieren" : "Experience with securities", TemplateFormatter.YesNo(true, lang)),
                new(de ? "Nachhaltigkeitspräferenzen" : "Sustainability preferences", de ? "Ökologisch nachhaltige Investitionen (Taxonomie), mindestens 20 %" : "Environmentally sustainable investments (taxonomy), at least 20 %"),
                new(de ? "Gewünschter Termin" : "Preferred date", TemplateFormatter.Date(new DateOnly(2025, 3, 18), lang)),
            ],
            TemplateFormatter.Date(new DateOnly(2025, 3, 6), lang),
            TemplateFormatter.Date(Placed, lang, SampleZone),
            de ? "Herr Schäfer möchte einen Teil der Erbschaft anlegen; bitte auf Kostenquote achten." : "Mr Schäfer wants to invest part of an inheritance; please mind the cost ratio.");
    }

    /// <summary>A sample consent declaration for a PKV service; with <paramref name="healthData"/> it holds health data.</summary>
    public static ConsentDeclarationModel ConsentDeclaration(string language, bool healthData)
    {
        var lang = TemplateFormatter.Language(language);
        var de = De(lang);
        var categories = new List<ConsentCategoryModel>
        {
            new(de ? "Kontaktdaten (Name, Anschrift, Telefon, E-Mail)" : "Contact details (name, address, phone, e-mail)", TemplateFormatter.LegalBasis(Catalog.LegalBasis.Consent, lang)),
            new(de ? "Angaben zum bestehenden Versicherungsvertrag" : "Details of the existing insurance contract", TemplateFormatter.LegalBasis(Catalog.LegalBasis.Consent, lang)),
        };
        if (healthData)
        {
            categories.Add(new(de ? "Gesundheitsangaben (Vorerkrankungen, Behandlungen der letzten 5 Jahre)" : "Health information (pre-existing conditions, treatments in the last 5 years)",
                TemplateFormatter.LegalBasis(Catalog.LegalBasis.ExplicitHealthConsent, lang), IsHealthData: true));
        }

        return new ConsentDeclarationModel(
            "Günther Schäfer",
            Broker,
            Expert with { Name = "PKV-Kontor Döring & Partner", ContactPerson = "Dr. Björn Köhler", Email = "b.koehler@pkv-kontor-doering.de", Address = "Königstraße 3, 70173 Stuttgart" },
            de ? "PKV-Tarifwechsel nach § 204 VVG" : "PKV tariff change under § 204 VVG",
            "A-2025-000124",
            de ? "Prüfung eines Tarifwechsels Ihrer privaten Krankenversicherung nach § 204 VVG und Erstellung einer Wechselempfehlung"
               : "Review of a tariff change of your private health insurance under § 204 VVG (German Insurance Contract Act) and a recommendation",
            categories,
            healthData,
            "https://crm.example.de/einwilligung/widerruf/Vx8-Qw3nZr5TbK1mLpA7cY",
            TemplateFormatter.Date(new DateOnly(2025, 3, 21), lang),
            TemplateFormatter.Date(new DateOnly(2025, 3, 7), lang));
    }

    private static readonly DateTimeOffset Placed = new(2025, 3, 7, 14, 30, 0, TimeSpan.FromHours(1));

    // The samples are in March 2025, German winter time: a fixed +01:00 shows them as a Berlin network would, without
    // depending on the system's time-zone data.
    private static readonly TimeZoneInfo SampleZone = TimeZoneInfo.CreateCustomTimeZone("Sample +01:00", TimeSpan.FromHours(1), "Sample", "Sample");

    private static PartyModel Broker { get; } = new("Weiß & Söhne Versicherungsmakler GmbH", "Jürgen Weiß", "j.weiss@weiss-soehne.de", "+49 40 9876543", "Mönckebergstraße 7, 20095 Hamburg");

    private static PartyModel Expert { get; } = new("Finanzkontor Köhler GmbH", "Dr. Björn Köhler", "b.koehler@finanzkontor-koehler.de", "+49 89 2345678", "Maximilianstraße 21, 80539 München");

    private static bool De(string lang) => lang == TemplateFormatter.German;

    private static string ServiceTitle(string lang) => De(lang) ? "Weiteranlage – Interessen-Check" : "Reinvestment – interest check";
}
