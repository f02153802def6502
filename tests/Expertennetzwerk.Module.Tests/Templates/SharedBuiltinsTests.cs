using Expertennetzwerk.Module.Templates;

namespace Expertennetzwerk.Module.Tests.Templates;

/// <summary>Every render shares one frozen set of Scriban's builtin functions (for speed): no template can change it for others.</summary>
public class SharedBuiltinsTests
{
    private sealed record Model(string Name);

    [Theory]
    [InlineData("{{ string.evil = 'x' }}")]
    [InlineData("{{ string.upcase = 'x' }}")]
    [InlineData("{{ math.abs = 3 }}")]
    [InlineData("{{ date.format = '%Y' }}")]
    public void A_template_cannot_change_the_builtins_of_later_renders(string hostile)
    {
        var renderer = new TemplateRenderer();

        var act = () => renderer.Render("hostile", 1, hostile, TemplateFormat.Text, new Model("x"));

        act.Should().Throw<TemplateRenderException>();
        new TemplateRenderer().Render("after", 1, "{{ name | string.upcase }} {{ -3 | math.abs }}", TemplateFormat.Text, new Model("köhler"))
            .Should().Be("KÖHLER 3");
        var probe = () => new TemplateRenderer().Render("probe", 1, "{{ string.evil }}", TemplateFormat.Text, new Model("x"));
        probe.Should().Throw<TemplateRenderException>("nothing was added to the string functions");
    }

    [Fact]
    public void A_variable_named_like_a_builtin_stays_in_its_own_render()
    {
        var renderer = new TemplateRenderer();

        renderer.Render("shadow", 1, "{{ string = 1 }}{{ string }}", TemplateFormat.Text, new Model("x")).Should().Be("1");

        renderer.Render("next", 1, "{{ name | string.size }}", TemplateFormat.Text, new Model("vier")).Should().Be("4");
    }

    [Fact]
    public async Task Concurrent_renders_each_see_their_own_model()
    {
        var renderer = new TemplateRenderer();
        var service = new TemplateService(renderer, new TemplateResolver());

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            var model = TemplateSamples.OrderDescription("de") with { OrderNumber = $"A-2025-{i:D6}", BrokerNote = $"<b>{i}</b>" };
            return (i, Html: service.Render(TemplateKind.OrderDescription, "de", TemplateFormat.Html, model).Text,
                Text: service.Render(TemplateKind.OrderDescription, "de", TemplateFormat.Text, model).Text);
        })));

        foreach (var (i, html, text) in results)
        {
            html.Should().Contain($"A-2025-{i:D6}").And.Contain($"&lt;b&gt;{i}&lt;/b&gt;").And.NotContain("<b>");
            text.Should().Contain($"A-2025-{i:D6}").And.Contain($"<b>{i}</b>");
        }
    }
}
