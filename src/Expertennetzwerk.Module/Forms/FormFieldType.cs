namespace Expertennetzwerk.Module.Forms;

/// <summary>What a form field holds and how its value is written in the form data (JSON).</summary>
public enum FormFieldType
{
    /// <summary>One line of text (JSON string); min/max bound the length.</summary>
    Text,
    /// <summary>Several lines of text (JSON string); min/max bound the length.</summary>
    Multiline,
    /// <summary>A number (JSON number); min/max bound the value.</summary>
    Number,
    /// <summary>An amount in euro cents (JSON integer); min/max bound the value in cents.</summary>
    Money,
    /// <summary>A calendar date, <c>yyyy-MM-dd</c> (JSON string); min/max bound it as dates too.</summary>
    Date,
    /// <summary>One of the field's choices (JSON string, the choice's value).</summary>
    Choice,
    /// <summary>Several of the field's choices (JSON array of strings); min/max bound how many.</summary>
    MultiChoice,
    /// <summary>Yes or no (JSON true/false); a required bool must be true (e.g. a confirmation).</summary>
    Bool,
    /// <summary>A mail address (JSON string).</summary>
    Email,
    /// <summary>A phone number (JSON string): digits, spaces, +, -, /, ( and ).</summary>
    Phone,
    /// <summary>An IBAN (JSON string), checked with its mod-97 checksum.</summary>
    Iban,
}
