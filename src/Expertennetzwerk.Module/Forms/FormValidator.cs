using System.Globalization;
using System.Net.Mail;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Forms;

/// <summary>
/// Checks form data (a JSON object) against a <see cref="FormDefinition"/> and returns every field error at once,
/// keyed <c>formData.{key}</c>. A draft may be incomplete (required fields may be missing); placing requires a
/// complete, valid form.
/// </summary>
public static partial class FormValidator
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>Validates <paramref name="formDataJson"/>; <paramref name="requireComplete"/> makes missing required fields errors.</summary>
    public static IReadOnlyList<FieldError> Validate(FormDefinition definition, string? formDataJson, bool requireComplete)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<FieldError>();
        using var document = InputJson.Parse(string.IsNullOrWhiteSpace(formDataJson) ? "{}" : formDataJson, "formData", errors, errorsPerTopLevelKey: true);
        if (document is null)
        {
            return errors;
        }

        return document.RootElement.ValueKind != JsonValueKind.Object
            ? [InputErrors.Malformed("formData")]
            : Validate(definition, document.RootElement, requireComplete);
    }

    /// <summary>Validates a parsed JSON object.</summary>
    public static IReadOnlyList<FieldError> Validate(FormDefinition definition, JsonElement data, bool requireComplete)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<FieldError>();
        var known = new HashSet<string>(definition.Fields.Select(f => f.Key), StringComparer.Ordinal);
        foreach (var property in data.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                errors.Add(FormErrors.UnknownField("formData." + property.Name));
            }
        }

        foreach (var field in definition.Fields)
        {
            var key = "formData." + field.Key;
            var present = data.TryGetProperty(field.Key, out var value) && !IsEmpty(value);
            if (!present)
            {
                if (requireComplete && field.Required)
                {
                    errors.Add(FormErrors.Required(key));
                }

                continue;
            }

            if (CheckValue(field, key, value) is { } error)
            {
                errors.Add(error);
            }
            else if (requireComplete && field.Required && field.Type == FormFieldType.Bool && !value.GetBoolean())
            {
                errors.Add(FormErrors.MustBeConfirmed(key));
            }
        }

        return errors;
    }

    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.String => InputText.IsBlank(value.GetString()),
        JsonValueKind.Array => value.GetArrayLength() == 0,
        _ => false,
    };

    private static FieldError? CheckValue(FormField field, string key, JsonElement value)
    {
        switch (field.Type)
        {
            case FormFieldType.Text or FormFieldType.Multiline:
                return value.ValueKind != JsonValueKind.String ? FormErrors.WrongType(key) : CheckText(field, key, value.GetString()!.Trim());

            case FormFieldType.Email:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return FormErrors.WrongType(key);
                }

                return IsEmail(value.GetString()!.Trim()) ? CheckLength(field, key, value.GetString()!.Trim()) : FormErrors.InvalidEmail(key);

            case FormFieldType.Phone:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return FormErrors.WrongType(key);
                }

                var phone = value.GetString()!.Trim();
                return PhonePattern().IsMatch(phone) && phone.Count(char.IsDigit) >= 5 ? CheckText(field, key, phone) : FormErrors.InvalidPhone(key);

            case FormFieldType.Iban:
                return value.ValueKind != JsonValueKind.String ? FormErrors.WrongType(key) : IsIban(value.GetString()!) ? null : FormErrors.InvalidIban(key);

            case FormFieldType.Number:
                if (value.ValueKind != JsonValueKind.Number)
                {
                    return FormErrors.WrongType(key);
                }

                if (!value.TryGetDecimal(out var number))
                {
                    return FormErrors.OutOfRange(key);
                }

                return CheckRange(field, key, number, n => n.ToString("G", German));

            case FormFieldType.Money:
                if (value.ValueKind != JsonValueKind.Number)
                {
                    return FormErrors.WrongType(key);
                }

                if (!value.TryGetInt64(out var cents))
                {
                    // Whole cents only: a fraction (or an exponent) is the wrong type, a number beyond what an amount can hold is out of range.
                    return value.TryGetDecimal(out var amount) && (amount != decimal.Truncate(amount) || amount is >= long.MinValue and <= long.MaxValue)
                        ? FormErrors.WrongType(key)
                        : FormErrors.OutOfRange(key);
                }

                return CheckRange(field, key, cents, c => (c / 100m).ToString("N2", German) + " €");

            case FormFieldType.Date:
                if (value.ValueKind != JsonValueKind.String
                    || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return FormErrors.InvalidDate(key);
                }

                if (field.MinDate is { } minText && DateOnly.ParseExact(minText, "yyyy-MM-dd", CultureInfo.InvariantCulture) is var min && date < min)
                {
                    return FormErrors.BelowMin(key, min.ToString("dd.MM.yyyy", German));
                }

                if (field.MaxDate is { } maxText && DateOnly.ParseExact(maxText, "yyyy-MM-dd", CultureInfo.InvariantCulture) is var max && date > max)
                {
                    return FormErrors.AboveMax(key, max.ToString("dd.MM.yyyy", German));
                }

                return null;

            case FormFieldType.Choice:
                return value.ValueKind != JsonValueKind.String ? FormErrors.WrongType(key)
                    : field.Choices.Any(c => c.Value == value.GetString()) ? null : FormErrors.InvalidChoice(key);

            case FormFieldType.MultiChoice:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return FormErrors.WrongType(key);
                }

                var picked = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || !field.Choices.Any(c => c.Value == item.GetString()))
                    {
                        return FormErrors.InvalidChoice(key);
                    }

                    picked.Add(item.GetString()!);
                }

                if (picked.Distinct(StringComparer.Ordinal).Count() != picked.Count)
                {
                    return FormErrors.InvalidChoice(key);
                }

                if (field.Min is { } minCount && picked.Count < minCount)
                {
                    return FormErrors.TooFewChoices(key, minCount);
                }

                return field.Max is { } maxCount && picked.Count > maxCount ? FormErrors.TooManyChoices(key, maxCount) : null;

            case FormFieldType.Bool:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : FormErrors.WrongType(key);

            default:
                return FormErrors.WrongType(key);
        }
    }

    private static FieldError? CheckText(FormField field, string key, string text)
    {
        if (CheckLength(field, key, text) is { } error)
        {
            return error;
        }

        return field.Pattern is { } pattern && FormPatterns.TryGet(pattern) is { } regex && !FormPatterns.Matches(regex, text)
            ? FormErrors.PatternMismatch(key)
            : null;
    }

    private static FieldError? CheckLength(FormField field, string key, string text)
    {
        if (field.Min is { } min && text.Length < min)
        {
            return FormErrors.TooShort(key, min);
        }

        // Without a maximum a text field still ends somewhere: 10,000 characters.
        var max = field.Max ?? 10_000;
        return text.Length > max ? FormErrors.TooLong(key, max) : null;
    }

    private static FieldError? CheckRange(FormField field, string key, decimal value, Func<decimal, string> format)
    {
        if (field.Min is { } min && value < min)
        {
            return FormErrors.BelowMin(key, format(min));
        }

        return field.Max is { } max && value > max ? FormErrors.AboveMax(key, format(max)) : null;
    }

    private static bool IsEmail(string text)
    {
        if (text.Length > 254 || text.Contains(' ', StringComparison.Ordinal) || !MailAddress.TryCreate(text, out var address))
        {
            return false;
        }

        // MailAddress accepts display-name forms; only a bare address is a field value.
        return address.Address == text && address.Host.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>True for a well-formed IBAN with a valid mod-97 checksum (spaces allowed, any case).</summary>
    public static bool IsIban(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var iban = text.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (!IbanPattern().IsMatch(iban) || (iban.StartsWith("DE", StringComparison.Ordinal) && iban.Length != 22))
        {
            return false;
        }

        var rearranged = iban[4..] + iban[..4];
        var digits = string.Concat(rearranged.Select(c => char.IsLetter(c) ? (c - 'A' + 10).ToString(CultureInfo.InvariantCulture) : c.ToString()));
        return BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97 == 1;
    }

    [GeneratedRegex("^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex IbanPattern();

    [GeneratedRegex(@"^\+?[0-9 ()/\-]{5,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
