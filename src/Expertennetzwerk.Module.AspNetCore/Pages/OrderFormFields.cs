using System.Globalization;
using System.Text;
using System.Text.Json;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.Pages;

/// <summary>
/// The order form on the pages (new order and draft): the values as the broker typed them (strings, per field key) and
/// the form data the core validates (a JSON object). The pages only translate between the two; every check is the
/// core's (<c>CreateDraftAsync</c>, <c>SaveDraftAsync</c>), whose field errors (<c>formData.{key}</c>) are shown next
/// to the inputs named alike.
/// </summary>
internal static class OrderFormFields
{
    /// <summary>The inputs' names and the core's error fields: <c>formData.{key}</c>.</summary>
    public const string Prefix = "formData.";

    /// <summary>The order form of a service version; an empty one when the JSON describes none.</summary>
    public static FormDefinition Definition(string? json) => FormDefinition.TryParse(json, out _) ?? FormDefinition.Empty;

    /// <summary>The posted values of the form's fields, as typed.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Read(FormDefinition form, IFormCollection posted)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var field in form.Fields)
        {
            if (posted.TryGetValue(Prefix + field.Key, out var given))
            {
                values[field.Key] = given.Where(v => v is not null).Select(v => v!).ToList();
            }
        }

        return values;
    }

    /// <summary>
    /// The form data for the core: blank fields left out, numbers and amounts (euros, typed with a comma or a point) as
    /// JSON numbers (amounts in cents), an unchecked box as false. A number that does not parse goes as the text typed,
    /// so the core answers it at its field like every other error.
    /// </summary>
    public static string ToJson(FormDefinition form, IReadOnlyDictionary<string, IReadOnlyList<string>> values, CultureInfo culture)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var field in form.Fields)
            {
                var given = values.TryGetValue(field.Key, out var list) ? list : [];
                var text = given.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
                if (field.Type == FormFieldType.Bool)
                {
                    json.WriteBoolean(field.Key, given.Contains("true", StringComparer.Ordinal));
                }
                else if (field.Type == FormFieldType.MultiChoice)
                {
                    var picked = given.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
                    if (picked.Count > 0)
                    {
                        json.WriteStartArray(field.Key);
                        foreach (var value in picked)
                        {
                            json.WriteStringValue(value);
                        }

                        json.WriteEndArray();
                    }
                }
                else if (text is null)
                {
                    continue; // blank: left out (a draft may lack it; placing asks for it)
                }
                else if (field.Type == FormFieldType.Number && TryParseNumber(text, culture, out var number))
                {
                    json.WriteNumber(field.Key, number);
                }
                else if (field.Type == FormFieldType.Money && TryParseNumber(text, culture, out var euros) && Cents(euros) is { } cents)
                {
                    json.WriteNumber(field.Key, cents);
                }
                else
                {
                    json.WriteString(field.Key, text);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Saved form data as the inputs show them (amounts in euros, numbers in the page's culture).</summary>
    public static Dictionary<string, IReadOnlyList<string>> FromJson(FormDefinition form, string? formDataJson, CultureInfo culture)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(formDataJson))
        {
            return values;
        }

        using var document = JsonDocument.Parse(formDataJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return values;
        }

        foreach (var field in form.Fields)
        {
            if (!document.RootElement.TryGetProperty(field.Key, out var value))
            {
                continue;
            }

            values[field.Key] = (field.Type, value.ValueKind) switch
            {
                (_, JsonValueKind.String) => [value.GetString()!],
                (FormFieldType.Bool, JsonValueKind.True) => ["true"],
                (FormFieldType.Bool, _) => [],
                (FormFieldType.MultiChoice, JsonValueKind.Array) => value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList(),
                (FormFieldType.Money, JsonValueKind.Number) when value.TryGetDecimal(out var cents) => [(cents / 100m).ToString("0.00", culture)],
                (_, JsonValueKind.Number) when value.TryGetDecimal(out var number) => [number.ToString("0.############################", culture)],
                _ => [value.GetRawText()],
            };
        }

        return values;
    }

    /// <summary>
    /// Puts the core's field errors into the page's model state, next to their inputs; a number or amount the core got as
    /// text says what is expected. Errors of no field on the page come back for the notice above it.
    /// </summary>
    public static List<string> AddErrors(ModelStateDictionary modelState, FormDefinition? form, IEnumerable<FieldError> errors, IStringLocalizer texts, params string[] pageFields)
    {
        var elsewhere = new List<string>();
        foreach (var error in errors)
        {
            var field = form?.Fields.FirstOrDefault(f => Prefix + f.Key == error.Field);
            var text = (field?.Type, error.Code) switch
            {
                (FormFieldType.Number, "invalid_type") => texts["FormNumberExpected"].Value,
                (FormFieldType.Money, "invalid_type") => texts["FormAmountExpected"].Value,
                _ => ModulePageModel.Text(error.Text),
            };
            if (field is not null || pageFields.Contains(error.Field, StringComparer.Ordinal))
            {
                modelState.AddModelError(error.Field, text);
            }
            else
            {
                elsewhere.Add(text);
            }
        }

        return elsewhere;
    }

    /// <summary>Whole cents of an amount in euros; null when it has fractions of a cent or does not fit (the core then answers it).</summary>
    private static long? Cents(decimal euros)
    {
        try
        {
            var cents = euros * 100m;
            return cents == decimal.Truncate(cents) ? decimal.ToInt64(cents) : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// A number as people type it: "1.234,56" and "1,234.56" alike (the later separator is the decimal one); a lone
    /// separator followed by exactly three digits groups thousands unless it is the page culture's decimal separator.
    /// </summary>
    internal static bool TryParseNumber(string text, CultureInfo culture, out decimal value)
    {
        var s = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '€' && c != '\'').ToArray());
        var (dot, comma) = (s.LastIndexOf('.'), s.LastIndexOf(','));
        char? decimalSeparator;
        if (dot >= 0 && comma >= 0)
        {
            decimalSeparator = dot > comma ? '.' : ',';
        }
        else if (dot >= 0 || comma >= 0)
        {
            var separator = dot >= 0 ? '.' : ',';
            var single = s.Count(c => c == separator) == 1;
            var digitsAfter = s.Length - 1 - s.LastIndexOf(separator);
            var isCultureDecimal = culture.NumberFormat.NumberDecimalSeparator == separator.ToString();
            decimalSeparator = single && (isCultureDecimal || digitsAfter != 3) ? separator : null;
        }
        else
        {
            decimalSeparator = null;
        }

        // Thousands come in groups of three ("1.234.567"); "1,2,3" is no number.
        var integral = decimalSeparator is { } d ? s[..s.LastIndexOf(d)] : s;
        var groups = integral.Split('.', ',');
        if (groups.Length > 1 && (groups[0].TrimStart('-', '+').Length is < 1 or > 3 || groups.Skip(1).Any(g => g.Length != 3)))
        {
            value = 0;
            return false;
        }

        var normalised = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c == decimalSeparator)
            {
                normalised.Append('.');
            }
            else if (c is not ('.' or ','))
            {
                normalised.Append(c);
            }
        }

        return decimal.TryParse(normalised.ToString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
