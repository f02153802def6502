using Expertennetzwerk.Module.Forms;

namespace Expertennetzwerk.Module.Tests.Forms;

public class FormDefinitionTests
{
    [Fact]
    public void A_consistent_definition_has_no_errors_and_survives_a_json_round_trip()
    {
        FormSamples.InterestCheck.Check().Should().BeEmpty();

        var json = FormSamples.InterestCheck.ToJson();
        var parsed = FormDefinition.TryParse(json, out var errors);

        errors.Should().BeEmpty();
        parsed!.ToJson().Should().Be(json);
        json.Should().Contain("\"type\":\"multiChoice\"");
    }

    [Fact]
    public void Every_inconsistency_is_reported_at_once()
    {
        var definition = new FormDefinition
        {
            Fields =
            [
                new FormField { Key = "a", Labels = FormSamples.De("A"), Type = FormFieldType.Text },
                new FormField { Key = "a", Labels = FormSamples.De("A2"), Type = FormFieldType.Text },
                new FormField { Key = "1bad", Labels = FormSamples.De("B"), Type = FormFieldType.Text },
                new FormField { Key = "wahl", Labels = FormSamples.De("Wahl"), Type = FormFieldType.Choice },
                new FormField { Key = "zahl", Labels = FormSamples.De("Zahl"), Type = FormFieldType.Number, Min = 10, Max = 1 },
                new FormField { Key = "muster", Labels = FormSamples.De("Muster"), Type = FormFieldType.Text, Pattern = "([a-z" },
                new FormField { Key = "ohne", Labels = new Dictionary<string, string> { ["en"] = "English only" }, Type = FormFieldType.Bool },
                new FormField { Key = "abschnitt", Labels = FormSamples.De("X"), Type = FormFieldType.Text, Section = "fehlt" },
            ],
        };

        definition.Check().Select(e => (e.Field, e.Code)).Should().BeEquivalentTo(new[]
        {
            ("fields[1].key", "duplicate_key"),
            ("fields[2].key", "invalid_key"),
            ("fields[3].choices", "choices_missing"),
            ("fields[4].min", "min_greater_than_max"),
            ("fields[5].pattern", "invalid_pattern"),
            ("fields[6].labels", "label_missing"),
            ("fields[7].section", "unknown_section"),
        });
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"fields\": [{\"key\": \"a\", \"type\": \"spaceship\"}]}")]
    public void Json_that_describes_no_form_is_malformed(string json)
    {
        FormDefinition.TryParse(json, out var errors).Should().BeNull();
        errors.Should().ContainSingle(e => e.Field == "formDefinition" && e.Code == "malformed");
    }
}
