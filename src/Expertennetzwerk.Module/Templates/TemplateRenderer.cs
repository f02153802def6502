using System.Collections.Concurrent;
using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Expertennetzwerk.Module.Templates;

/// <summary>
/// Renders Scriban templates in a sandbox: parsed once and cached by (template id, version); strict variables, no
/// relaxed member access, no template loader (no include), loop, recursion and output limits that throw, a time limit,
/// de-DE culture by default; HTML templates encode every expression's output. Models are plain objects, never EF entities.
/// </summary>
internal sealed class TemplateRenderer
{
    /// <summary>Largest template text accepted, in characters.</summary>
    public const int MaxTemplateLength = 64 * 1024;

    /// <summary>
    /// Scriban's builtin functions (string, array, date, html, math …), created once and shared by every render:
    /// building them is about half the cost of a fresh context. Frozen (every builtin object read-only), so no template
    /// can change them for the next render (<c>{{ string.evil = 1 }}</c> fails instead of leaking across renders).
    /// </summary>
    private static readonly ScriptObject Builtins = FrozenBuiltins();

    private readonly ConcurrentDictionary<(string Id, int Version), Template> _cache = new();
    private readonly TemplateRendererOptions _options;

    /// <summary>Creates a renderer.</summary>
    public TemplateRenderer(TemplateRendererOptions? options = null) => _options = options ?? new TemplateRendererOptions();

    /// <summary>Every error in <paramref name="text"/> with line and column; empty when it parses.</summary>
    public static IReadOnlyList<TemplateError> Validate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxTemplateLength)
        {
            return [new TemplateError(1, 1, $"The template is longer than {MaxTemplateLength} characters.")];
        }

        var template = Template.Parse(text);
        return Errors(template);
    }

    /// <summary>
    /// Renders template <paramref name="templateId"/> at <paramref name="version"/> (its <paramref name="text"/> is parsed
    /// only the first time) with <paramref name="model"/>'s public properties as top-level variables.
    /// </summary>
    /// <exception cref="TemplateRenderException">Parse errors, unknown variables, limits, or the render timeout.</exception>
    public string Render(string templateId, int version, string text, TemplateFormat format, object model, CultureInfo? culture = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(model);
        var template = _cache.GetOrAdd((templateId, version), _ => Parse(templateId, text));

        using var timeout = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : new CancellationTokenSource();
        timeout.CancelAfter(_options.RenderTimeout);
        var context = CreateContext(format, timeout.Token);
        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        context.PushGlobal(globals);
        context.PushCulture(culture ?? CultureInfo.GetCultureInfo("de-DE"));
        try
        {
            return template.Render(context);
        }
        catch (ScriptAbortException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Scriban reports the cancelled token as an abort: that is the render timeout.
            throw new TemplateRenderException(templateId, $"rendering took longer than {_options.RenderTimeout.TotalMilliseconds:0} ms", null, ex);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new TemplateRenderException(templateId, ex.OriginalMessage, [new TemplateError(ex.Span.Start.Line + 1, ex.Span.Start.Column + 1, ex.OriginalMessage)], ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TemplateRenderException(templateId, $"rendering took longer than {_options.RenderTimeout.TotalMilliseconds:0} ms", null, ex);
        }
    }

    private TemplateContext CreateContext(TemplateFormat format, CancellationToken cancellationToken)
    {
        TemplateContext context = format == TemplateFormat.Html ? new HtmlEncodingTemplateContext(Builtins) : new TemplateContext(Builtins);
        context.StrictVariables = true;
        context.EnableRelaxedMemberAccess = false;
        context.EnableRelaxedTargetAccess = false;
        context.EnableRelaxedFunctionAccess = false;
        context.EnableRelaxedIndexerAccess = false;
        context.TemplateLoader = null;
        context.LoopLimit = _options.LoopLimit;
        context.RecursiveLimit = _options.RecursiveLimit;
        context.OutputLimit = _options.OutputLimit;
        context.OnOutputLimit = ScriptLimitBehavior.Throw;
        context.LimitToString = _options.OutputLimit;
        context.OnStringLimit = ScriptLimitBehavior.Throw;
        context.ObjectRecursionLimit = 20;
        context.RegexTimeOut = TimeSpan.FromMilliseconds(100);
        context.CancellationToken = cancellationToken;
        context.MemberRenamer = StandardMemberRenamer.Default;
        return context;
    }

    private static ScriptObject FrozenBuiltins()
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        foreach (var member in builtins)
        {
            if (member.Value is ScriptObject functions)
            {
                functions.IsReadOnly = true;
            }
        }

        builtins.IsReadOnly = true;
        return builtins;
    }

    private static Template Parse(string templateId, string text)
    {
        if (text.Length > MaxTemplateLength)
        {
            throw new TemplateRenderException(templateId, $"the template is longer than {MaxTemplateLength} characters");
        }

        var template = Template.Parse(text, templateId);
        if (template.HasErrors)
        {
            var errors = Errors(template);
            throw new TemplateRenderException(templateId, "the template has errors: " + string.Join("; ", errors), errors);
        }

        return template;
    }

    private static IReadOnlyList<TemplateError> Errors(Template template) =>
        template.Messages
            .Where(m => m.Type == ParserMessageType.Error)
            .Select(m => new TemplateError(m.Span.Start.Line + 1, m.Span.Start.Column + 1, m.Message))
            .ToList();
}
