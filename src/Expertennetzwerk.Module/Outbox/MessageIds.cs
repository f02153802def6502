using System.Globalization;
using System.Text;

namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// Builds a mail's Message-ID from a notification's idempotency key: the same key always gives the same Message-ID
/// (a redelivery is recognisable), two keys never give the same one, and the result is a valid RFC 5322 <c>msg-id</c>
/// (without the angle brackets): <c>id-left@id-right</c>, both dot-atoms.
/// </summary>
internal static class MessageIds
{
    /// <summary>
    /// <c>{encoded key}@{domain}</c>. Letters, digits and <c>-</c> stay; every other UTF-8 byte becomes <c>=XX</c>
    /// (hex), so <c>0193…:Place:3</c> becomes <c>0193…=3APlace=3A3</c>.
    /// </summary>
    public static string FromIdempotencyKey(string idempotencyKey, string domain = "expertennetzwerk")
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        if (!IsValidDomain(domain))
        {
            throw new ArgumentException($"\"{domain}\" is not a valid Message-ID domain.", nameof(domain));
        }

        var builder = new StringBuilder(idempotencyKey.Length + domain.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(idempotencyKey))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('=').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.Append('@').Append(domain).ToString();
    }

    /// <summary>True when <paramref name="domain"/> is a dot-atom of letters, digits and hyphens (e.g. <c>mail.example.org</c>).</summary>
    public static bool IsValidDomain(string? domain)
    {
        if (string.IsNullOrEmpty(domain) || domain.Length > 200)
        {
            return false;
        }

        foreach (var label in domain.Split('.'))
        {
            if (label.Length == 0 || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
