using System.Text.RegularExpressions;

namespace Expertennetzwerk.Module.Templates;

/// <summary>
/// Resolves and renders templates (<see cref="TemplateResolver"/> + <see cref="TemplateRenderer"/>); every result records
/// the template id and version that produced it. Also validates a template an operator or expert wants to save.
/// </summary>
internal sealed partial class TemplateService
{
    /// <summary>Largest template accepted when saving, in characters (the renderer's own limit).</summary>
    public const int MaxTemplateLength = TemplateRenderer.MaxTemplateLength;

    private readonly TemplateRenderer _renderer;
    private readonly TemplateResolver _resolver;

    /// <summary>Creates the service.</summary>
    public TemplateService(TemplateRenderer renderer, TemplateResolver resolver)
    {
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
    }

    /// <summary>
    /// Renders <paramref name="kind"/> in <paramref name="format"/> for <paramref name="culture"/> (German unless English)
    /// with <paramref name="model"/>, which must be the kind's view model (<see cref="TemplateKinds.ModelType"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The model does not belong to the kind, or the kind has no such format.</exception>
    /// <exception cref="TemplateRenderException">The template is faulty or hit a sandbox limit.</exception>
    public RenderedText Render(TemplateKind kind, string? culture, TemplateFormat format, object model, ServiceTemplates? service = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var expected = TemplateKinds.ModelType(kind);
        if (model.GetType() != expected)
        {
            throw new ArgumentException($"{kind} renders a {expected.Name}, not a {model.GetType().Name}.", nameof(model));
        }

        var template = _resolver.Resolve(kind, culture, format, service);
        var text = _renderer.Render(template.Id, template.Version, template.Text, format, model, TemplateFormatter.Culture(template.Language), cancellationToken);
        if (format == TemplateFormat.Subject)
        {
            text = Whitespace().Replace(text, " ").Trim();
        }

        return new RenderedText(text, template.Id, template.Version, template.Language);
    }

    /// <summary>Renders a mail kind's subject, text and HTML.</summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not a mail.</exception>
    public RenderedMail RenderMail(TemplateKind kind, string? culture, object model, ServiceTemplates? service = null, CancellationToken cancellationToken = default)
    {
        if (!TemplateKinds.IsMail(kind))
        {
            throw new ArgumentException($"{kind} is not a mail.", nameof(kind));
        }

        return new RenderedMail(
            Render(kind, culture, TemplateFormat.Subject, model, service, cancellationToken),
            Render(kind, culture, TemplateFormat.Text, model, service, cancellationToken),
            Render(kind, culture, TemplateFormat.Html, model, service, cancellationToken));
    }

    /// <summary>Every problem of a template text with line and column: longer than <see cref="MaxTemplateLength"/>, or parse errors. Empty when it is fine.</summary>
    public static IReadOnlyList<TemplateError> ValidateTemplate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TemplateRenderer.Validate(text);
    }

    /// <summary>
    /// <see cref="ValidateTemplate(string)"/>, and when it parses a trial render against the kind's sample model
    /// (<see cref="TemplateSamples"/>), which finds unknown variables (e.g. <c>{{ kunde.name }}</c>) with their position.
    /// </summary>
    public static IReadOnlyList<TemplateError> ValidateTemplate(TemplateKind kind, TemplateFormat format, string text)
    {
        var errors = ValidateTemplate(text);
        if (errors.Count > 0)
        {
            return errors;
        }

        if (!TemplateKinds.Has(kind, format))
        {
            return [new TemplateError(1, 1, $"{kind} has no {TemplateKinds.FormatName(format)} template.")];
        }

        try
        {
            // A renderer of its own: trial texts never enter the shared cache.
            new TemplateRenderer().Render("validation", 0, text, format, TemplateSamples.Model(kind, TemplateFormatter.German), TemplateFormatter.Culture(TemplateFormatter.German));
            return [];
        }
        catch (TemplateRenderException ex)
        {
            return ex.Errors.Count > 0 ? ex.Errors : [new TemplateError(1, 1, ex.Message)];
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
