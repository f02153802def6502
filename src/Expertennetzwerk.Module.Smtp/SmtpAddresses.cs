using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace Expertennetzwerk.Module.Smtp;

/// <summary>Parses single mail addresses strictly: one bare mailbox with a local part and a domain (no display name, no route).</summary>
internal static class SmtpAddresses
{
    public static bool TryParseMailbox(string? address, [NotNullWhen(true)] out MailboxAddress? mailbox)
    {
        mailbox = null;
        if (string.IsNullOrWhiteSpace(address)
            || !MailboxAddress.TryParse(ParserOptions.Default, address.Trim(), out var parsed)
            || !string.IsNullOrEmpty(parsed.Name)
            || parsed.Route.Count > 0
            || string.IsNullOrEmpty(parsed.LocalPart)
            || string.IsNullOrEmpty(parsed.Domain))
        {
            return false;
        }

        mailbox = new MailboxAddress(string.Empty, parsed.Address);
        return true;
    }
}
