using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Templates;

namespace Expertennetzwerk.Module.Tests.Templates;

public class TemplateFormatterTests
{
    [Theory]
    [InlineData(123456, "de", "1.234,56 €")]
    [InlineData(123456, "en", "€1,234.56")]
    [InlineData(0, "de", "0,00 €")]
    [InlineData(5, "en", "€0.05")]
    [InlineData(-123456789, "de", "-1.234.567,89 €")]
    [InlineData(-123456789, "en-GB", "-€1,234,567.89")]
    public void Money(long cents, string language, string expected) => TemplateFormatter.Money(cents, language).Should().Be(expected);

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void Dates_and_times_in_the_given_zone()
    {
        TemplateFormatter.Date(new DateOnly(2025, 3, 7), "de").Should().Be("07.03.2025");
        TemplateFormatter.Date(new DateOnly(2025, 3, 7), "en").Should().Be("2025-03-07");

        // 23:30 UTC on 6 March is already 7 March in Germany; 12:30 UTC in July is 14:30 summer time.
        TemplateFormatter.Date(new DateTimeOffset(2025, 3, 6, 23, 30, 0, TimeSpan.Zero), "de", Berlin).Should().Be("07.03.2025");
        TemplateFormatter.DateTime(new DateTimeOffset(2025, 7, 1, 12, 30, 0, TimeSpan.Zero), "de", Berlin).Should().Be("01.07.2025, 14:30 Uhr");
        TemplateFormatter.DateTime(new DateTimeOffset(2025, 7, 1, 12, 30, 0, TimeSpan.Zero), "en", Berlin).Should().Be("2025-07-01 14:30");
        TemplateFormatter.DateTime(new DateTimeOffset(2025, 7, 1, 12, 30, 0, TimeSpan.Zero), "de", TimeZoneInfo.FindSystemTimeZoneById("America/New_York"))
            .Should().Be("01.07.2025, 08:30 Uhr");
    }

    [Fact]
    public void Labels_fall_back_to_german()
    {
        var labels = new Dictionary<string, string> { ["de"] = "Anlagebetrag" };

        TemplateFormatter.Label(labels, "en").Should().Be("Anlagebetrag");
        TemplateFormatter.Label(new Dictionary<string, string> { ["de"] = "Anlagebetrag", ["en"] = "Amount" }, "en-GB").Should().Be("Amount");
        TemplateFormatter.Label(null, "de", "key").Should().Be("key");
    }

    [Fact]
    public void Legal_bases_and_states_read_well()
    {
        TemplateFormatter.LegalBasis(LegalBasis.ExplicitHealthConsent, "de").Should().Contain("Art. 9 Abs. 2 lit. a DSGVO").And.Contain("§ 203 StGB");
        TemplateFormatter.LegalBasis(LegalBasis.Consent, "en").Should().Be("your consent (Art. 6(1)(a) GDPR)");
        TemplateFormatter.OrderState(OrderState.Cancelled, "de").Should().Be("storniert");
        TemplateFormatter.OrderState(OrderState.AwaitingInformation, "en").Should().Be("awaiting information");
        foreach (var state in Enum.GetValues<OrderState>())
        {
            TemplateFormatter.OrderState(state, "de").Should().NotBe(state.ToString());
        }
    }

    [Fact]
    public void A_data_category_becomes_a_consent_category()
    {
        var category = new DataCategory
        {
            Key = "health",
            Labels = new Dictionary<string, string> { ["de"] = "Gesundheitsangaben", ["en"] = "Health information" },
            LegalBasis = LegalBasis.ExplicitHealthConsent,
        };

        TemplateFormatter.Category(category, "en").Should().Be(new ConsentCategoryModel("Health information", TemplateFormatter.LegalBasis(LegalBasis.ExplicitHealthConsent, "en"), true));
    }

    [Fact]
    public void Form_values_are_labelled_and_formatted_by_type_in_form_order()
    {
        static IReadOnlyDictionary<string, string> L(string de, string en) => new Dictionary<string, string> { ["de"] = de, ["en"] = en };
        var form = new FormDefinition
        {
            Fields =
            [
                new FormField { Key = "betrag", Labels = L("Anlagebetrag", "Amount"), Type = FormFieldType.Money },
                new FormField { Key = "beginn", Labels = L("Beginn", "Start"), Type = FormFieldType.Date },
                new FormField { Key = "risiko", Labels = L("Risikoklasse", "Risk class"), Type = FormFieldType.Choice, Choices = [new FormChoice { Value = "3", Labels = L("3 – ausgewogen", "3 – balanced") }] },
                new FormField { Key = "ziele", Labels = L("Ziele", "Goals"), Type = FormFieldType.MultiChoice, Choices = [new FormChoice { Value = "alter", Labels = L("Altersvorsorge", "Retirement") }, new FormChoice { Value = "oeko", Labels = L("Ökologisch", "Green") }] },
                new FormField { Key = "erfahrung", Labels = L("Erfahrung", "Experience"), Type = FormFieldType.Bool },
                new FormField { Key = "quote", Labels = L("Quote", "Ratio"), Type = FormFieldType.Number },
                new FormField { Key = "bemerkung", Labels = L("Bemerkung", "Remark"), Type = FormFieldType.Multiline },
                new FormField { Key = "leer", Labels = L("Leer", "Empty"), Type = FormFieldType.Text },
            ],
        };
        var data = """{"bemerkung":"Bitte rückrufen","betrag":2500000,"beginn":"2025-03-07","risiko":"3","ziele":["oeko","alter"],"erfahrung":true,"quote":1234.5,"leer":null}""";

        TemplateFormatter.FormFields(form, data, "de").Should().Equal(
            new LabeledValue("Anlagebetrag", "25.000,00 €"),
            new LabeledValue("Beginn", "07.03.2025"),
            new LabeledValue("Risikoklasse", "3 – ausgewogen"),
            new LabeledValue("Ziele", "Ökologisch, Altersvorsorge"),
            new LabeledValue("Erfahrung", "Ja"),
            new LabeledValue("Quote", "1.234,5"),
            new LabeledValue("Bemerkung", "Bitte rückrufen"));
        TemplateFormatter.FormFields(form, data, "en").Take(6).Select(f => f.Value).Should().Equal("€25,000.00", "2025-03-07", "3 – balanced", "Green, Retirement", "Yes", "1,234.5");
        TemplateFormatter.FormFields(form, "{}", "de").Should().BeEmpty();
    }
}
