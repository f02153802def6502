using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Forms;

/// <summary>
/// An order form as data (Auftragsformular): ordered fields in optional sections. Stored as JSON with the service
/// version, so a new service needs no code. <see cref="Check"/> refuses an inconsistent definition.
/// </summary>
public sealed partial record FormDefinition
{
    /// <summary>How definitions are written: camelCase, enums as camelCase strings, no nulls.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>An empty form.</summary>
    public static FormDefinition Empty { get; } = new();

    /// <summary>Optional sections, in order.</summary>
    public IReadOnlyList<FormSection> Sections { get; init; } = [];

    /// <summary>The fields, in order.</summary>
    public IReadOnlyList<FormField> Fields { get; init; } = [];

    /// <summary>The definition as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a definition; null and field errors (<c>formDefinition</c>) when the JSON does not describe one.</summary>
    public static FormDefinition? TryParse(string? json, out IReadOnlyList<FieldError> errors)
    {
        errors = [];
        if (string.IsNullOrWhiteSpace(json) || json.Trim() == "{}")
        {
            return Empty;
        }

        var checkErrors = new List<FieldError>();
        using (var checkedJson = InputJson.Parse(json, "formDefinition", checkErrors))
        {
            if (checkedJson is null)
            {
                errors = checkErrors;
                return null;
            }
        }

        try
        {
            var definition = JsonSerializer.Deserialize<FormDefinition>(json, JsonOptions);
            if (definition is null)
            {
                errors = [InputErrors.Malformed("formDefinition")];
                return null;
            }

            return definition;
        }
        catch (JsonException)
        {
            errors = [InputErrors.Malformed("formDefinition")];
            return null;
        }
    }

    /// <summary>
    /// Every inconsistency at once: duplicate or malformed keys, a missing German label, a choice field without options
    /// or with duplicate values, min greater than max, bounds on a type that has none, a pattern that does not compile,
    /// a section that does not exist.
    /// </summary>
    public IReadOnlyList<FieldError> Check()
    {
        var errors = new List<FieldError>();
        var sectionKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Sections.Count; i++)
        {
            var section = Sections[i];
            if (string.IsNullOrWhiteSpace(section.Key) || !sectionKeys.Add(section.Key))
            {
                errors.Add(FormErrors.Definition($"sections[{i}].key", "duplicate_or_empty_key", "Abschnittsschlüssel fehlt oder ist doppelt.", "Section key is missing or duplicated."));
            }
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Fields.Count; i++)
        {
            var field = Fields[i];
            var at = $"fields[{i}]";
            if (field.Key is null || !KeyPattern().IsMatch(field.Key))
            {
                errors.Add(FormErrors.Definition(at + ".key", "invalid_key",
                    "Feldschlüssel: Buchstaben, Ziffern, _ und -, beginnend mit einem Buchstaben (höchstens 64 Zeichen).",
                    "Field key: letters, digits, _ and -, starting with a letter (at most 64 characters)."));
            }
            else if (!keys.Add(field.Key))
            {
                errors.Add(FormErrors.Definition(at + ".key", "duplicate_key", $"Der Feldschlüssel „{field.Key}“ kommt mehrfach vor.", $"The field key '{field.Key}' occurs more than once."));
            }

            if (field.Labels is null || !field.Labels.TryGetValue("de", out var label) || string.IsNullOrWhiteSpace(label))
            {
                errors.Add(FormErrors.Definition(at + ".labels", "label_missing", "Die deutsche Beschriftung fehlt.", "The German label is missing."));
            }

            var isChoice = field.Type is FormFieldType.Choice or FormFieldType.MultiChoice;
            if (isChoice && (field.Choices is null || field.Choices.Count == 0))
            {
                errors.Add(FormErrors.Definition(at + ".choices", "choices_missing", "Ein Auswahlfeld braucht Optionen.", "A choice field needs options."));
            }
            else if (isChoice && field.Choices!.Select(c => c.Value).Distinct(StringComparer.Ordinal).Count() != field.Choices.Count)
            {
                errors.Add(FormErrors.Definition(at + ".choices", "duplicate_choice", "Zwei Optionen haben denselben Wert.", "Two options have the same value."));
            }
            else if (!isChoice && field.Choices is { Count: > 0 })
            {
                errors.Add(FormErrors.Definition(at + ".choices", "choices_not_allowed", "Nur Auswahlfelder haben Optionen.", "Only choice fields have options."));
            }

            if (field.Min is { } min && field.Max is { } max && min > max)
            {
                errors.Add(FormErrors.Definition(at + ".min", "min_greater_than_max", "Das Minimum ist größer als das Maximum.", "The minimum is greater than the maximum."));
            }

            if ((field.Min is < 0 || field.Max is < 0) && field.Type is not (FormFieldType.Number or FormFieldType.Money))
            {
                errors.Add(FormErrors.Definition(at + ".min", "negative_bound", "Längen und Anzahlen können nicht negativ sein.", "Lengths and counts cannot be negative."));
            }

            if ((field.Min is not null || field.Max is not null) && field.Type is FormFieldType.Bool or FormFieldType.Choice or FormFieldType.Date)
            {
                errors.Add(FormErrors.Definition(at + ".min", "bounds_not_allowed", "Dieser Feldtyp hat keine Grenzen (bei Datum: minDate/maxDate).", "This field type has no bounds (for dates use minDate/maxDate)."));
            }

            if (field.Type == FormFieldType.Date)
            {
                var minDate = ParseDate(field.MinDate, at + ".minDate", errors);
                var maxDate = ParseDate(field.MaxDate, at + ".maxDate", errors);
                if (minDate is { } a && maxDate is { } b && a > b)
                {
                    errors.Add(FormErrors.Definition(at + ".minDate", "min_greater_than_max", "Das früheste Datum liegt nach dem spätesten.", "The earliest date is after the latest."));
                }
            }
            else if (field.MinDate is not null || field.MaxDate is not null)
            {
                errors.Add(FormErrors.Definition(at + ".minDate", "bounds_not_allowed", "Nur Datumsfelder haben minDate/maxDate.", "Only date fields have minDate/maxDate."));
            }

            if (field.Pattern is not null)
            {
                if (field.Type is not (FormFieldType.Text or FormFieldType.Multiline or FormFieldType.Phone))
                {
                    errors.Add(FormErrors.Definition(at + ".pattern", "pattern_not_allowed", "Nur Textfelder haben ein Muster.", "Only text fields have a pattern."));
                }
                else if (FormPatterns.TryGet(field.Pattern) is null)
                {
                    errors.Add(FormErrors.Definition(at + ".pattern", "invalid_pattern", "Das Muster ist kein gültiger regulärer Ausdruck.", "The pattern is not a valid regular expression."));
                }
            }

            if (field.Section is not null && !sectionKeys.Contains(field.Section))
            {
                errors.Add(FormErrors.Definition(at + ".section", "unknown_section", $"Den Abschnitt „{field.Section}“ gibt es nicht.", $"There is no section '{field.Section}'."));
            }
        }

        return errors;
    }

    private static DateOnly? ParseDate(string? value, string field, List<FieldError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(FormErrors.Definition(field, "invalid_date", "Datum bitte als JJJJ-MM-TT angeben.", "Please give the date as YYYY-MM-DD."));
        return null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
