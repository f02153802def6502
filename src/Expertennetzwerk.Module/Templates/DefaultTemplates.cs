using System.Collections.Concurrent;
using System.Reflection;

namespace Expertennetzwerk.Module.Templates;

/// <summary>
/// The defaults embedded in the module: <c>Templates/Defaults/{de|en}/{Kind}.{text|html|subject}.sbn</c>, one per kind,
/// language and format. Their id is <c>default:{Kind}:{language}:{format}</c>, their version <see cref="Version"/>.
/// </summary>
internal static class DefaultTemplates
{
    /// <summary>The version of every default template; raised whenever a default text changes.</summary>
    public const int Version = 1;

    private const string Prefix = "Expertennetzwerk.Module.Templates.Defaults.";
    private static readonly Assembly Assembly = typeof(DefaultTemplates).Assembly;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The default's text for <paramref name="kind"/> in <paramref name="language"/> (<c>de</c> or <c>en</c>) and <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">The kind has no template in that format.</exception>
    public static string Text(TemplateKind kind, string language, TemplateFormat format)
    {
        if (!TemplateKinds.Has(kind, format))
        {
            throw new ArgumentException($"{kind} has no {TemplateKinds.FormatName(format)} template.", nameof(format));
        }

        var name = $"{Prefix}{TemplateFormatter.Language(language)}.{kind}.{TemplateKinds.FormatName(format)}.sbn";
        return Cache.GetOrAdd(name, static n =>
        {
            using var stream = Assembly.GetManifestResourceStream(n)
                ?? throw new InvalidOperationException($"The embedded default template '{n}' is missing.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().ReplaceLineEndings("\n");
        });
    }
}
