using System.Globalization;
using System.Text.Json;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.Module.Orders;

namespace Expertennetzwerk.Module.Templates;

/// <summary>
/// Formats values for people, for the model builders (templates get finished strings and stay simple).
/// Two languages: <c>de</c> (the default for every culture that is not English) and <c>en</c>.
/// <list type="bullet">
/// <item>Money: "1.234,56 €" (de), "€1,234.56" (en); negative "-1.234,56 €", "-€1,234.56".</item>
/// <item>Dates: "07.03.2025" (de), ISO "2025-03-07" (en: unambiguous for British and American readers alike).</item>
/// <item>Date and time: "07.03.2025, 14:30 Uhr" (de), "2025-03-07 14:30" (en), in the network's time zone (see <c>NetworkTimeZone</c>).</item>
/// </list>
/// </summary>
internal static class TemplateFormatter
{
    /// <summary>German.</summary>
    public const string German = "de";

    /// <summary>English.</summary>
    public const string English = "en";

    private static readonly CultureInfo GermanCulture = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The language of <paramref name="culture"/>: <c>en</c> for "en", "en-GB", "en-US" …, otherwise <c>de</c> (also for null or unknown).</summary>
    public static string Language(string? culture)
    {
        if (string.IsNullOrWhiteSpace(culture))
        {
            return German;
        }

        var c = culture.Trim();
        return c.Equals(English, StringComparison.OrdinalIgnoreCase) || c.StartsWith("en-", StringComparison.OrdinalIgnoreCase) || c.StartsWith("en_", StringComparison.OrdinalIgnoreCase)
            ? English
            : German;
    }

    /// <summary>The culture a template of <paramref name="language"/> renders in: de-DE or en-GB.</summary>
    public static CultureInfo Culture(string language) => Language(language) == English ? EnglishCulture : GermanCulture;

    /// <summary>An amount of euro cents: "1.234,56 €" (de), "€1,234.56" (en).</summary>
    public static string Money(long cents, string language)
    {
        var sign = cents < 0 ? "-" : "";
        var amount = Math.Abs((decimal)cents) / 100m;
        return Language(language) == English
            ? $"{sign}€{amount.ToString("#,##0.00", CultureInfo.InvariantCulture)}"
            : $"{sign}{amount.ToString("#,##0.00", GermanCulture)} €";
    }

    /// <summary>A number: "1.234,5" (de), "1,234.5" (en).</summary>
    public static string Number(decimal value, string language) =>
        value.ToString("#,##0.##########", Language(language) == English ? CultureInfo.InvariantCulture : GermanCulture);

