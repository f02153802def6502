using System.Text;
using System.Text.Json;
using CsCheck;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Messaging;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>
/// Random and hostile text (NUL and other control characters, lone surrogates, invisible-only text, 1 MB strings, line
/// breaks in one-line fields) and hostile JSON (duplicate names at any depth, too deep, bad strings, numbers beyond any
/// range) fed into every core command and query that takes user text. Each case's outcome is computed from the class of
/// the generated input and must match exactly: the typed result, and for a field error its field and code.
/// </summary>
public sealed class HostileInputPropertyTests(SharedHosts hosts, ITestOutputHelper output) : IClassFixture<SharedHosts>
{
    private const int Cases = 500;

    private const string NumbersForm = """
        {"fields":[
          {"key":"betrag","labels":{"de":"Betrag","en":"Amount"},"type":"money"},
          {"key":"anzahl","labels":{"de":"Anzahl","en":"Count"},"type":"number"},
          {"key":"notiz","labels":{"de":"Notiz","en":"Note"},"type":"text"}
        ]}
        """;

    private enum TextClass
    {
        Valid,
        Missing,
        Control,
        LoneSurrogate,
        TooLong,
        LineBreak,
    }

    private enum JsonClass
    {
        Valid,
        Missing,
        Duplicate,
        NestedDuplicate,
        TooDeep,
        ControlInString,
        EscapedLoneSurrogate,
        RawLoneSurrogate,
        NumberOutOfRange,
        Malformed,
        TooLong,
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Every_text_input_answers_the_outcome_its_class_predicts(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var world = await World.CreateAsync(host);
        var targets = Targets(world);
        var gen = Gen.Int[0, targets.Count - 1].SelectMany(i => targets[i].Gen.Select(input => (Target: targets[i], Input: input)));
        var seen = new SortedDictionary<string, int>(StringComparer.Ordinal);

        await gen.SampleAsync(
            async c =>
            {
                var result = await c.Target.Run(c.Input);
                AssertMatches(result, c.Input.Expected, c.Target.Name, c.Input);
                var key = $"{c.Target.Name} / {c.Input.Class} → {c.Input.Expected}";
                seen[key] = seen.GetValueOrDefault(key) + 1;
                if (result.IsOk && c.Target.Consumes is { } setup)
                {
                    world.Consume(setup);
                }
            },
            iter: Cases,
            threads: 1,
            print: c => $"{c.Target.Name}: {c.Input}");
        output.WriteLine(string.Join(Environment.NewLine, seen.Select(s => $"{s.Value,4} × {s.Key}")));
    }

    /// <summary>One generated input with the outcome its class predicts.</summary>
    private sealed record Input(string Class, string? Value, Expected Expected)
    {
        public override string ToString() => $"{Class} {Show(Value)} → {Expected}";
    }

    private sealed record Expected(ResultStatus Status, params (string Field, string Code)[] Errors)
    {
        public static Expected Ok { get; } = new(ResultStatus.Ok);

        public static Expected Invalid(string field, string code) => new(ResultStatus.ValidationFailed, (field, code));

        public static Expected Refused(string code) => new(ResultStatus.Refused) { RefusalCode = code };

        public string? RefusalCode { get; init; }

        public override string ToString() =>
            Status + (Errors.Length > 0 ? "(" + string.Join(", ", Errors.Select(e => e.Field + ":" + e.Code)) + ")" : string.Empty) + RefusalCode;
    }

    private sealed record Target(string Name, Gen<Input> Gen, Func<Input, Task<Result>> Run, string? Consumes = null);

