namespace Expertennetzwerk.Module.Common;

/// <summary>
/// The one rule for text a user types, used by every command and query that takes some. In this order: a control
/// character (C0 other than tab, CR and LF; DEL; C1) or a lone surrogate (broken UTF-16) → <c>invalid_character</c>
/// (PostgreSQL refuses NUL in text, so it must never reach a database); text that is empty once whitespace and invisible
/// characters (zero-width space and joiners, word joiner, BOM, soft hyphen, direction marks, …) are removed → missing
/// (<c>required</c>, or absent for an optional field); in a single-line field, a line break inside the trimmed text →
/// <c>invalid_character</c>; longer than the maximum once trimmed → <c>too_long</c>. The text kept is trimmed of
/// whitespace and invisible characters at its ends.
/// </summary>
internal static class InputText
{
    /// <summary>A required text: the trimmed text, or empty after adding the field's error.</summary>
    public static string Required(string? value, string field, int maxLength, ICollection<FieldError> errors, bool singleLine = false)
    {
        if (Check(value, field, maxLength, required: true, singleLine, out var text) is { } error)
        {
            errors.Add(error);
            return string.Empty;
        }

        return text!;
    }

    /// <summary>An optional text: null when missing, else the trimmed text (null after adding the field's error).</summary>
    public static string? Optional(string? value, string field, int maxLength, ICollection<FieldError> errors, bool singleLine = false)
    {
        if (Check(value, field, maxLength, required: false, singleLine, out var text) is { } error)
        {
            errors.Add(error);
            return null;
        }

        return text;
    }

    /// <summary>
    /// Applies the rule: the field error, or null with <paramref name="text"/> the trimmed text (null when missing and
    /// not <paramref name="required"/>).
    /// </summary>
    public static FieldError? Check(string? value, string field, int maxLength, bool required, bool singleLine, out string? text)
    {
        text = null;
        if (value is not null && HasInvalidCharacter(value))
        {
            return InputErrors.InvalidCharacter(field);
        }

        var trimmed = Trim(value);
        if (trimmed.Length == 0)
        {
            return required ? InputErrors.Required(field) : null;
        }

        // A line break at either end (a pasted value) is trimmed away; one inside a single-line field is refused.
        if (singleLine && HasInvalidCharacter(trimmed, singleLine: true))
        {
            return InputErrors.InvalidCharacter(field);
        }

        if (trimmed.Length > maxLength)
        {
            return InputErrors.TooLong(field, maxLength);
        }

        text = trimmed;
        return null;
    }

    /// <summary>True when the text is null, empty, or only whitespace and invisible format characters.</summary>
    public static bool IsBlank(string? value) => Trim(value).Length == 0;

    /// <summary>The text without whitespace and invisible format characters at either end.</summary>
    public static string Trim(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var start = 0;
        var end = value.Length;
        while (start < end && IsBlank(value[start]))
        {
            start++;
        }

        while (end > start && IsBlank(value[end - 1]))
        {
            end--;
        }

        return start == 0 && end == value.Length ? value : value[start..end];
    }

    /// <summary>
    /// True when the text holds a control character other than tab, CR and LF, a lone surrogate, or (for
    /// <paramref name="singleLine"/>) a line break.
    /// </summary>
    public static bool HasInvalidCharacter(string value, bool singleLine = false)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                return true;
            }

            if (char.IsLowSurrogate(c) || IsControl(c, singleLine))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsControl(char c, bool singleLine) => c switch
    {
        '\t' => false,
        '\n' or '\r' or '\u2028' or '\u2029' => singleLine,
        < '\u0020' => true,
        >= '\u007F' and <= '\u009F' => true,
        _ => false,
    };

    // Whitespace, and the characters that show nothing: soft hyphen, combining grapheme joiner, Arabic letter mark,
    // Hangul fillers, Khmer inherent vowels, Mongolian vowel separator, zero-width space, non-joiner and joiner,
    // direction marks, embeddings and isolates, word joiner and invisible operators, BOM.
    private static bool IsBlank(char c) => char.IsWhiteSpace(c) || c switch
    {
        '\u00AD' or '\u034F' or '\u061C' or '\u115F' or '\u1160' or '\u17B4' or '\u17B5' or '\u180E' => true,
        >= '\u200B' and <= '\u200F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2060' and <= '\u206F' => true,
        '\u3164' or '\uFEFF' or '\uFFA0' => true,
        _ => false,
    };
}
