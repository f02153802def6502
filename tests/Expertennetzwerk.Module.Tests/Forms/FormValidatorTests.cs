using Expertennetzwerk.Module.Forms;

namespace Expertennetzwerk.Module.Tests.Forms;

public class FormValidatorTests
{
    private const string Complete = """
        {"betrag": 2500000, "horizont": 12, "risikoklasse": "5", "nachhaltigkeit": ["sfdr", "pai"], "beginn": "2026-07-01",
         "mail": "erika@example.de", "telefon": "+49 6332 99399-3", "iban": "DE89 3704 0044 0532 0130 00", "vertragsnummer": "AB-1234",
         "bestaetigt": true}
        """;

    [Fact]
    public void A_complete_valid_form_has_no_errors()
    {
        FormValidator.Validate(FormSamples.InterestCheck, Complete, requireComplete: true).Should().BeEmpty();
    }

    [Fact]
    public void A_draft_may_lack_required_fields_but_placing_needs_them()
    {
        const string partial = """{"horizont": 5}""";

        FormValidator.Validate(FormSamples.InterestCheck, partial, requireComplete: false).Should().BeEmpty();
        FormValidator.Validate(FormSamples.InterestCheck, partial, requireComplete: true)
            .Select(e => (e.Field, e.Code))
            .Should().BeEquivalentTo(new[]
            {
                ("formData.betrag", "required"),
                ("formData.risikoklasse", "required"),
                ("formData.bestaetigt", "required"),
            });
    }

    [Fact]
    public void Every_field_error_comes_back_at_once_with_a_german_text()
    {
        const string bad = """
            {"betrag": 50, "horizont": "zwölf", "risikoklasse": "9", "nachhaltigkeit": ["sfdr", "pai", "taxonomie"], "beginn": "2031-01-01",
             "mail": "erika at example", "telefon": "abc", "iban": "DE89 3704 0044 0532 0130 01", "vertragsnummer": "ab-12",
             "bestaetigt": false, "extra": 1}
            """;

        var errors = FormValidator.Validate(FormSamples.InterestCheck, bad, requireComplete: true);

        errors.Select(e => (e.Field, e.Code)).Should().BeEquivalentTo(new[]
        {
            ("formData.extra", "unknown_field"),
            ("formData.betrag", "below_min"),
            ("formData.horizont", "invalid_type"),
            ("formData.risikoklasse", "invalid_choice"),
            ("formData.nachhaltigkeit", "too_many_choices"),
            ("formData.beginn", "above_max"),
            ("formData.mail", "invalid_email"),
            ("formData.telefon", "invalid_phone"),
            ("formData.iban", "invalid_iban"),
            ("formData.vertragsnummer", "pattern_mismatch"),
            ("formData.bestaetigt", "must_be_confirmed"),
        });
        errors.Single(e => e.Field == "formData.betrag").Text.German.Should().Be("Der Wert muss mindestens 1.000,00 € betragen.");
        errors.Single(e => e.Field == "formData.beginn").Text.German.Should().Contain("31.12.2030");
    }

    [Theory]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("de89 3704 0044 0532 0130 00", true)]
    [InlineData("GB82WEST12345698765432", true)]
    [InlineData("DE89370400440532013001", false)]
    [InlineData("DE8937040044053201300", false)]
    [InlineData("XX00", false)]
    public void Iban_checksum(string iban, bool valid) => FormValidator.IsIban(iban).Should().Be(valid);

    [Theory]
    [InlineData("[]")]
    [InlineData("kein json")]
    public void Form_data_that_is_no_json_object_is_malformed(string json)
    {
        FormValidator.Validate(FormSamples.InterestCheck, json, requireComplete: false)
            .Should().ContainSingle(e => e.Field == "formData" && e.Code == "malformed");
    }

    [Fact]
    public void A_catastrophic_pattern_cannot_hang_validation()
    {
        var definition = new FormDefinition
        {
            Fields = [new FormField { Key = "x", Labels = FormSamples.De("X"), Type = FormFieldType.Text, Pattern = "(a+)+b" }],
        };
        var data = "{\"x\": \"" + new string('a', 5_000) + "\"}";

        FormValidator.Validate(definition, data, requireComplete: true).Should().ContainSingle(e => e.Code == "pattern_mismatch");
    }
}