    /// <summary>A date: "07.03.2025" (de), "2025-03-07" (en).</summary>
    public static string Date(DateOnly date, string language) =>
        date.ToString(Language(language) == English ? "yyyy-MM-dd" : "dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>The calendar day of <paramref name="moment"/> in <paramref name="zone"/> (the network's), formatted as <see cref="Date(DateOnly, string)"/>.</summary>
    public static string Date(DateTimeOffset moment, string language, TimeZoneInfo zone) =>
        Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, zone).DateTime), language);

    /// <summary>Date and time in <paramref name="zone"/> (the network's): "07.03.2025, 14:30 Uhr" (de), "2025-03-07 14:30" (en).</summary>
    public static string DateTime(DateTimeOffset moment, string language, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(moment, zone);
        return Language(language) == English
            ? local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("dd.MM.yyyy, HH:mm", CultureInfo.InvariantCulture) + " Uhr";
    }

    /// <summary>The label of a customer field key as <c>ICustomerDirectory</c> hosts use them (e.g. <c>birthDate</c> → "Geburtsdatum"); unknown keys as they are.</summary>
    public static string CustomerFieldLabel(string key, string language)
    {
        var english = Language(language) == English;
        return key switch
        {
            "displayName" => "Name",
            "title" => english ? "Title" : "Titel",
            "firstName" => english ? "First name" : "Vorname",
            "lastName" => english ? "Last name" : "Nachname",
            "companyName" => english ? "Company" : "Firma",
            "birthDate" => english ? "Date of birth" : "Geburtsdatum",
            "email" => english ? "Email" : "E-Mail",
            "phone" => english ? "Phone" : "Telefon",
            "street" => english ? "Street" : "Straße",
            "postalCode" => english ? "Postcode" : "PLZ",
            "city" => english ? "City" : "Ort",
            _ => key,
        };
    }

    /// <summary>A customer field's value for people: ISO dates (<c>1968-09-14</c>) as <see cref="Date(DateOnly, string)"/>, the rest as given.</summary>
    public static string CustomerFieldValue(string key, string value, string language) =>
        key.EndsWith("Date", StringComparison.Ordinal) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? Date(date, language)
            : value;

    /// <summary>"Ja"/"Nein" or "Yes"/"No".</summary>
    public static string YesNo(bool value, string language) =>
        Language(language) == English ? (value ? "Yes" : "No") : (value ? "Ja" : "Nein");

    /// <summary>The label for <paramref name="language"/> from a label set, falling back to German, then to any label.</summary>
    public static string Label(IReadOnlyDictionary<string, string>? labels, string language, string fallback = "")
    {
        if (labels is null || labels.Count == 0)
        {
            return fallback;
        }

        var lang = Language(language);
        if (labels.TryGetValue(lang, out var label) && !string.IsNullOrWhiteSpace(label))
        {
            return label;
        }

        if (labels.TryGetValue(German, out label) && !string.IsNullOrWhiteSpace(label))
        {
            return label;
        }

        return labels.Values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? fallback;
    }

    /// <summary>The legal basis as it reads in a consent declaration.</summary>
    public static string LegalBasis(LegalBasis basis, string language) => (basis, Language(language)) switch
    {
        (Catalog.LegalBasis.BrokerContract, English) => "performance of your brokerage contract (Art. 6(1)(b) GDPR)",
        (Catalog.LegalBasis.BrokerContract, _) => "Erfüllung Ihres Maklervertrags (Art. 6 Abs. 1 lit. b DSGVO)",
        (Catalog.LegalBasis.Consent, English) => "your consent (Art. 6(1)(a) GDPR)",
        (Catalog.LegalBasis.Consent, _) => "Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)",
        (Catalog.LegalBasis.ExplicitHealthConsent, English) => "your explicit consent (Art. 9(2)(a) GDPR) and your release from professional secrecy (Section 203 German Criminal Code, StGB)",
        (Catalog.LegalBasis.ExplicitHealthConsent, _) => "Ihre ausdrückliche Einwilligung (Art. 9 Abs. 2 lit. a DSGVO) und Ihre Schweigepflichtentbindung (§ 203 StGB)",
        _ => basis.ToString(),
    };

    /// <summary>A data category for a consent declaration, in <paramref name="language"/>.</summary>
    public static ConsentCategoryModel Category(DataCategory category, string language)
    {
        ArgumentNullException.ThrowIfNull(category);
        return new ConsentCategoryModel(
            Label(category.Labels, language, category.Key),
            LegalBasis(category.LegalBasis, language),
            category.LegalBasis == Catalog.LegalBasis.ExplicitHealthConsent);
    }

    /// <summary>An order state as people call it.</summary>
    public static string OrderState(OrderState state, string language) => (state, Language(language)) switch
    {
        (Orders.OrderState.Draft, English) => "draft",
        (Orders.OrderState.Draft, _) => "Entwurf",
        (Orders.OrderState.Placed, English) => "placed",
        (Orders.OrderState.Placed, _) => "verbindlich bestellt",
        (Orders.OrderState.InProgress, English) => "in progress",
        (Orders.OrderState.InProgress, _) => "in Bearbeitung",
        (Orders.OrderState.AwaitingInformation, English) => "awaiting information",
        (Orders.OrderState.AwaitingInformation, _) => "Rückfrage an Sie",
        (Orders.OrderState.Completed, English) => "completed",
        (Orders.OrderState.Completed, _) => "abgeschlossen",
        (Orders.OrderState.Declined, English) => "declined",
        (Orders.OrderState.Declined, _) => "abgelehnt",
        (Orders.OrderState.Cancelled, English) => "cancelled",
        (Orders.OrderState.Cancelled, _) => "storniert",
        (Orders.OrderState.Disputed, English) => "in dispute",
        (Orders.OrderState.Disputed, _) => "Streitfall",
        _ => state.ToString(),
    };

    /// <summary>
    /// The fields of <paramref name="form"/> with their values from <paramref name="formDataJson"/> (a JSON object keyed by
    /// field key), labelled and formatted for <paramref name="language"/>, in form order. Fields without a value are left out.
    /// </summary>
    public static IReadOnlyList<LabeledValue> FormFields(FormDefinition form, string? formDataJson, string language)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrWhiteSpace(formDataJson))
        {
            return [];
        }

        using var document = JsonDocument.Parse(formDataJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var result = new List<LabeledValue>();
        foreach (var field in form.Fields)
        {
            if (!document.RootElement.TryGetProperty(field.Key, out var value))
            {
                continue;
            }

            var text = FormValue(field, value, language);
            if (text is not null)
            {
                result.Add(new LabeledValue(Label(field.Labels, language, field.Key), text));
            }
        }

        return result;
    }

    /// <summary>One form value formatted for people by the field's type; null when it is empty.</summary>
    public static string? FormValue(FormField field, JsonElement value, string language)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        string? text = field.Type switch
        {
            FormFieldType.Money when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var cents) => Money(cents, language),
            FormFieldType.Number when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) => Number(number, language),
            FormFieldType.Date when value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => Date(date, language),
            FormFieldType.Bool when value.ValueKind is JsonValueKind.True or JsonValueKind.False => YesNo(value.GetBoolean(), language),
            FormFieldType.Choice when value.ValueKind == JsonValueKind.String => ChoiceLabel(field, value.GetString()!, language),
            FormFieldType.MultiChoice when value.ValueKind == JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? ChoiceLabel(field, v.GetString()!, language) : v.ToString())),
            _ when value.ValueKind == JsonValueKind.String => value.GetString(),
            _ => value.ToString(),
        };

        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static string ChoiceLabel(FormField field, string value, string language) =>
        field.Choices.FirstOrDefault(c => c.Value == value) is { } choice ? Label(choice.Labels, language, value) : value;
}
