using System.Globalization;
using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.Module.Templates;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.Pages;

/// <summary>What the shared partial <c>Orders/_OrderForm.cshtml</c> renders: the order form and the values to show in it.</summary>
/// <param name="Form">The service version's order form.</param>
/// <param name="Values">The values per field key: as saved, or as typed when the core refused them.</param>
internal sealed record OrderFormView(FormDefinition Form, IReadOnlyDictionary<string, IReadOnlyList<string>> Values)
{
    /// <summary>The fields in order, in runs of one section each (null: no section).</summary>
    public IEnumerable<(FormSection? Section, IReadOnlyList<FormField> Fields)> Runs()
    {
        var run = new List<FormField>();
        string? current = null;
        foreach (var field in Form.Fields)
        {
            if (run.Count > 0 && field.Section != current)
            {
                yield return (SectionOf(current), run);
                run = [];
            }

            current = field.Section;
            run.Add(field);
        }

        if (run.Count > 0)
        {
            yield return (SectionOf(current), run);
        }
    }

    /// <summary>The field's value as typed or saved (the first of several).</summary>
    public string? Value(FormField field) => Values.TryGetValue(field.Key, out var list) ? list.FirstOrDefault() : null;

    /// <summary>True when the field's values hold <paramref name="value"/> (a chosen option, a checked box).</summary>
    public bool Has(FormField field, string value) => Values.TryGetValue(field.Key, out var list) && list.Contains(value, StringComparer.Ordinal);

    /// <summary>A label of the definition in the page's language (German when there is none).</summary>
    public static string Label(IReadOnlyDictionary<string, string>? labels, string fallback = "") =>
        TemplateFormatter.Label(labels, ModulePageModel.Culture.TwoLetterISOLanguageName, fallback);

    /// <summary>The field's bounds in words ("höchstens 100 Zeichen", "mindestens 1.000,00 €"); null when it has none.</summary>
    public static string? Bounds(FormField field, IStringLocalizer texts)
    {
        var culture = ModulePageModel.Culture;
        var (min, max) = (field.Min, field.Max);
        string? Pair(string minKey, string maxKey, string bothKey, Func<decimal, string> format) => (min, max) switch
        {
            ({ } a, { } b) => texts[bothKey, format(a), format(b)].Value,
            ({ } a, null) => texts[minKey, format(a)].Value,
            (null, { } b) => texts[maxKey, format(b)].Value,
            _ => null,
        };

        return field.Type switch
        {
            FormFieldType.Text or FormFieldType.Multiline or FormFieldType.Email or FormFieldType.Phone or FormFieldType.Iban =>
                Pair("FormLengthMin", "FormLengthMax", "FormLengthBetween", n => n.ToString("N0", culture)),
            FormFieldType.Number => Pair("FormRangeMin", "FormRangeMax", "FormRangeBetween", n => TemplateFormatter.Number(n, culture.TwoLetterISOLanguageName)),
            FormFieldType.Money => Pair("FormRangeMin", "FormRangeMax", "FormRangeBetween", c => TemplateFormatter.Money(decimal.ToInt64(decimal.Truncate(c)), culture.TwoLetterISOLanguageName)),
            FormFieldType.MultiChoice => Pair("FormChoicesMin", "FormChoicesMax", "FormChoicesBetween", n => n.ToString("N0", culture)),
            FormFieldType.Date => DateBounds(field, texts, culture),
            _ => null,
        };
    }

    private static string? DateBounds(FormField field, IStringLocalizer texts, CultureInfo culture)
    {
        string? Show(string? date) => DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("d", culture) : null;
        return (Show(field.MinDate), Show(field.MaxDate)) switch
        {
            ({ } a, { } b) => texts["FormDateBetween", a, b].Value,
            ({ } a, null) => texts["FormDateMin", a].Value,
            (null, { } b) => texts["FormDateMax", b].Value,
            _ => null,
        };
    }

    private FormSection? SectionOf(string? key) => key is null ? null : Form.Sections.FirstOrDefault(s => s.Key == key);
}
