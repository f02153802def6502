using Expertennetzwerk.Module.Templates;

namespace Expertennetzwerk.Module.Tests.Templates;

public class TemplateRendererTests
{
    private const string Payload = "<script>alert('x')</script>";
    private readonly TemplateRenderer _renderer = new();

    private sealed record Customer(string Name);

    private sealed record Model(Customer Customer, string Note, decimal Amount);

    [Fact]
    public void Html_templates_encode_every_expression_but_keep_their_own_markup()
    {
        var html = _renderer.Render("t", 1, "<p>{{ customer.name }}</p><p>{{ note }}</p>", TemplateFormat.Html, new Model(new Customer(Payload), "a & b", 1m));

        html.Should().Be("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p><p>a &amp; b</p>");
    }

    [Fact]
    public void Text_templates_write_expressions_as_they_are_in_german_culture()
    {
        var text = _renderer.Render("t", 1, "{{ customer.name }}: {{ amount }}", TemplateFormat.Text, new Model(new Customer("Öztürk"), "", 1234.5m));

        text.Should().Be("Öztürk: 1234,5");
    }

    [Fact]
    public void Parse_errors_come_back_with_line_and_column()
    {
        var errors = TemplateRenderer.Validate("Hallo\n{{ if x }}\nohne Ende");

        errors.Should().NotBeEmpty();
        errors[0].Line.Should().BeGreaterThan(1);
        errors[0].Column.Should().BeGreaterThan(0);
        TemplateRenderer.Validate("{{ customer.name }}").Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_variable_fails_clearly_with_its_position()
    {
        var act = () => _renderer.Render("t", 1, "Hallo\n{{ kunde.name }}", TemplateFormat.Text, new Model(new Customer("A"), "", 0));

        act.Should().Throw<TemplateRenderException>().Which.Errors.Should().ContainSingle(e => e.Line == 2);
    }

    [Theory]
    [InlineData("{{ for i in 1..100000 }}x{{ end }}")]
    [InlineData("{{ func f(n); ret f(n + 1); end; f(1) }}")]
    [InlineData("{{ s = 'xxxxxxxxxx'; for i in 1..900; s = s + s; end; s }}")]
    [InlineData("{{ while true; end }}")]
    public void Hostile_templates_fail_and_never_hang(string text)
    {
        var renderer = new TemplateRenderer(new TemplateRendererOptions { RenderTimeout = TimeSpan.FromSeconds(1) });

        var act = () => renderer.Render("hostile", 1, text, TemplateFormat.Text, new Model(new Customer("A"), "", 0));

        act.Should().Throw<TemplateRenderException>();
    }

    [Fact]
    public void A_render_past_the_timeout_says_so()
    {
        var renderer = new TemplateRenderer(new TemplateRendererOptions { RenderTimeout = TimeSpan.FromMilliseconds(1), LoopLimit = int.MaxValue });

        var act = () => renderer.Render("slow", 1, "{{ for i in 1..100000000 }}{{ end }}", TemplateFormat.Text, new Model(new Customer("A"), "", 0));

        act.Should().Throw<TemplateRenderException>().WithMessage("*took longer than 1 ms*");
    }

    [Fact]
    public void The_default_render_timeout_leaves_room_for_a_busy_machine() =>
        new TemplateRendererOptions().RenderTimeout.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(10), "a shipped template's render passed 2 s under load");

    [Fact]
    public void Includes_are_not_possible()
    {
        var act = () => _renderer.Render("t", 1, "{{ include 'etc/passwd' }}", TemplateFormat.Text, new Model(new Customer("A"), "", 0));

        act.Should().Throw<TemplateRenderException>();
    }

    [Fact]
    public void A_template_is_parsed_once_per_id_and_version()
    {
        _renderer.Render("cached", 1, "eins", TemplateFormat.Text, new Model(new Customer("A"), "", 0)).Should().Be("eins");
        _renderer.Render("cached", 1, "zwei", TemplateFormat.Text, new Model(new Customer("A"), "", 0)).Should().Be("eins");
        _renderer.Render("cached", 2, "zwei", TemplateFormat.Text, new Model(new Customer("A"), "", 0)).Should().Be("zwei");
    }
}
