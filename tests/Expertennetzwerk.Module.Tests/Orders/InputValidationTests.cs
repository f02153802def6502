using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>Bad input answers ValidationFailed by field with a German text, and writes nothing at all.</summary>
public sealed class InputValidationTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    private const long TenMiB = 10 * 1024 * 1024;

    public static TheoryData<DatabaseKind, string> Cases()
    {
        var data = new TheoryData<DatabaseKind, string>();
        foreach (var kind in Enum.GetValues<DatabaseKind>())
        {
            foreach (var name in BadInputs.Keys)
            {
                data.Add(kind, name);
            }
        }

        return data;
    }

    /// <summary>Name → (setup, command, expected field, expected code, a word of the German text).</summary>
    private static readonly Dictionary<string, (string Setup, Func<ModuleHost, Guid, Task<Result<OrderChanged>>> Run, string Field, string Code, string German)> BadInputs = new()
    {
        ["missing reason"] = ("Placed", (h, id) => h.Orders.WithdrawAsync(h.Network.Broker, id, ""), "reason", "required", "Bitte füllen Sie dieses Feld aus."),
        ["blank reason"] = ("InProgress", (h, id) => h.Orders.CancelAsync(h.Network.Expert, id, "  \t "), "reason", "required", "Bitte füllen Sie dieses Feld aus."),
        ["null reason"] = ("Placed", (h, id) => h.Orders.DeclineAsync(h.Network.Expert, id, null!), "reason", "required", "Bitte füllen Sie dieses Feld aus."),
        ["reason of 2,001 chars"] = ("InProgress", (h, id) => h.Orders.OpenDisputeAsync(h.Network.Broker, id, new string('x', 2_001)), "reason", "too_long", "Bitte höchstens 2.000 Zeichen eingeben."),
        ["question of 2,001 chars"] = ("InProgress", (h, id) => h.Orders.RequestInformationAsync(h.Network.Expert, id, new string('?', 2_001)), "question", "too_long", "Bitte höchstens 2.000 Zeichen eingeben."),
        ["missing answer"] = ("AwaitingInformation", (h, id) => h.Orders.ProvideInformationAsync(h.Network.Broker, id, ""), "answer", "required", "Bitte füllen Sie dieses Feld aus."),
        ["missing note"] = ("Disputed", (h, id) => h.Orders.ResolveDisputeAsync(h.Network.Operator, id, DisputeResolution.Resume, " "), "note", "required", "Bitte füllen Sie dieses Feld aus."),
        ["unknown progress step"] = ("InProgress", (h, id) => h.Orders.SetProgressStepAsync(h.Network.Expert, id, "Kaffee kochen"), "step", "not_allowed", "Dieser Wert ist hier nicht zulässig."),
        ["empty progress step"] = ("InProgress", (h, id) => h.Orders.SetProgressStepAsync(h.Network.Expert, id, ""), "step", "required", "Bitte füllen Sie dieses Feld aus."),
        ["empty documentation"] = ("InProgress", (h, id) => h.Orders.AddDocumentationAsync(h.Network.Expert, id, " "), "text", "required", "Bitte füllen Sie dieses Feld aus."),
        ["attachment over the size limit"] = ("InProgress", (h, id) => h.Orders.AddDocumentationAsync(h.Network.Expert, id, "Gutachten", [Pdf("Gutachten.pdf", TenMiB + 1)]), "attachments[0]", "file_too_large", "Die Datei ist zu groß (höchstens 10 MB)."),
        ["second attachment of a refused type"] = ("AwaitingInformation", (h, id) => h.Orders.AddDocumentationAsync(h.Network.Expert, id, "Anlagen", [Pdf("ok.pdf", 10), new DocumentUpload("setup.exe", "application/x-msdownload", new byte[10])]), "attachments[1]", "file_type_refused", "Dieser Dateityp wird nicht angenommen."),
        ["empty attachment"] = ("InProgress", (h, id) => h.Orders.AddDocumentationAsync(h.Network.Expert, id, "Anlage", [Pdf("leer.pdf", 0)]), "attachments[0]", "required", "Bitte füllen Sie dieses Feld aus."),
        ["eleven attachments"] = ("InProgress", (h, id) => h.Orders.AddDocumentationAsync(h.Network.Expert, id, "Viele Anlagen", Enumerable.Range(1, 11).Select(i => Pdf($"Anlage{i}.pdf", 10)).ToList()), "attachments", "out_of_range", "Bitte einen Wert zwischen 0 und 10 angeben."),
        ["malformed form data"] = ("Draft", (h, id) => h.Orders.SaveDraftAsync(h.Network.Broker, id, "{ nicht json"), "formData", "malformed", "Dieser Wert ist ungültig."),
        ["form data not an object"] = ("Draft", (h, id) => h.Orders.SaveDraftAsync(h.Network.Broker, id, "[1, 2]"), "formData", "malformed", "Dieser Wert ist ungültig."),
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_refused_by_field_and_nothing_is_written(DatabaseKind kind, string name)
    {
        var host = await hosts.GetAsync(kind);
        var (setup, run, field, code, german) = BadInputs[name];
        var id = await host.OrderInAsync(setup);
        var rowsBefore = await host.CountRowsAsync();
        var before = await host.FootprintAsync(id);

        var result = await run(host, id);

        result.Status.Should().Be(ResultStatus.ValidationFailed, name);
        var error = result.FieldErrors.Should().ContainSingle().Subject;
        error.Field.Should().Be(field);
        error.Code.Should().Be(code);
        error.Text.German.Should().Be(german);
        error.Text.English.Should().NotBe(german);
        (await host.FootprintAsync(id)).Should().Be(before, "a rejected command leaves the order as it was");
        (await host.CountRowsAsync()).Should().Be(rowsBefore, "a rejected command writes no history, documentation, attachment or document row");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_limits_themselves_are_accepted(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        var rowsBefore = await host.CountRowsAsync();
        var files = Enumerable.Range(1, 10).Select(i => Pdf($"Anlage{i}.pdf", i == 1 ? 4096 : 10)).ToList();
        OrderDriver.Ok(await host.Orders.AddDocumentationAsync(n.Expert, id, new string('d', ExpertOrderService.MaxDocumentationLength), files), "AddDocumentation with ten files");
        OrderDriver.Ok(await host.Orders.RequestInformationAsync(n.Expert, id, new string('q', ExpertOrderService.MaxReasonLength)), "RequestInformation of 2,000 chars");

        var rows = await host.CountRowsAsync();
        rows.Documentation.Should().Be(rowsBefore.Documentation + 1);
        rows.Attachments.Should().Be(rowsBefore.Attachments + 10);
        rows.Documents.Should().Be(rowsBefore.Documents + 10);
        rows.History.Should().Be(rowsBefore.History + 2);
        var detail = await host.Queries.GetOrderAsync(n.Broker, id);
        detail.Value.Documentation.Should().HaveCount(2).And.ContainSingle(d => d.Text.Length == ExpertOrderService.MaxDocumentationLength)
            .Which.Attachments.Should().HaveCount(10).And.Contain(a => a.FileName == "Anlage1.pdf" && a.Length == 4096 && a.ContentType == "application/pdf");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_unknown_or_missing_customer_is_a_validation_error_and_creates_nothing(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var rowsBefore = await host.CountRowsAsync();
        foreach (var (customerRef, code) in new[] { ("K-999", "unknown"), ("  ", "required"), (new string('k', 129), "too_long") })
        {
            var result = await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, customerRef));
            result.Status.Should().Be(ResultStatus.ValidationFailed);
            result.FieldErrors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "customerRef", Code = code });
            result.FieldErrors[0].Text.German.Should().NotBeNullOrWhiteSpace();
        }

        // K-1 of another broker is not this broker's customer.
        host.Customers.Add(n.OtherBrokerPartyId, "K-ONLY-OTHER", "Nur beim Kollegen");
        (await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, "K-ONLY-OTHER"))).FieldErrors.Should().ContainSingle(e => e.Field == "customerRef" && e.Code == "unknown");
        (await host.CountRowsAsync()).Should().Be(rowsBefore);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_stale_expected_version_is_a_conflict_and_writes_nothing(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Placed");
        var before = await host.FootprintAsync(id);

        (await host.Orders.AcceptAsync(n.Expert, id, expectedVersion: before.Version - 1)).Status.Should().Be(ResultStatus.Conflict);
        (await host.Orders.AddDocumentationAsync(n.Expert, id, "x", [Pdf("a.pdf", 10)], expectedVersion: before.Version + 1)).Status.Should().Be(ResultStatus.Conflict);
        (await host.FootprintAsync(id)).Should().Be(before);

        var accepted = await host.Orders.AcceptAsync(n.Expert, id, expectedVersion: before.Version);
        OrderDriver.Ok(accepted, "Accept with the current version");
        accepted.Value.Version.Should().Be(before.Version + 1);
        (await host.Orders.RequestInformationAsync(n.Expert, id, "Frage", expectedVersion: before.Version)).Status.Should().Be(ResultStatus.Conflict, "the version the client saw is gone");
        OrderDriver.Ok(await host.Orders.RequestInformationAsync(n.Expert, id, "Frage", expectedVersion: accepted.Value.Version), "RequestInformation");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_refusal_wins_over_bad_input_for_a_visible_order(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var id = await host.OrderInAsync("Completed");
        var result = await host.Orders.WithdrawAsync(host.Network.Broker, id, "");
        result.Status.Should().Be(ResultStatus.Refused);
        result.Refusal!.Code.Should().Be("order.invalid_state");
    }

    private static DocumentUpload Pdf(string name, long length) => new(name, "application/pdf", new byte[length]);
}
