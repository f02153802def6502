using System.Text.Json;
using Expertennetzwerk.Module.Templates;

namespace Expertennetzwerk.Module.Tests.Templates;

public class TemplateServiceTests
{
    private const string Payload = "<script>alert('x')</script>";
    private const string Encoded = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;";

    private static readonly Guid VersionId = Guid.Parse("0b7e3c1a-5d2f-4e8a-9c6b-1f2e3d4c5b6a");

    private sealed class HostSource(Dictionary<string, HostTemplate> templates) : ITemplateSource
    {
        public HostTemplate? Find(TemplateKind kind, string language, TemplateFormat format) =>
            templates.GetValueOrDefault(TemplateKinds.Key(kind, language, format));
    }

    private static TemplateService Service(ITemplateSource? host = null) => new(new TemplateRenderer(), new TemplateResolver(host));

    private static string Json(params (string Key, string Text)[] templates) =>
        JsonSerializer.Serialize(templates.ToDictionary(t => t.Key, t => t.Text));

    [Fact]
    public void A_script_from_a_form_field_a_customer_name_and_a_broker_note_is_encoded_in_the_order_description_the_consent_page_and_a_mail()
    {
        var service = Service();
        var order = TemplateSamples.OrderDescription("de") with
        {
            CustomerFields = [new LabeledValue("Name", Payload)],
            FormFields = [new LabeledValue("Anlagebetrag", TemplateFormatter.Money(2_500_000, "de")), new LabeledValue("Bemerkung", Payload)],
            BrokerNote = Payload,
        };
        var consent = TemplateSamples.ConsentDeclaration("de", healthData: true) with { DataSubjectName = Payload, Purpose = Payload };
        var mail = (OrderStateChangedMailModel)TemplateSamples.Model(TemplateKind.MailOrderStateChanged, "de") with { Reason = Payload, RecipientName = Payload };

        var htmls = new[]
        {
            service.Render(TemplateKind.OrderDescription, "de", TemplateFormat.Html, order).Text,
            service.Render(TemplateKind.ConsentDeclaration, "de", TemplateFormat.Html, consent).Text,
            service.RenderMail(TemplateKind.MailOrderStateChanged, "de", mail).Html.Text,
        };

        foreach (var html in htmls)
        {
            html.Should().NotContain("<script").And.Contain(Encoded);
        }

        // Three payloads in the order description (customer name, form field, note), two on the consent page, two in the mail.
        Occurrences(htmls[0], Encoded).Should().Be(3);
        Occurrences(htmls[1], Encoded).Should().BeGreaterThanOrEqualTo(2);
        Occurrences(htmls[2], Encoded).Should().Be(2);

        // Text variants keep it literally: it is text, not markup.
        service.Render(TemplateKind.OrderDescription, "de", TemplateFormat.Text, order).Text.Should().Contain(Payload).And.NotContain("&lt;");
        service.Render(TemplateKind.ConsentDeclaration, "de", TemplateFormat.Text, consent).Text.Should().Contain(Payload);
        service.RenderMail(TemplateKind.MailOrderStateChanged, "de", mail).Text.Text.Should().Contain(Payload);
    }

    [Fact]
    public void An_attribute_cannot_be_broken_out_of()
    {
        var model = (ConsentRequestedMailModel)TemplateSamples.Model(TemplateKind.MailConsentRequested, "de") with { ConsentUrl = "x\" onmouseover=\"alert(1)" };

        var html = Service().RenderMail(TemplateKind.MailConsentRequested, "de", model).Html.Text;

        html.Should().Contain("href=\"x&quot; onmouseover=&quot;alert(1)\"");
    }

