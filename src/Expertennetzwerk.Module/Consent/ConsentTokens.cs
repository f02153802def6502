using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Expertennetzwerk.Module.Consent;

/// <summary>
/// The secrets in consent links: 256 random bits, URL-safe Base64 (43 characters). Only their SHA-256 is stored, so a
/// copy of the database opens no consent page. A fast hash is enough: the tokens are random, not passwords.
/// </summary>
internal static class ConsentTokens
{
    /// <summary>Length of a token in characters.</summary>
    public const int Length = 43;

    /// <summary>A new random token.</summary>
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of <paramref name="token"/>: lower-case hex SHA-256.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>True when <paramref name="token"/> has a token's shape (length and alphabet); anything else is not looked up.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
