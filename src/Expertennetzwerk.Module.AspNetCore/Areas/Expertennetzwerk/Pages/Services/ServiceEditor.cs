using System.Globalization;
using System.Text.Json;
using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Services;

/// <summary>
/// The service editor's content as the expert types it (strings, as posted), and the translation to and from the core's
/// <see cref="ServiceVersionInput"/>. The page only translates: every check of a saved version is the core's
/// (<see cref="ServiceVersionValidator"/>); what the page cannot translate (a price that is no number) becomes a field
/// error of its own, answered together with the core's.
/// </summary>
internal sealed class ServiceEditor
{
    /// <summary>The templates the editor shows: the order description and the consent declaration, German and English, text and HTML.</summary>
    public static IReadOnlyList<(string Key, TemplateKind Kind, string Language, TemplateFormat Format)> EditedTemplates { get; } =
        (from kind in new[] { TemplateKind.OrderDescription, TemplateKind.ConsentDeclaration }
         from language in new[] { TemplateFormatter.German, TemplateFormatter.English }
         from format in new[] { TemplateFormat.Html, TemplateFormat.Text }
         select (TemplateKinds.Key(kind, language, format), kind, language, format)).ToList();

    /// <summary>
    /// Most fields the editor holds: each has 14 inputs, and a form of more values than ASP.NET Core reads (1,024 by
    /// default) would be refused as a whole, losing what was typed.
    /// </summary>
    public const int MaxFields = 60;

    /// <summary>The input names of the form editor's rows: <c>f[3].key</c>.</summary>
    public static string FieldName(int index, string part) => $"f[{index}].{part}";

    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string CategoryId { get; set; } = string.Empty;

    public string Permission { get; set; } = nameof(TradePermission.None);

    public string Price { get; set; } = string.Empty;

    public string RevenueShare { get; set; } = string.Empty;

    public string FeeKind { get; set; } = nameof(Module.Catalog.FeeKind.None);

    public string FeeValue { get; set; } = string.Empty;

    public string AcceptDays { get; set; } = "2";

    public string CompleteDays { get; set; } = "10";

    /// <summary>The progress steps, one per line.</summary>
    public string Steps { get; set; } = string.Empty;

    /// <summary>The data categories as JSON (an array of categories).</summary>
    public string DataCategories { get; set; } = string.Empty;

    /// <summary>The form's sections as JSON, carried along unchanged (the editor places fields in them by key).</summary>
    public string Sections { get; set; } = string.Empty;

    public List<FieldRow> Fields { get; } = [];