    [Fact]
    public void The_service_template_comes_before_the_host_template_which_comes_before_the_default()
    {
        var model = TemplateSamples.OrderDescription("de");
        var host = new HostSource(new()
        {
            ["OrderDescription:de:text"] = new HostTemplate("Host {{ order_number }}", 4),
            ["OrderDescription:de:html"] = new HostTemplate("<p>Host {{ order_number }}</p>", 4),
        });
        var serviceTemplates = new ServiceTemplates(VersionId, 7, Json(("OrderDescription:de:text", "Service {{ order_number }}")));

        var fromService = Service(host).Render(TemplateKind.OrderDescription, "de", TemplateFormat.Text, model, serviceTemplates);
        var fromHost = Service(host).Render(TemplateKind.OrderDescription, "de", TemplateFormat.Html, model, serviceTemplates);
        var fromDefault = Service(host).Render(TemplateKind.OrderDescription, "en", TemplateFormat.Text, TemplateSamples.OrderDescription("en"), serviceTemplates);

        fromService.Should().Be(new RenderedText("Service A-2025-000123", $"service:{VersionId}:OrderDescription:de:text", 7, "de"));
        fromHost.Should().Be(new RenderedText("<p>Host A-2025-000123</p>", "host:OrderDescription:de:html", 4, "de"));
        fromDefault.TemplateId.Should().Be("default:OrderDescription:en:text");
        fromDefault.TemplateVersion.Should().Be(DefaultTemplates.Version);
        fromDefault.Text.Should().StartWith("Order description A-2025-000123");
    }

    [Fact]
    public void Resolution_reports_its_source()
    {
        var host = new HostSource(new() { ["ConsentDeclaration:en:html"] = new HostTemplate("x", 2) });
        var resolver = new TemplateResolver(host);
        var service = new ServiceTemplates(VersionId, 3, Json(("consentdeclaration:DE:HTML", "s")));

        resolver.Resolve(TemplateKind.ConsentDeclaration, "de-DE", TemplateFormat.Html, service).Source.Should().Be(TemplateOrigin.Service);
        resolver.Resolve(TemplateKind.ConsentDeclaration, "en-GB", TemplateFormat.Html, service).Source.Should().Be(TemplateOrigin.Host);
        resolver.Resolve(TemplateKind.ConsentDeclaration, "en-GB", TemplateFormat.Text, service).Should().Match<ResolvedTemplate>(t =>
            t.Source == TemplateOrigin.Default && t.Id == "default:ConsentDeclaration:en:text" && t.Version == DefaultTemplates.Version && t.Language == "en");
    }

    [Fact]
    public void A_changed_service_template_renders_anew_under_the_next_version_number()
    {
        var templates = Service();
        var model = TemplateSamples.OrderDescription("de");

        var v1 = templates.Render(TemplateKind.OrderDescription, "de", TemplateFormat.Text, model, new ServiceTemplates(VersionId, 1, Json(("OrderDescription:de:text", "eins"))));
        var v2 = templates.Render(TemplateKind.OrderDescription, "de", TemplateFormat.Text, model, new ServiceTemplates(VersionId, 2, Json(("OrderDescription:de:text", "zwei"))));

        (v1.Text, v1.TemplateVersion, v2.Text, v2.TemplateVersion).Should().Be(("eins", 1, "zwei", 2));
    }

