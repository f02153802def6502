using System.Globalization;

namespace Expertennetzwerk.Module.Common;

/// <summary>A text a person reads, in German (the default) and English.</summary>
/// <param name="German">The German text, used unless English is asked for.</param>
/// <param name="English">The English text.</param>
public sealed record LocalizedText(string German, string English)
{
    /// <summary>Returns the text for <paramref name="culture"/>: English for any English culture, German otherwise.</summary>
    public string Get(CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        return culture.TwoLetterISOLanguageName == "en" ? English : German;
    }

    /// <summary>The German text.</summary>
    public override string ToString() => German;
}
