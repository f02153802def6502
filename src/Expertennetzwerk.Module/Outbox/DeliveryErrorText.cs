using System.Text.RegularExpressions;

namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// What of a failed delivery's error is stored on the row and shown to the operator. Mail servers echo the recipient's
/// address in their replies ("550 5.1.1 &lt;name@example.de&gt;: Recipient address rejected"); the operator sees
/// metadata only, so every address is replaced before the text is stored, and the text is capped.
/// </summary>
internal static partial class DeliveryErrorText
{
    internal const int MaxLength = 2_000;

    /// <summary>The placeholder that stands where an address was.</summary>
    internal const string AddressRemoved = "[Adresse entfernt]";

    internal static string Redact(string error)
    {
        var text = MailAddress().Replace(error, AddressRemoved);
        return text.Length > MaxLength ? text[..MaxLength] : text;
    }

    // Anything with an @ between non-separator characters: over-redacting a technical text costs nothing.
    [GeneratedRegex("""[^\s<>()\[\]"',;:]+@[^\s<>()\[\]"',;:]+""", RegexOptions.CultureInvariant)]
    private static partial Regex MailAddress();
}