    [Theory]
    [InlineData(null, "de")]
    [InlineData("", "de")]
    [InlineData("de", "de")]
    [InlineData("de-AT", "de")]
    [InlineData("fr-FR", "de")]
    [InlineData("xx", "de")]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("EN-us", "en")]
    public void German_unless_English(string? culture, string expected)
    {
        var model = TemplateSamples.Model(TemplateKind.MailOrderCompleted, expected);

        var mail = Service().RenderMail(TemplateKind.MailOrderCompleted, culture, model);

        mail.Subject.Culture.Should().Be(expected);
        mail.Subject.TemplateId.Should().Be($"default:MailOrderCompleted:{expected}:subject");
        mail.Text.Text.Should().StartWith(expected == "de" ? "Guten Tag" : "Hello");
    }

    [Fact]
    public void A_subject_is_one_line()
    {
        var serviceTemplates = new ServiceTemplates(VersionId, 1, Json(("MailOrderPlaced:de:subject", "Neuer Auftrag\n  {{ order_number }}\n")));
        var model = TemplateSamples.Model(TemplateKind.MailOrderPlaced, "de");

        Service().Render(TemplateKind.MailOrderPlaced, "de", TemplateFormat.Subject, model, serviceTemplates).Text.Should().Be("Neuer Auftrag A-2025-000123");
    }

    [Fact]
    public void A_model_of_another_kind_or_a_missing_format_is_refused()
    {
        var service = Service();

        var wrongModel = () => service.Render(TemplateKind.ConsentDeclaration, "de", TemplateFormat.Html, TemplateSamples.OrderDescription("de"));
        var noSubject = () => service.Render(TemplateKind.OrderDescription, "de", TemplateFormat.Subject, TemplateSamples.OrderDescription("de"));
        var notAMail = () => service.RenderMail(TemplateKind.OrderDescription, "de", TemplateSamples.OrderDescription("de"));

        wrongModel.Should().Throw<ArgumentException>();
        noSubject.Should().Throw<ArgumentException>();
        notAMail.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Malformed_service_templates_fail_clearly()
    {
        var act = () => Service().Render(TemplateKind.OrderDescription, "de", TemplateFormat.Text, TemplateSamples.OrderDescription("de"), new ServiceTemplates(VersionId, 1, "[1, 2]"));

        act.Should().Throw<TemplateRenderException>().WithMessage("*JSON object*");
    }

    [Fact]
    public void Validating_a_template_returns_every_error_with_line_and_column()
    {
        var errors = TemplateService.ValidateTemplate("Hallo {{ order_number }}\n{{ if x }}\n{{ for }}\n");

        errors.Should().HaveCountGreaterThan(1);
        errors.Should().OnlyContain(e => e.Line >= 1 && e.Column >= 1);
        errors.Should().Contain(e => e.Line >= 2);
        TemplateService.ValidateTemplate("{{ order_number }}").Should().BeEmpty();
    }

    [Fact]
    public void Validating_refuses_a_template_over_the_size_limit()
    {
        var errors = TemplateService.ValidateTemplate(new string('x', TemplateService.MaxTemplateLength + 1));

        errors.Should().ContainSingle().Which.Message.Should().Contain(TemplateService.MaxTemplateLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Validating_for_a_kind_finds_unknown_variables_with_their_position()
    {
        var errors = TemplateService.ValidateTemplate(TemplateKind.OrderDescription, TemplateFormat.Html, "<p>{{ order_number }}</p>\n<p>{{ kunde.name }}</p>");

        errors.Should().ContainSingle().Which.Line.Should().Be(2);
        TemplateService.ValidateTemplate(TemplateKind.OrderDescription, TemplateFormat.Html, "<p>{{ broker.name }}</p>").Should().BeEmpty();
    }

    [Fact]
    public void Validating_a_services_templates_names_the_faulty_key()
    {
        var problems = ServiceTemplates.Validate(Json(("OrderDescription:de:text", "{{ if }}"), ("Rechnung:de:text", "x"), ("ConsentDeclaration:en:html", "<p>{{ purpose }}</p>")));

        problems.Should().Contain(p => p.StartsWith("OrderDescription:de:text (", StringComparison.Ordinal));
        problems.Should().Contain(p => p.StartsWith("Rechnung:de:text: unknown", StringComparison.Ordinal));
        problems.Should().NotContain(p => p.StartsWith("ConsentDeclaration", StringComparison.Ordinal));
        ServiceTemplates.Validate("{}").Should().BeEmpty();
        ServiceTemplates.Validate("nicht json").Should().ContainSingle();
    }

    [Fact]
    public void Every_default_exists_for_every_kind_language_and_format()
    {
        foreach (var kind in TemplateKinds.All)
        {
            foreach (var format in TemplateKinds.Formats(kind))
            {
                DefaultTemplates.Text(kind, "de", format).Should().NotBeNullOrWhiteSpace();
                DefaultTemplates.Text(kind, "en", format).Should().NotBeNullOrWhiteSpace();
            }
        }

        TemplateKinds.Formats(TemplateKind.MailDeadLetter).Should().Equal(TemplateFormat.Subject, TemplateFormat.Text, TemplateFormat.Html);
        TemplateKinds.Formats(TemplateKind.ConsentDeclaration).Should().Equal(TemplateFormat.Text, TemplateFormat.Html);
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
