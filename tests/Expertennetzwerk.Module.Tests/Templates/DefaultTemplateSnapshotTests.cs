using Expertennetzwerk.Module.Templates;

namespace Expertennetzwerk.Module.Tests.Templates;

/// <summary>Every default template in both languages, rendered with realistic data, against its approved file.</summary>
public class DefaultTemplateSnapshotTests
{
    private readonly TemplateService _service = new(new TemplateRenderer(), new TemplateResolver());

    public static TheoryData<TemplateKind, string, TemplateFormat> Defaults()
    {
        var data = new TheoryData<TemplateKind, string, TemplateFormat>();
        foreach (var kind in TemplateKinds.All)
        {
            foreach (var language in new[] { "de", "en" })
            {
                foreach (var format in TemplateKinds.Formats(kind))
                {
                    data.Add(kind, language, format);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Every_default_renders_as_approved(TemplateKind kind, string language, TemplateFormat format)
    {
        var rendered = _service.Render(kind, language, format, TemplateSamples.Model(kind, language));

        rendered.TemplateId.Should().Be($"default:{kind}:{language}:{TemplateKinds.FormatName(format)}");
        rendered.TemplateVersion.Should().Be(DefaultTemplates.Version);
        rendered.Culture.Should().Be(language);
        Approved.Verify($"{kind}.{language}.{Extension(format)}", rendered.Text);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    public void The_consent_without_health_data_has_neither_the_art_9_nor_the_203_statement(string language)
    {
        var model = TemplateSamples.ConsentDeclaration(language, healthData: false);

        foreach (var format in new[] { TemplateFormat.Text, TemplateFormat.Html })
        {
            var text = _service.Render(TemplateKind.ConsentDeclaration, language, format, model).Text;
            Approved.Verify($"ConsentDeclaration.NoHealthData.{language}.{Extension(format)}", text);
            text.Should().NotContain("Art. 9").And.NotContain("203");
        }
    }

    [Fact]
    public void Every_default_template_is_valid_and_uses_only_its_model()
    {
        foreach (var kind in TemplateKinds.All)
        {
            foreach (var language in new[] { "de", "en" })
            {
                foreach (var format in TemplateKinds.Formats(kind))
                {
                    TemplateService.ValidateTemplate(kind, format, DefaultTemplates.Text(kind, language, format))
                        .Should().BeEmpty($"{kind}:{language}:{format} should be valid");
                }
            }
        }
    }

    private static string Extension(TemplateFormat format) => format switch
    {
        TemplateFormat.Html => "html",
        TemplateFormat.Subject => "subject.txt",
        _ => "txt",
    };
}
