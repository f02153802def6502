namespace Expertennetzwerk.Module.Templates;

/// <summary>
/// Port: the host's own templates, overriding the embedded defaults per kind, language and format. A service version's
/// own template still comes first. Return null to keep the default.
/// </summary>
public interface ITemplateSource
{
    /// <summary>The host's template for <paramref name="kind"/> in <paramref name="language"/> (<c>de</c> or <c>en</c>) and <paramref name="format"/>, or null.</summary>
    HostTemplate? Find(TemplateKind kind, string language, TemplateFormat format);
}

/// <summary>A template the host provides.</summary>
/// <param name="Text">The Scriban text.</param>
/// <param name="Version">Its version: raise it whenever the text changes (renders are cached by id and version, and recorded with it).</param>
public sealed record HostTemplate(string Text, int Version);

/// <summary>Where a resolved template came from.</summary>
internal enum TemplateOrigin
{
    /// <summary>The service version's own template (its <c>TemplatesJson</c>).</summary>
    Service,
    /// <summary>The host's override (<see cref="ITemplateSource"/>).</summary>
    Host,
    /// <summary>The default embedded in the module.</summary>
    Default,
}

/// <summary>The template that will produce a render.</summary>
/// <param name="Id">Which template: <c>service:{versionId}:ConsentDeclaration:de:html</c>, <c>host:ConsentDeclaration:de:html</c>, <c>default:ConsentDeclaration:de:html</c>.</param>
/// <param name="Version">Its version: the service version's number, the host's version, or the default's version.</param>
/// <param name="Text">The Scriban text.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Kind">What it is for.</param>
/// <param name="Language">Its language (<c>de</c> or <c>en</c>).</param>
/// <param name="Format">Its format.</param>
internal sealed record ResolvedTemplate(string Id, int Version, string Text, TemplateOrigin Source, TemplateKind Kind, string Language, TemplateFormat Format);

/// <summary>A rendered text with the template that produced it (kept as evidence, e.g. with a consent snapshot).</summary>
/// <param name="Text">The output.</param>
/// <param name="TemplateId">The template's id (<see cref="ResolvedTemplate.Id"/>).</param>
/// <param name="TemplateVersion">The template's version.</param>
/// <param name="Culture">The language rendered (<c>de</c> or <c>en</c>).</param>
public sealed record RenderedText(string Text, string TemplateId, int TemplateVersion, string Culture);

/// <summary>A rendered mail: subject, plain text and HTML, each with its template.</summary>
/// <param name="Subject">The subject, on one line.</param>
/// <param name="Text">The plain-text body.</param>
/// <param name="Html">The HTML body.</param>
internal sealed record RenderedMail(RenderedText Subject, RenderedText Text, RenderedText Html);
