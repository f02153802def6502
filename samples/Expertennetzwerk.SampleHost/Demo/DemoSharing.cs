using Expertennetzwerk.Module.Catalog;

namespace Expertennetzwerk.SampleHost.Demo;

/// <summary>
/// What each demo service shares with its expert (see the module's docs/design.md): categories of customer data with their legal basis and
/// data subjects. Contact data follow from the broker contract; financial, payroll and health data need consent.
/// </summary>
public static class DemoSharing
{
    private static DataCategory Contact(params string[] fields) => new()
    {
        Key = "contact",
        Labels = new Dictionary<string, string> { ["de"] = "Kontaktdaten", ["en"] = "Contact details" },
        LegalBasis = LegalBasis.BrokerContract,
        CustomerFields = fields,
    };

    /// <summary>Weiteranlage: contact data; the investor profile (birth date, the form's financial data) by consent.</summary>
    public static DataSharing Investment { get; } = new()
    {
        Categories =
        [
            Contact("email", "phone"),
            new DataCategory
            {
                Key = "investor_profile",
                Labels = new Dictionary<string, string> { ["de"] = "Anlegerprofil und Vermögensangaben", ["en"] = "Investor profile and assets" },
                LegalBasis = LegalBasis.Consent,
                CustomerFields = ["birthDate"],
            },
        ],
    };

    /// <summary>Kfz-Flotte: a company's contact data under the broker contract; no consent needed.</summary>
    public static DataSharing Fleet { get; } = new() { Categories = [Contact("companyName", "email", "phone", "street", "postalCode", "city")] };

    /// <summary>PKV: health data of the customer (Art. 9 GDPR, § 203 StGB).</summary>
    public static DataSharing Health { get; } = new()
    {
        Categories =
        [
            Contact("email", "phone"),
            new DataCategory
            {
                Key = "health",
                Labels = new Dictionary<string, string> { ["de"] = "Gesundheitsangaben und Tarifdaten", ["en"] = "Health information and tariff data" },
                LegalBasis = LegalBasis.ExplicitHealthConsent,
                CustomerFields = ["birthDate"],
            },
        ],
    };

    /// <summary>bAV and Nettolohnoptimierung: the employer's contact data, the employees' payroll data by their consent.</summary>
    public static DataSharing Payroll { get; } = new()
    {
        Categories =
        [
            Contact("companyName", "email", "phone"),
            new DataCategory
            {
                Key = "payroll",
                Labels = new Dictionary<string, string> { ["de"] = "Gehalts- und Versorgungsdaten der Beschäftigten", ["en"] = "Employees' payroll and pension data" },
                LegalBasis = LegalBasis.Consent,
                DataSubjects = [DataSubjectKind.Employee],
            },
        ],
    };
}
