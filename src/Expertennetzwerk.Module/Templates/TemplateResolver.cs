namespace Expertennetzwerk.Module.Templates;

/// <summary>
/// Finds the template for a kind, language and format: the service version's own template first, then the host's
/// override (<see cref="ITemplateSource"/>), then the embedded default. German for every culture that is not English.
/// </summary>
internal sealed class TemplateResolver
{
    private readonly ITemplateSource? _host;

    /// <summary>Creates a resolver; <paramref name="host"/> is the host's override source, if it has one.</summary>
    public TemplateResolver(ITemplateSource? host = null) => _host = host;

    /// <summary>The template that renders <paramref name="kind"/> for <paramref name="culture"/> in <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">The kind has no template in that format.</exception>
    /// <exception cref="TemplateRenderException">The service's templates are not a JSON object of strings.</exception>
    public ResolvedTemplate Resolve(TemplateKind kind, string? culture, TemplateFormat format, ServiceTemplates? service = null)
    {
        if (!TemplateKinds.Has(kind, format))
        {
            throw new ArgumentException($"{kind} has no {TemplateKinds.FormatName(format)} template.", nameof(format));
        }

        var language = TemplateFormatter.Language(culture);
        var key = TemplateKinds.Key(kind, language, format);

        if (service?.Find(kind, language, format) is { } serviceText)
        {
            return new ResolvedTemplate($"service:{service.VersionId}:{key}", service.VersionNumber, serviceText, TemplateOrigin.Service, kind, language, format);
        }

        if (_host?.Find(kind, language, format) is { } hostTemplate)
        {
            return new ResolvedTemplate($"host:{key}", hostTemplate.Version, hostTemplate.Text, TemplateOrigin.Host, kind, language, format);
        }

        return new ResolvedTemplate($"default:{key}", DefaultTemplates.Version, DefaultTemplates.Text(kind, language, format), TemplateOrigin.Default, kind, language, format);
    }
}