    /// <summary>The service's templates by key (<c>OrderDescription:de:html</c>); keys the editor does not show are carried along.</summary>
    public Dictionary<string, string> Templates { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>One field of the order form as typed in the editor.</summary>
    internal sealed class FieldRow
    {
        public string Key { get; set; } = string.Empty;
        public string LabelDe { get; set; } = string.Empty;
        public string LabelEn { get; set; } = string.Empty;
        public string Type { get; set; } = nameof(FormFieldType.Text);
        public bool Required { get; set; }
        public string Min { get; set; } = string.Empty;
        public string Max { get; set; } = string.Empty;
        public string MinDate { get; set; } = string.Empty;
        public string MaxDate { get; set; } = string.Empty;
        public string Pattern { get; set; } = string.Empty;

        /// <summary>The options, one per line: <c>value | Bezeichnung | label</c>.</summary>
        public string Choices { get; set; } = string.Empty;
        public string HelpDe { get; set; } = string.Empty;
        public string HelpEn { get; set; } = string.Empty;
        public string Section { get; set; } = string.Empty;
    }

    /// <summary>The editor prefilled from a saved version (amounts in euros, the fee in euros or percent).</summary>
    public static ServiceEditor From(ServiceVersionInput content, CultureInfo culture)
    {
        var editor = new ServiceEditor
        {
            Title = content.Title ?? string.Empty,
            Description = content.Description ?? string.Empty,
            Permission = content.RequiredPermission.ToString(),
            Price = Euros(content.PriceCents, culture),
            RevenueShare = Euros(content.RevenueShareCents, culture),
            FeeKind = content.FeeKind.ToString(),
            FeeValue = content.FeeKind switch
            {
                Module.Catalog.FeeKind.Fixed => Euros(content.FeeValue, culture),
                Module.Catalog.FeeKind.Percent => (content.FeeValue / 100m).ToString("0.##", culture),
                _ => string.Empty,
            },
            AcceptDays = content.AcceptWithinBusinessDays.ToString(CultureInfo.InvariantCulture),
            CompleteDays = content.CompleteWithinBusinessDays.ToString(CultureInfo.InvariantCulture),
            Steps = string.Join("\n", content.ProgressSteps ?? []),
            DataCategories = Indented(content.DataCategoriesJson, "[]"),
        };

        var form = OrderFormFields.Definition(content.FormDefinitionJson);
        editor.Sections = form.Sections.Count == 0 ? string.Empty : JsonSerializer.Serialize(form.Sections, FormDefinition.JsonOptions);
        foreach (var field in form.Fields)
        {
            var money = field.Type == FormFieldType.Money;
            editor.Fields.Add(new FieldRow
            {
                Key = field.Key,
                LabelDe = Get(field.Labels, "de"),
                LabelEn = Get(field.Labels, "en"),
                Type = field.Type.ToString(),
                Required = field.Required,
                Min = Bound(field.Min, money, culture),
                Max = Bound(field.Max, money, culture),
                MinDate = field.MinDate ?? string.Empty,
                MaxDate = field.MaxDate ?? string.Empty,
                Pattern = field.Pattern ?? string.Empty,
                Choices = string.Join("\n", field.Choices.Select(c => string.Join(" | ", new[] { c.Value, Get(c.Labels, "de"), Get(c.Labels, "en") }.Reverse().SkipWhile(string.IsNullOrEmpty).Reverse()))),
                HelpDe = Get(field.Help, "de"),
                HelpEn = Get(field.Help, "en"),
                Section = field.Section ?? string.Empty,
            });
        }

        if (!string.IsNullOrWhiteSpace(content.TemplatesJson))
        {
            try
            {
                using var document = JsonDocument.Parse(content.TemplatesJson);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                    {
                        editor.Templates[Canonical(property.Name)] = property.Value.GetString()!;
                    }
                }
            }
            catch (JsonException)
            {
                // A saved version always holds valid JSON; nothing to prefill otherwise.
            }
        }

        return editor;
    }

    /// <summary>The editor as posted.</summary>
    public static ServiceEditor Read(IFormCollection posted)
    {
        string Of(string name) => posted.TryGetValue(name, out var value) ? value.ToString() : string.Empty;
        var editor = new ServiceEditor
        {
            Title = Of("title"),
            Description = Of("description"),
            CategoryId = Of("categoryId"),
            Permission = Of("permission"),
            Price = Of("price"),
            RevenueShare = Of("revenueShare"),
            FeeKind = Of("feeKind"),
            FeeValue = Of("feeValue"),
            AcceptDays = Of("acceptDays"),
            CompleteDays = Of("completeDays"),
            Steps = Of("steps"),
            DataCategories = Of("dataCategories"),
            Sections = Of("sections"),
        };

        // Rows are numbered 0..n-1 by the page; a gap ends them.
        for (var i = 0; i < MaxFields && posted.ContainsKey(FieldName(i, "key")); i++)
        {
            string Part(string part) => Of(FieldName(i, part));
            editor.Fields.Add(new FieldRow
            {
                Key = Part("key").Trim(),
                LabelDe = Part("labelDe"),
                LabelEn = Part("labelEn"),
                Type = Part("type"),
                Required = posted[FieldName(i, "required")].Contains("true"),
                Min = Part("min"),
                Max = Part("max"),
                MinDate = Part("minDate"),
                MaxDate = Part("maxDate"),
                Pattern = Part("pattern"),
                Choices = Part("choices"),
                HelpDe = Part("helpDe"),
                HelpEn = Part("helpEn"),
                Section = Part("section").Trim(),
            });
        }

        foreach (var (name, value) in posted)
        {
            if (name.StartsWith("templates.", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(value.ToString()))
            {
                editor.Templates[Canonical(name["templates.".Length..])] = value.ToString();
            }
        }

        return editor;
    }

    /// <summary>
    /// Applies an editing button of the form editor (<c>add</c>, <c>up:3</c>, <c>down:3</c>, <c>remove:3</c>); false when
    /// <paramref name="command"/> is none of them.
    /// </summary>
    public bool Apply(string? command)
    {
        if (command == "add")
        {
            if (Fields.Count < MaxFields)
            {
                Fields.Add(new FieldRow());
            }

            return true;
        }

        var parts = (command ?? string.Empty).Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index < 0 || index >= Fields.Count)
        {
            return false;
        }

        var row = Fields[index];
        switch (parts[0])
        {
            case "remove":
                Fields.RemoveAt(index);
                return true;
            case "up" when index > 0:
                Fields.RemoveAt(index);
                Fields.Insert(index - 1, row);
                return true;
            case "down" when index < Fields.Count - 1:
                Fields.RemoveAt(index);
                Fields.Insert(index + 1, row);
                return true;
            case "up" or "down":
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The core's input; what does not translate (a number that is none, an unknown choice) comes back as field errors
    /// under the editor's own input names, and the input then carries a harmless value in its place.
    /// </summary>
    public ServiceVersionInput ToInput(CultureInfo culture, IStringLocalizer texts, List<FieldError> errors)
    {
        FieldError Error(string field, string key) => PageError(field, "invalid_number", texts[key]);

        long Cents(string text, string field, bool required = false)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required)
                {
                    errors.Add(Error(field, "FormAmountExpected"));
                }

                return 0;
            }

            if (OrderFormFields.TryParseNumber(text, culture, out var euros) && euros * 100m == decimal.Truncate(euros * 100m) && Math.Abs(euros) < 100_000_000_000m)
            {
                return decimal.ToInt64(euros * 100m);
            }

            errors.Add(Error(field, "FormAmountExpected"));
            return 0;
        }

