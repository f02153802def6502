using System.Net;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.SampleHost.Tests.Api.Support;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>The review page marks each difference per item: texts, terms, form fields by key, templates by key with their lines.</summary>
public sealed partial class OperatorPagesHandlerTests
{
    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_review_marks_each_changed_added_and_removed_item_and_the_changed_lines_within_it(ApiDatabase database)
    {
        await using var host = await StartAsync(database);
        var versionId = await host.InScopeAsync(async services =>
        {
            var administration = services.GetRequiredService<ServiceAdministration>();
            var service = (await administration.GetServiceAsync(ApiActors.AssignedExpert, ApiActors.Service)).Value;
            var first = (await administration.GetVersionAsync(ApiActors.AssignedExpert, service.PublishedVersionId!.Value)).Value.Content;

            // Published first: a version with two templates of its own.
            var withTemplates = await administration.SaveVersionAsync(ApiActors.AssignedExpert, ApiActors.Service, first with
            {
                TemplatesJson = """{"MailOrderStateChanged:de:subject": "Auftrag geändert", "MailOrderStateChanged:en:subject": "Order changed"}""",
            });
            withTemplates.IsOk.Should().BeTrue(withTemplates.ToString());
            (await administration.SubmitAsync(ApiActors.AssignedExpert, withTemplates.Value.VersionId)).IsOk.Should().BeTrue();
            (await administration.ApproveAsync(ApiActors.Operator, withTemplates.Value.VersionId)).IsOk.Should().BeTrue();
            var published = (await administration.GetVersionAsync(ApiActors.AssignedExpert, withTemplates.Value.VersionId)).Value.Content;

            // The proposal: the price, one description line, a step, a field added, one changed, one removed, a template
            // changed, one removed and one added.
            var form = FormDefinition.TryParse(published.FormDefinitionJson, out _)!;
            var fields = form.Fields.ToList();
            fields.Should().HaveCountGreaterThanOrEqualTo(3);
            var removed = fields[^1].Key;
            var changed = fields[0].Key;
            fields[0] = fields[0] with { Labels = new Dictionary<string, string>(fields[0].Labels) { ["de"] = "Anzahl der Fahrzeuge (neu)" } };
            fields.RemoveAt(fields.Count - 1);
            fields.Add(new FormField { Key = "flottenrabatt", Labels = new Dictionary<string, string> { ["de"] = "Flottenrabatt", ["en"] = "Fleet discount" }, Type = FormFieldType.Text });
            var proposal = published with
            {
                PriceCents = published.PriceCents + 1_000,
                Description = published.Description + "\nNeu: mit Fahrerschulung.",
                ProgressSteps = [.. published.ProgressSteps!, "Entscheidungsvorlage übergeben"],
                FormDefinitionJson = (form with { Fields = fields }).ToJson(),
                TemplatesJson = """{"MailOrderStateChanged:de:subject": "Auftrag {{ order_number }} geändert", "MailOrderStateChanged:de:text": "Neu\nZweite Zeile"}""",
            };
            var saved = await administration.SaveVersionAsync(ApiActors.AssignedExpert, ApiActors.Service, proposal);
            saved.IsOk.Should().BeTrue(saved.ToString());
            (await administration.SubmitAsync(ApiActors.AssignedExpert, saved.Value.VersionId)).IsOk.Should().BeTrue();
            return (saved.Value.VersionId, changed, removed);
        });

        using var operatorClient = host.Client(ApiActors.Operator);
        var html = WebUtility.HtmlDecode(await operatorClient.GetStringAsync(new Uri($"{Prefix}/reviews/{versionId.VersionId}", UriKind.Relative)));
        string Status(string label) => Regex.Match(Row(html, label), "data-status=\"(?<s>[a-z]+)\"").Groups["s"].Value;

        Status("Titel").Should().Be("unchanged");
        Status("Beschreibung").Should().Be("changed");
        Row(html, "Beschreibung").Should().Contain("<ins>Neu: mit Fahrerschulung.</ins>").And.NotContain("<del>", "only a line was added");
        Status("Preis").Should().Be("changed");
        Status("Fristen").Should().Be("unchanged");
        Row(html, "Erforderliche Erlaubnis").Should().Contain("§ 34d", "the permission reads as the editor offers it, not as a code").And.NotContain("Insurance34d");
        Row(html, "Entgelt der Netzwerkorganisation").Should().Contain("fester Betrag").And.Contain("€").And.NotContain("Fixed");
        Status("Fortschrittsschritte").Should().Be("changed");
        Row(html, "Fortschrittsschritte").Should().Contain("<ins>Entscheidungsvorlage übergeben</ins>").And.Contain("Schadenverlauf angefordert\n").And.NotContain("<ins>Schadenverlauf");

        Status($"Feld „{versionId.changed}“").Should().Be("changed");
        Row(html, $"Feld „{versionId.changed}“").Should().Contain("Anzahl der Fahrzeuge (neu)").And.Contain("<del>");
        Status($"Feld „{versionId.removed}“").Should().Be("removed");
        Status("Feld „flottenrabatt“").Should().Be("added");
        Row(html, "Feld „flottenrabatt“").Should().Contain("<ins>").And.Contain("Fleet discount").And.Contain("neu</span>");
        Status("Feld „aktuellerVersicherer“").Should().Be("unchanged", "a field nobody touched is not marked");

        Status("Vorlage „MailOrderStateChanged:de:subject“").Should().Be("changed");
        Row(html, "Vorlage „MailOrderStateChanged:de:subject“").Should().Contain("<del>Auftrag geändert</del>").And.Contain("<ins>Auftrag {{ order_number }} geändert</ins>");
        Status("Vorlage „MailOrderStateChanged:de:text“").Should().Be("added");
        Row(html, "Vorlage „MailOrderStateChanged:de:text“").Should().Contain("<ins>Neu</ins>").And.Contain("<ins>Zweite Zeile</ins>");
        Status("Vorlage „MailOrderStateChanged:en:subject“").Should().Be("removed");
        Row(html, "Vorlage „MailOrderStateChanged:en:subject“").Should().Contain("<del>Order changed</del>").And.Contain("entfernt</span>");

        html.Should().Contain("data-testid=\"review-summary\">9 Angabe(n)");
    }
}