    private static IReadOnlyList<Target> Targets(World w)
    {
        var n = w.Host.Network;
        var orders = w.Host.Orders;
        var consents = w.Host.Consents;
        var messages = w.Host.Messages();
        var admin = w.Host.Services.GetRequiredService<ServiceAdministration>();
        var preferences = w.Host.Services.GetRequiredService<NotificationPreferences>();
        const int Reason = ExpertOrderService.MaxReasonLength;

        Target Text(string name, string field, int max, bool required, bool singleLine, Func<string?, Task<Result>> run,
            string? consumes = null, Func<string, Expected>? valid = null, Gen<string>? validText = null) =>
            new(name, TextInputs(field, max, required, singleLine, valid ?? (_ => Expected.Ok), validText), i => run(i.Value), consumes);

        Target Json(string name, string field, Func<string?, Task<Result>> run, bool formData) =>
            new(name, JsonInputs(field, formData), i => run(i.Value));

        return
        [
            Text("CreateDraft customerRef", "customerRef", 128, true, true,
                async v => await orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, v!)),
                valid: v => InputText.Trim(v) is "K-1" or "K-2" ? Expected.Ok : Expected.Invalid("customerRef", "unknown"),
                validText: Gen.Frequency((1, Gen.OneOf(Gen.Const("K-1"), Gen.Const(" K-2\u200B"), Gen.Const("\uFEFFK-1\n"))), (2, VisibleText(25)))),
            Json("CreateDraft formData", "formData",
                async v => await orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(w.NumbersServiceId, "K-1", v)), formData: true),
            Json("SaveDraft formData", "formData",
                async v => await orders.SaveDraftAsync(n.Broker, await w.OrderAsync("NumbersDraft"), v!), formData: true),
            Text("Withdraw reason", "reason", Reason, true, false,
                async v => await orders.WithdrawAsync(n.Broker, await w.OrderAsync("Draft"), v!), "Draft"),
            Text("Decline reason", "reason", Reason, true, false,
                async v => await orders.DeclineAsync(n.Expert, await w.OrderAsync("Placed"), v!), "Placed"),
            Text("SetProgressStep step", "step", 200, true, true,
                async v => await orders.SetProgressStepAsync(n.Expert, await w.OrderAsync("InProgress"), v!),
                valid: v => n.ProgressSteps.Contains(InputText.Trim(v)) ? Expected.Ok : Expected.Invalid("step", "not_allowed"),
                validText: Gen.Frequency((2, Gen.OneOf(n.ProgressSteps.Select(s => Gen.Const(" " + s + "\u200B")).ToArray())), (1, VisibleText(40)))),
            Text("AddDocumentation text", "text", ExpertOrderService.MaxDocumentationLength, true, false,
                async v => await orders.AddDocumentationAsync(n.Expert, await w.OrderAsync("InProgress"), v!)),
            Text("AddDocumentation file name", "attachments[0].fileName", 255, true, true,
                async v => await orders.AddDocumentationAsync(n.Expert, await w.OrderAsync("InProgress"), "Gutachten", [MessagingDriver.Pdf(v!, 10)])),
            Text("RequestInformation question", "question", Reason, true, false,
                async v => await orders.RequestInformationAsync(n.Expert, await w.OrderAsync("InProgress"), v!), "InProgress"),
            Text("ProvideInformation answer", "answer", Reason, true, false,
                async v => await orders.ProvideInformationAsync(n.Broker, await w.OrderAsync("AwaitingInformation"), v!), "AwaitingInformation"),
            Text("Cancel reason", "reason", Reason, true, false,
                async v => await orders.CancelAsync(n.Expert, await w.OrderAsync("InProgress"), v!), "InProgress"),
            Text("OpenDispute reason", "reason", Reason, true, false,
                async v => await orders.OpenDisputeAsync(n.Broker, await w.OrderAsync("InProgress"), v!), "InProgress"),
            Text("ResolveDispute note", "note", Reason, true, false,
                async v => await orders.ResolveDisputeAsync(n.Operator, await w.OrderAsync("Disputed"), DisputeResolution.Resume, v!), "Disputed"),
            Text("ListOrders text", "text", 100, false, true,
                async v => await w.Host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { Text = v })),
            Text("ListOrders customerRef", "customerRef", 128, false, true,
                async v => await w.Host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { CustomerRef = v }),
                validText: Padded(VisibleText(20))), // at most 100 characters: within any cap of the filter
            new("ListOrders cursor", HostileStrings().Select(i => i with
                {
                    Expected = string.IsNullOrEmpty(i.Value) ? Expected.Ok : Expected.Invalid("cursor", "malformed"),
                }),
                async i => await w.Host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { Cursor = i.Value })),
            Text("GetOrder operator purpose", "purpose", ExpertOrderQueries.MaxPurposeLength, false, false,
                async v => await w.Host.Queries.GetOrderAsync(n.Operator, await w.OrderAsync("Placed"), v)),
            Text("Send message text", "text", DigitalMessageService.MaxTextLength, true, false,
                async v => await messages.SendAsync(n.Broker, await w.OrderAsync("InProgress"), v!)),
            Text("Send message file name", "attachments[0].fileName", 255, true, true,
                async v => await messages.SendAsync(n.Broker, await w.OrderAsync("InProgress"), "Anbei", [MessagingDriver.Pdf(v!, 10)])),
            Text("RequestConsent email", "email", 254, false, true,
                async v => await consents.RequestConsentAsync(n.Broker, await w.OrderAsync("ConsentDraft"), new RequestConsentCommand(DataSubjectKind.Customer, Email: v)),
                validText: Gen.Int[1, 99_999].Select(i => $" kundin{i}@example.test\u200B")),
            Text("RequestConsent data subject name", "name", 200, false, true,
                async v => await consents.RequestConsentAsync(n.Broker, await w.OrderAsync("ConsentDraft"), new RequestConsentCommand(DataSubjectKind.Customer, Name: v))),
            Text("RecordPaperConsent note", "note", Reason, false, false,
                async v => await consents.RecordPaperConsentAsync(n.Broker, await w.OrderAsync("ConsentDraft"), new RecordPaperConsentCommand(DataSubjectKind.Customer, OrderDriver.Scan(), Note: v))),
            Text("RecordPaperConsent scan file name", "scan.fileName", 255, true, true,
                async v => await consents.RecordPaperConsentAsync(n.Broker, await w.OrderAsync("ConsentDraft"),
                    new RecordPaperConsentCommand(DataSubjectKind.Customer, OrderDriver.Scan() with { FileName = v! }))),
            Text("RecordWithdrawal note", "note", Reason, false, false,
                async v =>
                {
                    var id = await w.OrderAsync("ConsentDraft");
                    return await consents.RecordWithdrawalAsync(n.Broker, id, await w.GivenConsentAsync(id), ConsentChannel.Letter, v);
                },
                "ConsentDraft"),
            new("Data subject's token", TokenInputs(w.LiveToken),
                async i => (i.Class == "Live" ? 0 : (i.Value?.Length ?? 0) % 4) switch
                {
                    0 => await consents.OpenAsync(i.Value),
                    1 => await consents.DecideAsync(i.Value, agree: true),
                    2 => await consents.OpenWithdrawalAsync(i.Value),
                    _ => await consents.WithdrawAsync(i.Value),
                }),
            Text("Service version title", "title", ServiceAdministration.MaxTitleLength, true, true,
                async v => await admin.CreateServiceAsync(n.Expert, n.CategoryId, ValidVersion() with { Title = v })),
            Text("Service version description", "description", ServiceAdministration.MaxDescriptionLength, true, false,
                async v => await admin.CreateServiceAsync(n.Expert, n.CategoryId, ValidVersion() with { Description = v })),
            Text("Reject version reason", "reason", ServiceAdministration.MaxReasonLength, true, false,
                async v => await admin.RejectAsync(n.Operator, await w.OrderAsync("SubmittedVersion"), v!), "SubmittedVersion"),
            Text("GetOrderDescription culture", "culture", 100, false, false,
                async v => await w.Host.Queries.GetOrderDescriptionAsync(n.Broker, await w.OrderAsync("Draft"), v),
                valid: _ => Expected.Ok) with { Gen = HostileStrings().Select(i => i with { Expected = Expected.Ok }) },
            Json("Service version form definition", "formDefinition",
                async v => await admin.CreateServiceAsync(n.Expert, n.CategoryId, ValidVersion() with { FormDefinitionJson = v }), formData: false),
            new("Notification preference", PreferenceInputs(),
                async i =>
                {
                    var parts = i.Value!.Split(' ');
                    return await preferences.SetAsync(n.Broker, n.UserId, (NotificationKind)int.Parse(parts[0]), (NotificationDelivery)int.Parse(parts[1]));
                }),
        ];
    }

    private static ServiceVersionInput ValidVersion() => new()
    {
        Title = "Bestandsanalyse Gewerbe",
        Description = "Wir prüfen die Gewerbeversicherungen Ihres Kunden.",
        RequiredPermission = TradePermission.None,
        PriceCents = 19_900,
        FeeKind = FeeKind.Percent,
        FeeValue = 500,
        AcceptWithinBusinessDays = 2,
        CompleteWithinBusinessDays = 15,
        FormDefinitionJson = TestNetwork.OrderForm,
    };

    // Text people type: letters, umlauts, CJK, emoji (surrogate pairs), quotes, markup, SQL wildcards.
    private static readonly string[] Visible =
        ["a", "Z", "ä", "ß", "É", "ø", "ж", "漢", "😀", "👩‍💻", "'", "\"", "<b>", "%", "_", "\\", "&", "€", "1", "-", ".", "@"];

    // Whitespace (line breaks too: they are trimmed at the ends) and invisible characters.
    private static readonly string[] Blanks =
        [" ", "\t", "\n", "\r\n", "\u00A0", "\u2003", "\u3000", "\u2028", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u200E"];

    // C0 except tab, LF and CR; DEL; C1.
    private static readonly char[] Controls =
        [.. Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), '\u007F', '\u0080', '\u0085', '\u009F'];

    private static Gen<string> VisibleText(int maxTokens) =>
        Gen.OneOf(Visible.Select(Gen.Const).ToArray()).Array[1, maxTokens].Select(string.Concat);

    private static Gen<string> BlankText() =>
        Gen.OneOf(Blanks.Select(Gen.Const).ToArray()).Array[0, 12].Select(string.Concat);

    private static Gen<string> Padded(Gen<string> text) =>
        Gen.Select(BlankText(), text, BlankText(), (a, t, b) => a + t + b);

    private static Gen<string> Inserted(Gen<char> bad) =>
        Gen.Select(BlankText(), VisibleText(30), bad, Gen.Int[0, 1000], (pad, text, c, at) => pad + text.Insert(at % (text.Length + 1), c.ToString()));

    /// <summary>Text of every class for a field with these rules; the expected outcome follows from the class.</summary>
    private static Gen<Input> TextInputs(string field, int max, bool required, bool singleLine, Func<string, Expected> valid, Gen<string>? validText)
    {
        var good = validText ?? Padded(VisibleText(Math.Min(40, max / 5))); // a token is at most 5 UTF-16 units
        var missing = required ? Expected.Invalid(field, "required") : Expected.Ok;
        var bad = Expected.Invalid(field, "invalid_character");
        return Gen.Frequency(
            (4, good.Select(v => new Input(nameof(TextClass.Valid), v, valid(v)))),
            (2, Gen.Frequency((1, Gen.Const<string?>((string?)null)), (4, BlankText().Select(s => (string?)s)))
                .Select(v => new Input(nameof(TextClass.Missing), v, missing))),
            (2, Inserted(Gen.OneOf(Controls.Select(Gen.Const).ToArray())).Select(v => new Input(nameof(TextClass.Control), v, bad))),
            (2, Inserted(Gen.Char['\uD800', '\uDFFF']).Select(v => new Input(nameof(TextClass.LoneSurrogate), v, bad))),
            (1, Gen.Frequency((3, Gen.Int[max + 1, max + 40]), (1, Gen.Const(1 << 20))) // just over the limit, or 1 MB
                .Select(length => new Input(nameof(TextClass.TooLong), new string('ä', length), Expected.Invalid(field, "too_long")))),
            (1, Gen.Select(VisibleText(10), Gen.OneOf(Gen.Const("\n"), Gen.Const("\r\n"), Gen.Const("\r"), Gen.Const("\u2028")), VisibleText(10), (a, br, b) => a + br + b)
                .Select(v => new Input(nameof(TextClass.LineBreak), v, singleLine ? bad : valid(v)))));
    }

    /// <summary>Strings of every class, for inputs whose outcome does not depend on the class (tokens, cursors).</summary>
    private static Gen<Input> HostileStrings() =>
        TextInputs("any", 100, required: true, singleLine: true, _ => Expected.Ok, null);

    /// <summary>JSON of every class: form data (bad strings reported per form field) or a form definition.</summary>
    private static Gen<Input> JsonInputs(string field, bool formData)
    {
        string At(string key) => formData ? field + "." + key : field;
        var text = Padded(VisibleText(20)).Select(t => JsonSerializer.Serialize(t));
        var valid = formData
            ? Gen.Select(text, Gen.Long[0, 1_000_000_000_000], Gen.Int[-1000, 1000], (t, cents, count) => $$"""{"notiz":{{t}},"betrag":{{cents}},"anzahl":{{count}}.5}""")
            : Gen.OneOf(Gen.Const(TestNetwork.OrderForm), Gen.Const(NumbersForm));
        var withString = (string inner) => formData
            ? $$"""{"betrag":1,"notiz":"{{inner}}"}"""
            : $$"""{"fields":[{"key":"a","labels":{"de":"{{inner}}"},"type":"text"}]}""";
        return Gen.Frequency(
            (4, valid.Select(v => new Input(nameof(JsonClass.Valid), v, Expected.Ok))),
            (1, Gen.OneOf(Gen.Const<string?>((string?)null), Gen.Const<string?>(""), Gen.Const<string?>("  \n")).Select(v => new Input(nameof(JsonClass.Missing), v, Expected.Ok))),
            (1, Gen.Const(formData ? """{"notiz":"a","betrag":1,"notiz":"b"}""" : """{"fields":[],"fields":[]}""")
                .Select(v => new Input(nameof(JsonClass.Duplicate), v, Expected.Invalid(field, "duplicate_key")))),
            (1, Gen.Int[1, 5].Select(depth => formData
                    ? "{\"notiz\":\"a\",\"x\":" + Nest(depth, """{"d":1,"\u0064":2}""") + "}"
                    : """{"fields":[{"key":"a","labels":{"de":"A","de":"B"},"type":"text"}]}""")
                .Select(v => new Input(nameof(JsonClass.NestedDuplicate), v, Expected.Invalid(field, "duplicate_key")))),
            (1, Gen.Int[65, 400].Select(depth => "{\"notiz\":" + new string('[', depth) + new string(']', depth) + "}")
                .Select(v => new Input(nameof(JsonClass.TooDeep), v, Expected.Invalid(field, "malformed")))),
            (1, Gen.OneOf(Gen.Const("\\u0000"), Gen.Const("a\\u0001b"), Gen.Const("\\u007f"), Gen.Const("x\\u0085")).Select(withString)
                .Select(v => new Input(nameof(JsonClass.ControlInString), v, Expected.Invalid(At("notiz"), "invalid_character")))),
            (1, Gen.OneOf(Gen.Const("\\ud800"), Gen.Const("a\\udfffb"), Gen.Const("\\ud83d\\ud83d")).Select(withString)
                .Select(v => new Input(nameof(JsonClass.EscapedLoneSurrogate), v, Expected.Invalid(At("notiz"), "invalid_character")))),
            (1, Gen.Char['\uD800', '\uDFFF'].Select(c => withString("a" + c))
                .Select(v => new Input(nameof(JsonClass.RawLoneSurrogate), v, Expected.Invalid(field, "invalid_character")))),
            // A form field's number beyond its type is a field error; a definition's bound beyond decimal does not describe a form.
            (1, Gen.OneOf(Gen.Const("1e400"), Gen.Const("-1e400"), Gen.Const("1e30"), Gen.Const("99999999999999999999")).Select(big => formData
                    ? new Input(nameof(JsonClass.NumberOutOfRange), "{\"betrag\":" + big + "}", Expected.Invalid(field + ".betrag", "out_of_range"))
                    : new Input(nameof(JsonClass.NumberOutOfRange), """{"fields":[{"key":"a","labels":{"de":"A"},"type":"number","min":""" + (big.Length > 6 ? "1e30" : big) + "}]}", Expected.Invalid(field, "malformed")))),
            (1, Gen.OneOf(Gen.Const("{"), Gen.Const("nicht json"), Gen.Const("[1, 2]"), Gen.Const("{\"a\":}"), Gen.Const("{'a':1}"))
                .Select(v => new Input(nameof(JsonClass.Malformed), v, Expected.Invalid(field, "malformed")))),
            (1, Gen.Const(0).Select(_ => withString(new string('x', 600 * 1024)))
                .Select(v => new Input(nameof(JsonClass.TooLong), v, Expected.Invalid(field, "too_long")))));

        static string Nest(int depth, string inner) => depth == 0 ? inner : "[" + Nest(depth - 1, "{\"k\":" + inner + "}") + "]";
    }

    /// <summary>
    /// Hostile strings, well-formed but unknown tokens and a live token spoilt by one bad character answer the neutral
    /// refusal on every page; the live token itself opens its consent page.
    /// </summary>
    private static Gen<Input> TokenInputs(string live)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var refused = Expected.Refused(ConsentRefusals.InvalidLink.Code);
        var spoiler = Gen.OneOf(Gen.Char['\uD800', '\uDFFF'], Gen.OneOf(Controls.Select(Gen.Const).ToArray()), Gen.Const('\u200B'), Gen.Const(' '));
        return Gen.Frequency(
            (4, HostileStrings().Select(i => i with { Expected = refused })),
            (2, Gen.Int[0, Alphabet.Length - 1].Array[live.Length].Select(chars => new Input("Well-formed, unknown", new string([.. chars.Select(c => Alphabet[c])]), refused))),
            (2, Gen.Select(Gen.Int[0, live.Length - 1], spoiler, (at, c) => new Input("Live, spoilt", live.Remove(at, 1).Insert(at, c.ToString()), refused))),
            (1, Gen.Const(new Input("Live", live, Expected.Ok))));
    }

    private static Gen<Input> PreferenceInputs()
    {
        var kinds = Enum.GetValues<NotificationKind>().Length;
        var deliveries = Enum.GetValues<NotificationDelivery>().Length;
        return Gen.Select(Gen.Int[-3, kinds + 3], Gen.Int[-3, deliveries + 3], (k, d) =>
        {
            var errors = new List<(string, string)>();
            if (!Enum.IsDefined((NotificationKind)k))
            {
                errors.Add(("kind", "not_allowed"));
            }

            if (!Enum.IsDefined((NotificationDelivery)d))
            {
                errors.Add(("delivery", "not_allowed"));
            }

            return new Input("Enum values", $"{k} {d}", errors.Count == 0 ? Expected.Ok : new Expected(ResultStatus.ValidationFailed, [.. errors]));
        });
    }

    /// <summary>The result is the predicted one: same status, the same field errors (field and code), the same refusal.</summary>
    private static void AssertMatches(Result result, Expected expected, string target, Input input)
    {
        result.Status.Should().Be(expected.Status, "{0} with {1} answered {2}", target, input, result);
        if (expected.Status == ResultStatus.ValidationFailed)
        {
            result.FieldErrors.Select(f => (f.Field, f.Code)).Should().BeEquivalentTo(expected.Errors, "{0} with {1}", target, input);
        }

        if (expected.RefusalCode is { } code)
        {
            result.Refusal!.Code.Should().Be(code, "{0} with {1}", target, input);
        }
    }

    private static string Show(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var shown = new StringBuilder();
        foreach (var c in value.Length > 60 ? value[..60] : value)
        {
            shown.Append(c is < ' ' or (>= '\u007F' and <= '\u009F') || char.IsSurrogate(c) || c > '\u2000' ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return $"\"{shown}\"" + (value.Length > 60 ? $"… ({value.Length} chars)" : string.Empty);
    }

    /// <summary>The orders (and a submitted service version) the commands act on: one per setup, replaced once a command moved it on.</summary>
    private sealed class World
    {
        private readonly Dictionary<string, Guid> _orders = [];

        private World(ModuleHost host, Guid numbersServiceId, string liveToken)
        {
            Host = host;
            NumbersServiceId = numbersServiceId;
            LiveToken = liveToken;
        }

        public ModuleHost Host { get; }

        public Guid NumbersServiceId { get; }

        /// <summary>The open consent link of a draft no other command touches.</summary>
        public string LiveToken { get; }

        public static async Task<World> CreateAsync(ModuleHost host)
        {
            var numbers = await host.AddPublishedServiceAsync("Zahlen und Notizen", formDefinitionJson: NumbersForm);
            var draft = await host.OrderInAsync("Draft", serviceId: host.Network.ConsentServiceId);
            var requested = await host.Consents.RequestConsentAsync(host.Network.Broker, draft, new RequestConsentCommand(DataSubjectKind.Customer));
            OrderDriver.Ok(requested, "RequestConsent for the live token");
            return new World(host, numbers, requested.Value.ConsentUrl.Segments[^1]);
        }

        public async Task<Guid> OrderAsync(string setup)
        {
            if (!_orders.TryGetValue(setup, out var id))
            {
                id = setup switch
                {
                    "NumbersDraft" => await Host.OrderInAsync("Draft", serviceId: NumbersServiceId),
                    "ConsentDraft" => await Host.OrderInAsync("Draft", serviceId: Host.Network.ConsentServiceId),
                    "SubmittedVersion" => await SubmitVersionAsync(),
                    _ => await Host.OrderInAsync(setup),
                };
                _orders[setup] = id;
            }

            return id;
        }

        public void Consume(string setup) => _orders.Remove(setup);

        private async Task<Guid> SubmitVersionAsync()
        {
            var admin = Host.Services.GetRequiredService<ServiceAdministration>();
            var created = await admin.CreateServiceAsync(Host.Network.Expert, Host.Network.CategoryId, ValidVersion());
            OrderDriver.Ok(created, "CreateService");
            OrderDriver.Ok(await admin.SubmitAsync(Host.Network.Expert, created.Value.VersionId), "Submit");
            return created.Value.VersionId;
        }

        public async Task<Guid> GivenConsentAsync(Guid orderId)
        {
            await using var db = Host.CreateDbContext();
            return await db.Set<ConsentDeclaration>().Where(c => c.OrderId == orderId && c.Status == ConsentStatus.Given)
                .Select(c => c.Id).FirstAsync();
        }
    }
}
