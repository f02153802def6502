using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Messaging;

/// <summary>Bad input on a message answers a clear field error, and nothing at all is written (no message, file, history or outbox row).</summary>
public sealed class MessageInputValidationTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    private const long TenMiB = 10 * 1024 * 1024;

    /// <summary>Name → (text, attachments, field, code, German text).</summary>
    private static readonly Dictionary<string, (string? Text, Func<IReadOnlyList<DocumentUpload>> Files, string Field, string Code, string German)> BadInputs = new()
    {
        ["empty text"] = ("", () => [], "text", "required", "Bitte füllen Sie dieses Feld aus."),
        ["blank text"] = (" \t\n ", () => [], "text", "required", "Bitte füllen Sie dieses Feld aus."),
        ["null text"] = (null, () => [], "text", "required", "Bitte füllen Sie dieses Feld aus."),
        ["text of 10,001 chars"] = (new string('x', 10_001), () => [], "text", "too_long", "Bitte höchstens 10.000 Zeichen eingeben."),
        ["attachment over the size limit"] = ("Anbei", () => [MessagingDriver.Pdf("gross.pdf", TenMiB + 1)], "attachments[0]", "file_too_large", "Die Datei ist zu groß (höchstens 10 MB)."),
        ["second attachment of a refused type"] = ("Anbei", () => [MessagingDriver.Pdf("ok.pdf", 10), new DocumentUpload("setup.exe", "application/x-msdownload", new byte[10])], "attachments[1]", "file_type_refused", "Dieser Dateityp wird nicht angenommen."),
        ["attachment without a type"] = ("Anbei", () => [new DocumentUpload("ohne.bin", " ", new byte[10])], "attachments[0]", "file_type_refused", "Dieser Dateityp wird nicht angenommen."),
        ["empty attachment"] = ("Anbei", () => [MessagingDriver.Pdf("leer.pdf", 0)], "attachments[0]", "required", "Bitte füllen Sie dieses Feld aus."),
        ["attachment without a name"] = ("Anbei", () => [MessagingDriver.Pdf("  ", 10)], "attachments[0].fileName", "required", "Bitte füllen Sie dieses Feld aus."),
        ["eleven attachments"] = ("Anbei", () => Enumerable.Range(1, 11).Select(i => MessagingDriver.Pdf($"Anlage{i}.pdf", 10)).ToList(), "attachments", "out_of_range", "Bitte einen Wert zwischen 0 und 10 angeben."),
    };

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

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_refused_by_field_and_nothing_is_written(DatabaseKind kind, string name)
    {
        var host = await hosts.GetAsync(kind);
        var (text, files, field, code, german) = BadInputs[name];
        var id = await host.OrderInAsync("InProgress");
        var before = await host.CountMessageRowsAsync();

        var result = await host.Messages().SendAsync(host.Network.Broker, id, text!, files());

        result.Status.Should().Be(ResultStatus.ValidationFailed, name);
        var error = result.FieldErrors.Should().ContainSingle().Subject;
        error.Field.Should().Be(field);
        error.Code.Should().Be(code);
        error.Text.German.Should().Be(german);
        error.Text.English.Should().NotBe(german);
        (await host.CountMessageRowsAsync()).Should().Be(before, "a rejected message writes no message, attachment, document, history or outbox row");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_limits_themselves_are_accepted(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var id = await host.OrderInAsync("InProgress");
        var before = await host.CountMessageRowsAsync();
        var files = Enumerable.Range(1, DigitalMessageService.MaxAttachments).Select(i => MessagingDriver.Pdf($"Anlage{i}.pdf", 10)).ToList();

        var sent = await host.SendOkAsync(host.Network.Expert, id, new string('m', DigitalMessageService.MaxTextLength), files);

        var after = await host.CountMessageRowsAsync();
        after.Messages.Should().Be(before.Messages + 1);
        after.Attachments.Should().Be(before.Attachments + 10);
        after.Documents.Should().Be(before.Documents + 10);
        var item = (await host.MessageQueries().ListThreadAsync(host.Network.Broker, id, new ThreadQuery())).Value.Items.Single(m => m.Id == sent.MessageId);
        item.Text.Should().HaveLength(10_000);
        item.Attachments.Should().HaveCount(10);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_unknown_message_to_mark_read_up_to_is_a_field_error(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        var other = await host.OrderInAsync("InProgress");
        var foreignMessage = await host.SendOkAsync(n.Broker, other, "Zu einem anderen Auftrag");
        await host.SendOkAsync(n.Broker, id, "Hallo");
        var before = await host.CountMessageRowsAsync();

        foreach (var messageId in new[] { Guid.CreateVersion7(), foreignMessage.MessageId })
        {
            var result = await host.Messages().MarkReadAsync(n.Expert, id, messageId);
            result.Status.Should().Be(ResultStatus.ValidationFailed);
            result.FieldErrors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "upToMessageId", Code = "unknown" });
        }

        (await host.CountMessageRowsAsync()).Should().Be(before);
    }
}
