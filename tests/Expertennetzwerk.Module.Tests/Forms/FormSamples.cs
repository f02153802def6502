using Expertennetzwerk.Module.Forms;

namespace Expertennetzwerk.Module.Tests.Forms;

internal static class FormSamples
{
    public static Dictionary<string, string> De(string german) => new() { ["de"] = german, ["en"] = german };

    /// <summary>The book's "Weiteranlage – Interessen-Check" form, in short.</summary>
    public static FormDefinition InterestCheck { get; } = new()
    {
        Sections = [new FormSection { Key = "anlage", Titles = De("Anlage") }],
        Fields =
        [
            new FormField { Key = "betrag", Labels = De("Anlagebetrag"), Type = FormFieldType.Money, Required = true, Min = 100_000, Max = 1_000_000_000, Section = "anlage" },
            new FormField { Key = "horizont", Labels = De("Anlagehorizont (Jahre)"), Type = FormFieldType.Number, Required = true, Min = 1, Max = 40 },
            new FormField
            {
                Key = "risikoklasse", Labels = De("Risikoklasse"), Type = FormFieldType.Choice, Required = true,
                Choices = [new FormChoice { Value = "1", Labels = De("sicherheitsorientiert") }, new FormChoice { Value = "5", Labels = De("spekulativ") }],
            },
            new FormField
            {
                Key = "nachhaltigkeit", Labels = De("Nachhaltigkeitspräferenzen"), Type = FormFieldType.MultiChoice, Max = 2,
                Choices =
                [
                    new FormChoice { Value = "taxonomie", Labels = De("Taxonomiekonform") },
                    new FormChoice { Value = "sfdr", Labels = De("SFDR Art. 8/9") },
                    new FormChoice { Value = "pai", Labels = De("PAI berücksichtigt") },
                ],
            },
            new FormField { Key = "beginn", Labels = De("Anlagebeginn"), Type = FormFieldType.Date, MinDate = "2026-01-01", MaxDate = "2030-12-31" },
            new FormField { Key = "mail", Labels = De("E-Mail"), Type = FormFieldType.Email },
            new FormField { Key = "telefon", Labels = De("Telefon"), Type = FormFieldType.Phone },
            new FormField { Key = "iban", Labels = De("IBAN"), Type = FormFieldType.Iban },
            new FormField { Key = "vertragsnummer", Labels = De("Vertragsnummer"), Type = FormFieldType.Text, Pattern = "[A-Z]{2}-[0-9]{4}", Max = 7 },
            new FormField { Key = "bestaetigt", Labels = De("Angaben geprüft"), Type = FormFieldType.Bool, Required = true },
        ],
    };
}
