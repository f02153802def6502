using System.Globalization;
using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Forms;

/// <summary>The codes and texts of form validation errors.</summary>
public static class FormErrors
{
    /// <summary>An error in a form definition.</summary>
    public static FieldError Definition(string field, string code, string german, string english) =>
        new(field, code, new LocalizedText(german, english));

    internal static FieldError Required(string field) => InputErrors.Required(field);

    internal static FieldError WrongType(string field) => new(field, "invalid_type", new LocalizedText(
        "Der Wert hat nicht den erwarteten Typ.", "The value does not have the expected type."));

    internal static FieldError TooShort(string field, decimal min) => new(field, "too_short", new LocalizedText(
        $"Bitte mindestens {min:0} Zeichen eingeben.", $"Please enter at least {min:0} characters."));

    internal static FieldError TooLong(string field, decimal max) => new(field, "too_long", new LocalizedText(
        $"Bitte höchstens {max:0} Zeichen eingeben.", $"Please enter at most {max:0} characters."));

    internal static FieldError OutOfRange(string field) => new(field, "out_of_range", new LocalizedText(
        "Die Zahl ist zu groß oder zu klein.", "The number is too large or too small."));

    internal static FieldError BelowMin(string field, string min) => new(field, "below_min", new LocalizedText(
        $"Der Wert muss mindestens {min} betragen.", $"The value must be at least {min}."));

    internal static FieldError AboveMax(string field, string max) => new(field, "above_max", new LocalizedText(
        $"Der Wert darf höchstens {max} betragen.", $"The value must be at most {max}."));

    internal static FieldError TooFewChoices(string field, decimal min) => new(field, "too_few_choices", new LocalizedText(
        $"Bitte mindestens {min:0} Optionen wählen.", $"Please choose at least {min:0} options."));

    internal static FieldError TooManyChoices(string field, decimal max) => new(field, "too_many_choices", new LocalizedText(
        $"Bitte höchstens {max:0} Optionen wählen.", $"Please choose at most {max:0} options."));

    internal static FieldError PatternMismatch(string field) => new(field, "pattern_mismatch", new LocalizedText(
        "Der Wert hat nicht das erwartete Format.", "The value does not have the expected format."));

    internal static FieldError InvalidDate(string field) => new(field, "invalid_date", new LocalizedText(
        "Bitte ein gültiges Datum angeben.", "Please give a valid date."));

    internal static FieldError InvalidChoice(string field) => new(field, "invalid_choice", new LocalizedText(
        "Bitte eine der angebotenen Optionen wählen.", "Please choose one of the offered options."));

    internal static FieldError InvalidEmail(string field) => new(field, "invalid_email", new LocalizedText(
        "Bitte eine gültige E-Mail-Adresse angeben.", "Please give a valid e-mail address."));

    internal static FieldError InvalidPhone(string field) => new(field, "invalid_phone", new LocalizedText(
        "Bitte eine gültige Telefonnummer angeben.", "Please give a valid phone number."));

    internal static FieldError InvalidIban(string field) => new(field, "invalid_iban", new LocalizedText(
        "Die IBAN ist ungültig (Prüfsumme oder Länge).", "The IBAN is invalid (checksum or length)."));

    internal static FieldError MustBeConfirmed(string field) => new(field, "must_be_confirmed", new LocalizedText(
        "Bitte bestätigen.", "Please confirm."));

    internal static FieldError UnknownField(string field) => new(field, "unknown_field", new LocalizedText(
        "Dieses Feld gehört nicht zum Formular.", "This field does not belong to the form."));

    internal static string German(decimal value) => value.ToString("N0", CultureInfo.GetCultureInfo("de-DE"));
}
