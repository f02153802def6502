using System.Globalization;
using BenchmarkDotNet.Attributes;
using Expertennetzwerk.Module.Benchmarks.Support;
using Expertennetzwerk.Module.Templates;
using Scriban;
using Scriban.Runtime;

namespace Expertennetzwerk.Module.Benchmarks;

/// <summary>
/// Issue 3's goal: rendering the consent declaration (HTML) and the order description (HTML and text) through the
/// module's <see cref="TemplateService"/> (resolution, cached parsed templates, the sandboxed context with its limits,
/// timeout, culture and HTML encoding) at most 1.2× a raw Scriban render of the same template texts and models: parsed
/// once, rendered with a plain <see cref="TemplateContext"/> and a <see cref="ScriptObject"/> importing the model.
/// The models are the realistic samples of <see cref="TemplateSamples"/> (German). No database.
/// </summary>
[BenchJob(JobKind.FastReads)]
[MemoryDiagnoser]
public class TemplateRenderBenchmarks
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    private readonly TemplateService _module = new(new TemplateRenderer(), new TemplateResolver());
    private readonly ConsentDeclarationModel _consent = TemplateSamples.ConsentDeclaration("de", healthData: true);
    private readonly OrderDescriptionModel _order = TemplateSamples.OrderDescription("de");

    private Template _rawConsentHtml = null!;
    private Template _rawOrderHtml = null!;
    private Template _rawOrderText = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rawConsentHtml = ParseRaw(TemplateKind.ConsentDeclaration, TemplateFormat.Html);
        _rawOrderHtml = ParseRaw(TemplateKind.OrderDescription, TemplateFormat.Html);
        _rawOrderText = ParseRaw(TemplateKind.OrderDescription, TemplateFormat.Text);

        // Same template, same model: the plain-text output must be identical, and the HTML may differ only where the
        // module encodes ("Weiß & Söhne" → "Weiß &amp; Söhne").
        var moduleText = ModuleOrderText();
        var rawText = RawOrderText();
        if (moduleText != rawText)
        {
            throw new InvalidOperationException("The module's and the raw order description (text) differ:\n" + moduleText + "\n---\n" + rawText);
        }

        if (ModuleConsentHtml().Replace("&amp;", "&", StringComparison.Ordinal) != RawConsentHtml()
            || ModuleOrderHtml().Replace("&amp;", "&", StringComparison.Ordinal) != RawOrderHtml())
        {
            throw new InvalidOperationException("The module's and the raw HTML renders differ beyond encoding.");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("All three")]
    public int All_RawScriban() => RawConsentHtml().Length + RawOrderHtml().Length + RawOrderText().Length;

    [Benchmark, BenchmarkCategory("All three")]
    public int All_Module() => ModuleConsentHtml().Length + ModuleOrderHtml().Length + ModuleOrderText().Length;

    [Benchmark(Baseline = true), BenchmarkCategory("Consent HTML")]
    public string ConsentHtml_RawScriban() => RawConsentHtml();

    [Benchmark, BenchmarkCategory("Consent HTML")]
    public string ConsentHtml_Module() => ModuleConsentHtml();

    [Benchmark(Baseline = true), BenchmarkCategory("Order HTML")]
    public string OrderHtml_RawScriban() => RawOrderHtml();

    [Benchmark, BenchmarkCategory("Order HTML")]
    public string OrderHtml_Module() => ModuleOrderHtml();

    [Benchmark(Baseline = true), BenchmarkCategory("Order text")]
    public string OrderText_RawScriban() => RawOrderText();

    [Benchmark, BenchmarkCategory("Order text")]
    public string OrderText_Module() => ModuleOrderText();

    private string ModuleConsentHtml() => _module.Render(TemplateKind.ConsentDeclaration, "de", TemplateFormat.Html, _consent).Text;

    private string ModuleOrderHtml() => _module.Render(TemplateKind.OrderDescription, "de", TemplateFormat.Html, _order).Text;

    private string ModuleOrderText() => _module.Render(TemplateKind.OrderDescription, "de", TemplateFormat.Text, _order).Text;

    private string RawConsentHtml() => RenderRaw(_rawConsentHtml, _consent);

    private string RawOrderHtml() => RenderRaw(_rawOrderHtml, _order);

    private string RawOrderText() => RenderRaw(_rawOrderText, _order);

    private static Template ParseRaw(TemplateKind kind, TemplateFormat format)
    {
        var template = Template.Parse(DefaultTemplates.Text(kind, "de", format));
        return template.HasErrors ? throw new InvalidOperationException(string.Join("; ", template.Messages)) : template;
    }

    /// <summary>The baseline: what a host would write with Scriban alone (a fresh context per render, as the module does).</summary>
    private static string RenderRaw(Template template, object model)
    {
        var globals = new ScriptObject();
        globals.Import(model);
        var context = new TemplateContext();
        context.PushGlobal(globals);
        context.PushCulture(German);
        return template.Render(context);
    }
}
