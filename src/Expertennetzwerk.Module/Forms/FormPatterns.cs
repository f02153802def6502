using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Expertennetzwerk.Module.Forms;

/// <summary>Compiled field patterns, cached; each match is time-limited so a hostile pattern cannot hang a request.</summary>
internal static class FormPatterns
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly ConcurrentDictionary<string, Regex?> Cache = new(StringComparer.Ordinal);

    /// <summary>The pattern anchored to the whole value, or null when it does not compile.</summary>
    public static Regex? TryGet(string pattern) => Cache.GetOrAdd(pattern, static p =>
    {
        if (p.Length > 500)
        {
            return null;
        }

        try
        {
            return new Regex("^(?:" + p + ")$", RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    });

    /// <summary>True when <paramref name="value"/> matches; a timed-out match counts as no match.</summary>
    public static bool Matches(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
