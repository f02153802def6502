using System.Text.Json;
using Expertennetzwerk.Module.Catalog;

namespace Expertennetzwerk.Module.Templates;

/// <summary>
/// A service version's own templates: its <c>TemplatesJson</c>, a JSON object whose keys are
/// <c>{kind}:{language}:{format}</c> (e.g. <c>"ConsentDeclaration:de:html"</c>, <c>"OrderDescription:en:text"</c>, case
/// does not matter) and whose values are Scriban texts. A language the service does not provide falls back to the host's
/// or the default template of that language (texts are never mixed across languages).
/// </summary>
/// <param name="VersionId">The service version's id (part of the template id).</param>
/// <param name="VersionNumber">The service version's number (the template's version).</param>
/// <param name="TemplatesJson">The JSON object; null, empty or <c>{}</c> when the service has none.</param>
internal sealed record ServiceTemplates(Guid VersionId, int VersionNumber, string? TemplatesJson)
{
    /// <summary>The templates of <paramref name="version"/>.</summary>
    public static ServiceTemplates From(ExpertServiceVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new ServiceTemplates(version.Id, version.VersionNumber, version.TemplatesJson);
    }

    /// <summary>The service's text for the key, or null.</summary>
    /// <exception cref="TemplateRenderException">The JSON is not an object of strings.</exception>
    internal string? Find(TemplateKind kind, string language, TemplateFormat format)
    {
        var entries = Parse(TemplatesJson, out var error);
        if (error is not null)
        {
            throw new TemplateRenderException($"service:{VersionId}", error);
        }

        return entries.TryGetValue(TemplateKinds.Key(kind, language, format), out var text) ? text : null;
    }

    /// <summary>
    /// Every problem of a service's <c>TemplatesJson</c>, for saving a version: malformed JSON, unknown keys, values that
    /// are not strings, and each template's parse errors and size (prefixed with its key).
    /// </summary>
    public static IReadOnlyList<string> Validate(string? templatesJson)
    {
        var entries = Parse(templatesJson, out var error);
        if (error is not null)
        {
            return [error];
        }

        var problems = new List<string>();
        foreach (var (key, text) in entries)
        {
            if (!IsKnownKey(key))
            {
                problems.Add($"{key}: unknown template key (expected kind:language:format, e.g. ConsentDeclaration:de:html).");
                continue;
            }

            problems.AddRange(TemplateService.ValidateTemplate(text).Select(e => $"{key} {e}"));
        }

        return problems;
    }

    private static bool IsKnownKey(string key) =>
        TemplateKinds.All.Any(kind => TemplateKinds.Formats(kind).Any(format =>
            string.Equals(key, TemplateKinds.Key(kind, TemplateFormatter.German, format), StringComparison.OrdinalIgnoreCase)
            || string.Equals(key, TemplateKinds.Key(kind, TemplateFormatter.English, format), StringComparison.OrdinalIgnoreCase)));

    private static Dictionary<string, string> Parse(string? json, out string? error)
    {
        error = null;
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "The service's templates must be a JSON object keyed by kind:language:format.";
                return result;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    error = $"{property.Name}: the template must be a JSON string.";
                    return result;
                }

                result[property.Name] = property.Value.GetString()!;
            }
        }
        catch (JsonException ex)
        {
            error = $"The service's templates are not valid JSON: {ex.Message}";
        }

        return result;
    }
}