        int Days(string text, string field)
        {
            if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
            {
                return days;
            }

            errors.Add(Error(field, "SvcWholeNumberExpected"));
            return 1;
        }

        if (!Enum.TryParse<TradePermission>(Permission, ignoreCase: false, out var permission) || !Enum.IsDefined(permission))
        {
            errors.Add(InputErrors.NotAllowed("permission"));
        }

        if (!Enum.TryParse<FeeKind>(FeeKind, ignoreCase: false, out var feeKind) || !Enum.IsDefined(feeKind))
        {
            errors.Add(InputErrors.NotAllowed("feeKind"));
        }

        long feeValue = 0;
        if (feeKind == Module.Catalog.FeeKind.Fixed)
        {
            feeValue = Cents(FeeValue, "feeValue", required: true);
        }
        else if (feeKind == Module.Catalog.FeeKind.Percent)
        {
            if (OrderFormFields.TryParseNumber(FeeValue, culture, out var percent) && percent * 100m == decimal.Truncate(percent * 100m) && Math.Abs(percent) < 1_000_000m)
            {
                feeValue = decimal.ToInt64(percent * 100m);
            }
            else
            {
                errors.Add(Error("feeValue", "SvcPercentExpected"));
            }
        }
        else if (!string.IsNullOrWhiteSpace(FeeValue) && !(OrderFormFields.TryParseNumber(FeeValue, culture, out var none) && none == 0))
        {
            errors.Add(PageError("feeValue", "fee_without_kind", texts["SvcFeeWithoutKind"]));
        }

