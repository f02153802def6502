namespace Expertennetzwerk.Module.Common;

/// <summary>The field errors of plain input checks, with their codes and texts.</summary>
public static class InputErrors
{
    /// <summary>The field is empty.</summary>
    public static FieldError Required(string field) => new(field, "required", new LocalizedText(
        "Bitte füllen Sie dieses Feld aus.",
        "Please fill in this field."));

    /// <summary>The text is longer than allowed.</summary>
    public static FieldError TooLong(string field, int max) => new(field, "too_long", new LocalizedText(
        $"Bitte höchstens {max:N0} Zeichen eingeben.".Replace(",", ".", StringComparison.Ordinal),
        $"Please enter at most {max:N0} characters."));

    /// <summary>The value is not one of the allowed ones.</summary>
    public static FieldError NotAllowed(string field) => new(field, "not_allowed", new LocalizedText(
        "Dieser Wert ist hier nicht zulässig.",
        "This value is not allowed here."));

    /// <summary>The value is out of range.</summary>
    public static FieldError OutOfRange(string field, long min, long max) => new(field, "out_of_range", new LocalizedText(
        $"Bitte einen Wert zwischen {min} und {max} angeben.",
        $"Please give a value between {min} and {max}."));

    /// <summary>The value is malformed (JSON, cursor, …).</summary>
    public static FieldError Malformed(string field) => new(field, "malformed", new LocalizedText(
        "Dieser Wert ist ungültig.",
        "This value is invalid."));

    /// <summary>An attachment is larger than allowed.</summary>
    public static FieldError FileTooLarge(string field, long maxBytes) => new(field, "file_too_large", new LocalizedText(
        $"Die Datei ist zu groß (höchstens {maxBytes / 1024.0 / 1024.0:0.#} MB).",
        $"The file is too large (at most {maxBytes / 1024.0 / 1024.0:0.#} MB)."));

    /// <summary>An attachment's type is not accepted.</summary>
    public static FieldError FileTypeRefused(string field) => new(field, "file_type_refused", new LocalizedText(
        "Dieser Dateityp wird nicht angenommen.",
        "This file type is not accepted."));

    /// <summary>The referenced thing does not exist.</summary>
    public static FieldError Unknown(string field) => new(field, "unknown", new LocalizedText(
        "Dieser Eintrag wurde nicht gefunden.",
        "This entry was not found."));

    /// <summary>The text holds a character no one can type: a control character (other than tab and line breaks) or broken UTF-16.</summary>
    public static FieldError InvalidCharacter(string field) => new(field, "invalid_character", new LocalizedText(
        "Der Text enthält ein unzulässiges Zeichen (z. B. ein Steuerzeichen).",
        "The text contains a character that is not allowed (e.g. a control character)."));

    /// <summary>A JSON object names the same property twice.</summary>
    public static FieldError DuplicateKey(string field) => new(field, "duplicate_key", new LocalizedText(
        "Ein Name kommt im selben Objekt mehrfach vor.",
        "A name occurs more than once in the same object."));
}
