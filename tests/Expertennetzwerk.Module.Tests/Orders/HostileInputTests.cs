using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>
/// Text and JSON no one can type by hand (duplicate names, NUL, broken UTF-16, invisible-only text, numbers beyond any
/// range) answer a field error and write nothing, on every database; the order stays readable and usable.
/// </summary>
public sealed class HostileInputTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    private const string NumbersForm = """
        {"fields":[
          {"key":"betrag","labels":{"de":"Betrag","en":"Amount"},"type":"money"},
          {"key":"anzahl","labels":{"de":"Anzahl","en":"Count"},"type":"number"},
          {"key":"notiz","labels":{"de":"Notiz","en":"Note"},"type":"text"}
        ]}
        """;

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite, """{"anlagebetrag":1,"anlagebetrag":2}""")]
    [InlineData(DatabaseKind.Postgres, """{"anlagebetrag":1,"anlagebetrag":2}""")]
    [InlineData(DatabaseKind.Sqlite, """{"anlagebetrag":1,"\u0061nlagebetrag":2}""")]
    [InlineData(DatabaseKind.Postgres, """{"anlagebetrag":1,"\u0061nlagebetrag":2}""")]
    public async Task Duplicate_keys_in_form_data_are_refused_and_the_draft_stays_readable_and_placeable(DatabaseKind kind, string formData)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Draft");
        var rowsBefore = await host.CountRowsAsync();
        var before = await host.FootprintAsync(id);

        var result = await host.Orders.SaveDraftAsync(n.Broker, id, formData);

        ExpectSingleError(result, "formData", "duplicate_key");
        (await host.FootprintAsync(id)).Should().Be(before);
        (await host.CountRowsAsync()).Should().Be(rowsBefore);
        (await host.Queries.GetOrderAsync(n.Broker, id)).Status.Should().Be(ResultStatus.Ok);
        (await host.Queries.GetOrderDescriptionAsync(n.Broker, id)).Status.Should().Be(ResultStatus.Ok);
        OrderDriver.Ok(await host.Orders.PlaceAsync(n.Broker, id), "Place after the refused save");
        (await host.Queries.GetOrderAsync(n.Expert, id)).Status.Should().Be(ResultStatus.Ok);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_duplicate_key_deep_inside_form_data_is_refused_when_a_draft_is_created(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var rowsBefore = await host.CountRowsAsync();

        var result = await host.Orders.CreateDraftAsync(host.Network.Broker,
            new CreateDraftCommand(host.Network.ServiceId, "K-1", """{"anlagebetrag":1,"x":[{"a":{"b":1,"b":1}}]}"""));

        ExpectSingleError(result, "formData", "duplicate_key");
        (await host.CountRowsAsync()).Should().Be(rowsBefore);
    }

    // By name: xunit would turn a lone surrogate in inline data into U+FFFD before the test sees it.
    private static readonly Dictionary<string, (string Reason, string Code)> Reasons = new()
    {
        ["NUL"] = ("Kunde\0hat abgesagt", "invalid_character"),
        ["bell"] = ("Kunde \u0007 hat abgesagt", "invalid_character"),
        ["C1 control"] = ("Kunde \u0085 hat abgesagt", "invalid_character"),
        ["lone high surrogate"] = ("Kunde \ud800 hat abgesagt", "invalid_character"),
        ["lone low surrogate"] = ("Kunde hat abgesagt \udfff", "invalid_character"),
        ["zero-width only"] = ("\u200B\u200C\u200D\u2060\uFEFF", "required"),
        ["blanks and zero-width"] = (" \u200B \uFEFF\t\u00AD", "required"),
    };

    public static TheoryData<DatabaseKind, string> ReasonCases()
    {
        var data = new TheoryData<DatabaseKind, string>();
        foreach (var kind in Enum.GetValues<DatabaseKind>())
        {
            foreach (var name in Reasons.Keys)
            {
                data.Add(kind, name);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(ReasonCases))]
    public async Task A_reason_no_one_can_type_is_refused_and_nothing_is_written(DatabaseKind kind, string name)
    {
        var (reason, code) = Reasons[name];
        var host = await hosts.GetAsync(kind);
        var id = await host.OrderInAsync("Placed");
        var rowsBefore = await host.CountRowsAsync();
        var before = await host.FootprintAsync(id);

        var result = await host.Orders.WithdrawAsync(host.Network.Broker, id, reason);

        ExpectSingleError(result, "reason", code);
        (await host.FootprintAsync(id)).Should().Be(before);
        (await host.CountRowsAsync()).Should().Be(rowsBefore);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite, """{"notiz":"a\u0000b"}""", "formData.notiz", "invalid_character")]
    [InlineData(DatabaseKind.Postgres, """{"notiz":"a\u0000b"}""", "formData.notiz", "invalid_character")]
    [InlineData(DatabaseKind.Sqlite, """{"notiz":"a\ud800b"}""", "formData.notiz", "invalid_character")]
    [InlineData(DatabaseKind.Postgres, """{"notiz":"a\udc00"}""", "formData.notiz", "invalid_character")]
    [InlineData(DatabaseKind.Sqlite, """{"anzahl":1e400}""", "formData.anzahl", "out_of_range")]
    [InlineData(DatabaseKind.Postgres, """{"anzahl":-1e400}""", "formData.anzahl", "out_of_range")]
    [InlineData(DatabaseKind.Sqlite, """{"betrag":92233720368547758070}""", "formData.betrag", "out_of_range")]
    [InlineData(DatabaseKind.Postgres, """{"betrag":1e400}""", "formData.betrag", "out_of_range")]
    [InlineData(DatabaseKind.Sqlite, """{"betrag":12.5}""", "formData.betrag", "invalid_type")]
    public async Task Form_values_no_one_can_type_are_field_errors(DatabaseKind kind, string formData, string field, string code)
    {
        var host = await hosts.GetAsync(kind);
        var serviceId = await host.AddPublishedServiceAsync("Zahlen und Notizen", formDefinitionJson: NumbersForm);
        var id = await host.OrderInAsync("Draft", serviceId: serviceId);
        var before = await host.FootprintAsync(id);

        var result = await host.Orders.SaveDraftAsync(host.Network.Broker, id, formData);

        ExpectSingleError(result, field, code);
        (await host.FootprintAsync(id)).Should().Be(before);
        OrderDriver.Ok(await host.Orders.SaveDraftAsync(host.Network.Broker, id, """{"betrag":100,"anzahl":2.5,"notiz":"Tab\tund\nZeilen"}"""), "SaveDraft with good values");
        (await host.Queries.GetOrderAsync(host.Network.Broker, id)).Status.Should().Be(ResultStatus.Ok);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Too_deep_form_data_is_malformed_not_an_exception(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var id = await host.OrderInAsync("Draft");
        var deep = "{\"x\":" + new string('[', 200) + new string(']', 200) + "}";

        var result = await host.Orders.SaveDraftAsync(host.Network.Broker, id, deep);

        ExpectSingleError(result, "formData", "malformed");
    }

    private static void ExpectSingleError(Result result, string field, string code)
    {
        result.Status.Should().Be(ResultStatus.ValidationFailed, result.ToString());
        var error = result.FieldErrors.Should().ContainSingle().Subject;
        error.Field.Should().Be(field);
        error.Code.Should().Be(code);
        error.Text.German.Should().NotBeNullOrWhiteSpace();
        error.Text.English.Should().NotBe(error.Text.German);
    }
}
