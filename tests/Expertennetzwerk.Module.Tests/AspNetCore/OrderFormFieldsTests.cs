using System.Globalization;
using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Forms;

namespace Expertennetzwerk.Module.Tests.AspNetCore;

/// <summary>The web UI's order form: what a broker types becomes the form data the core checks, and saved data become the inputs again.</summary>
public class OrderFormFieldsTests
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static readonly FormDefinition Form = new()
    {
        Fields =
        [
            Field("text", FormFieldType.Text),
            Field("lines", FormFieldType.Multiline),
            Field("count", FormFieldType.Number),
            Field("amount", FormFieldType.Money),
            Field("due", FormFieldType.Date),
            Field("choice", FormFieldType.Choice) with { Choices = [Choice("a"), Choice("b")] },
            Field("many", FormFieldType.MultiChoice) with { Choices = [Choice("x"), Choice("y"), Choice("z")] },
            Field("confirmed", FormFieldType.Bool),
            Field("mail", FormFieldType.Email),
            Field("phone", FormFieldType.Phone),
            Field("iban", FormFieldType.Iban),
        ],
    };

    [Theory]
    [InlineData("1.250,50", "de", 1250.50)]
    [InlineData("1250,5", "de", 1250.5)]
    [InlineData("1,234", "de", 1.234)]
    [InlineData("1.000", "de", 1000)]
    [InlineData("1.5", "de", 1.5)]
    [InlineData("1,250.50", "en", 1250.50)]
    [InlineData("1,000", "en", 1000)]
    [InlineData("1.234", "en", 1.234)]
    [InlineData("  -7 € ", "de", -7)]
    public void Numbers_are_read_as_people_type_them(string typed, string language, double expected)
    {
        OrderFormFields.TryParseNumber(typed, language == "en" ? English : German, out var value).Should().BeTrue();
        value.Should().Be((decimal)expected);
    }

    [Theory]
    [InlineData("viel")]
    [InlineData("1,2,3")]
    [InlineData("")]
    public void Text_that_is_no_number_is_not_one(string typed) =>
        OrderFormFields.TryParseNumber(typed, German, out _).Should().BeFalse();

    [Fact]
    public void Every_field_type_goes_to_the_cores_form_data_and_back()
    {
        var typed = new Dictionary<string, IReadOnlyList<string>>
        {
            ["text"] = ["<b>x</b> {{ 7*7 }}"],
            ["lines"] = ["eins\nzwei"],
            ["count"] = ["2,5"],
            ["amount"] = ["1.612,40"],
            ["due"] = ["2027-03-31"],
            ["choice"] = ["b"],
            ["many"] = ["x", "z"],
            ["confirmed"] = ["true"],
            ["mail"] = [""],
            ["phone"] = ["   "],
        };

        var json = OrderFormFields.ToJson(Form, typed, German);
        FormValidator.Validate(Form, json, requireComplete: false).Should().BeEmpty(json);
        using (var document = System.Text.Json.JsonDocument.Parse(json))
        {
            var root = document.RootElement;
            root.GetProperty("text").GetString().Should().Be("<b>x</b> {{ 7*7 }}");
            root.GetProperty("count").GetDecimal().Should().Be(2.5m);
            root.GetProperty("amount").GetInt64().Should().Be(161_240, "amounts go in cents");
            root.GetProperty("many").EnumerateArray().Select(e => e.GetString()).Should().Equal("x", "z");
            root.GetProperty("confirmed").GetBoolean().Should().BeTrue();
            root.TryGetProperty("mail", out _).Should().BeFalse("a blank field is left out");
            root.TryGetProperty("phone", out _).Should().BeFalse();
            root.TryGetProperty("iban", out _).Should().BeFalse();
        }

        var shown = OrderFormFields.FromJson(Form, json, German);
        shown["amount"].Should().Equal("1612,40");
        shown["count"].Should().Equal("2,5");
        shown["many"].Should().Equal("x", "z");
        shown["confirmed"].Should().Equal("true");
        shown["text"].Should().Equal("<b>x</b> {{ 7*7 }}");
        OrderFormFields.FromJson(Form, json, English)["amount"].Should().Equal("1612.40");

        // What is shown goes back unchanged.
        OrderFormFields.ToJson(Form, shown, German).Should().Be(json);
    }

    [Fact]
    public void A_value_that_is_no_number_goes_as_text_so_the_core_answers_it_at_its_field()
    {
        var json = OrderFormFields.ToJson(Form, new Dictionary<string, IReadOnlyList<string>> { ["amount"] = ["12,345"], ["count"] = ["viel"] }, German);
        FormValidator.Validate(Form, json, requireComplete: false).Select(e => (e.Field, e.Code))
            .Should().BeEquivalentTo([("formData.count", "invalid_type"), ("formData.amount", "invalid_type")]);
        OrderFormFields.ToJson(Form, new Dictionary<string, IReadOnlyList<string>>(), German).Should().Be("""{"confirmed":false}""", "an unchecked box is no");
    }

    private static FormField Field(string key, FormFieldType type) => new() { Key = key, Labels = new Dictionary<string, string> { ["de"] = key }, Type = type };

    private static FormChoice Choice(string value) => new() { Value = value, Labels = new Dictionary<string, string> { ["de"] = value } };
}