        return new ServiceVersionInput
        {
            Title = Title,
            Description = Description,
            RequiredPermission = permission,
            PriceCents = Cents(Price, "price"),
            RevenueShareCents = Cents(RevenueShare, "revenueShare"),
            FeeKind = feeKind,
            FeeValue = feeValue,
            AcceptWithinBusinessDays = Days(AcceptDays, "acceptDays"),
            CompleteWithinBusinessDays = Days(CompleteDays, "completeDays"),
            ProgressSteps = Steps.Split('\n').Select(s => s.Trim()).Where(s => s.Length > 0).ToList(),
            FormDefinitionJson = FormJson(culture, texts, errors),
            DataCategoriesJson = string.IsNullOrWhiteSpace(DataCategories) ? null : DataCategories,
            TemplatesJson = Templates.Count == 0 ? null : JsonSerializer.Serialize(Templates),
        };
    }

    /// <summary>The form the rows describe, when they describe one without errors (for the preview); otherwise null.</summary>
    public FormDefinition? PreviewForm(CultureInfo culture, IStringLocalizer texts)
    {
        var errors = new List<FieldError>();
        var json = FormJson(culture, texts, errors);
        var form = errors.Count == 0 ? FormDefinition.TryParse(json, out var parseErrors) : null;
        return form is not null && form.Check().Count == 0 ? form : null;
    }

    private string FormJson(CultureInfo culture, IStringLocalizer texts, List<FieldError> errors)
    {
        if (Fields.Count == 0 && string.IsNullOrWhiteSpace(Sections))
        {
            return "{}";
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (!string.IsNullOrWhiteSpace(Sections))
            {
                json.WritePropertyName("sections");
                try
                {
                    using var sections = JsonDocument.Parse(Sections);
                    sections.RootElement.WriteTo(json);
                }
                catch (JsonException)
                {
                    json.WriteStartArray();
                    json.WriteEndArray();
                    errors.Add(InputErrors.Malformed("formDefinition"));
                }
            }

            json.WriteStartArray("fields");
            for (var i = 0; i < Fields.Count; i++)
            {
                var row = Fields[i];
                json.WriteStartObject();
                json.WriteString("key", row.Key);
                Labels(json, "labels", row.LabelDe, row.LabelEn);
                var known = Enum.TryParse<FormFieldType>(row.Type, ignoreCase: false, out var type) && Enum.IsDefined(type);
                if (!known)
                {
                    errors.Add(InputErrors.NotAllowed(FieldName(i, "type")));
                }

                json.WriteString("type", JsonNamingPolicy.CamelCase.ConvertName((known ? type : FormFieldType.Text).ToString()));
                json.WriteBoolean("required", row.Required);
                Bound(json, "min", row.Min, type == FormFieldType.Money, FieldName(i, "min"));
                Bound(json, "max", row.Max, type == FormFieldType.Money, FieldName(i, "max"));
                Text(json, "minDate", row.MinDate);
                Text(json, "maxDate", row.MaxDate);
                Text(json, "pattern", row.Pattern, trim: false);
                var choices = row.Choices.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
                if (choices.Count > 0)
                {
                    json.WriteStartArray("choices");
                    foreach (var line in choices)
                    {
                        var parts = line.Split('|').Select(p => p.Trim()).ToArray();
                        json.WriteStartObject();
                        json.WriteString("value", parts[0]);
                        Labels(json, "labels", parts.Length > 1 && parts[1].Length > 0 ? parts[1] : parts[0], parts.Length > 2 ? parts[2] : string.Empty);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                if (!string.IsNullOrWhiteSpace(row.HelpDe) || !string.IsNullOrWhiteSpace(row.HelpEn))
                {
                    Labels(json, "help", row.HelpDe, row.HelpEn);
                }

                Text(json, "section", row.Section);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());

        void Bound(Utf8JsonWriter json, string name, string text, bool money, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            if (OrderFormFields.TryParseNumber(text, culture, out var value) && Math.Abs(value) < 1_000_000_000_000m)
            {
                json.WriteNumber(name, money ? value * 100m : value);
            }
            else
            {
                errors.Add(PageError(field, "invalid_number", texts["FormNumberExpected"]));
            }
        }
    }

    private static void Labels(Utf8JsonWriter json, string name, string german, string english)
    {
        json.WriteStartObject(name);
        json.WriteString("de", german.Trim());
        if (!string.IsNullOrWhiteSpace(english))
        {
            json.WriteString("en", english.Trim());
        }

        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, string name, string value, bool trim = true)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            json.WriteString(name, trim ? value.Trim() : value);
        }
    }

    /// <summary>An error of the page's own, in the page's language (it is shown in the request that found it).</summary>
    private static FieldError PageError(string field, string code, string text) => new(field, code, new LocalizedText(text, text));

    /// <summary>A template key as the core names it (<c>OrderDescription:de:html</c>); unknown keys stay as given.</summary>
    private static string Canonical(string key) =>
        EditedTemplates.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase)).Key ?? key;

    private static string Get(IReadOnlyDictionary<string, string>? labels, string language) =>
        labels is not null && labels.TryGetValue(language, out var text) ? text : string.Empty;

    private static string Euros(long cents, CultureInfo culture) => (cents / 100m).ToString("0.00", culture);

    private static string Bound(decimal? value, bool money, CultureInfo culture) =>
        value is { } v ? (money ? v / 100m : v).ToString("0.############", culture) : string.Empty;

    private static string Indented(string? json, string empty)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Trim() == empty)
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, IndentedJson);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static readonly JsonSerializerOptions IndentedJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
