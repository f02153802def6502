using System.Net;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Tests.Api.Support;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// The expert's service pages over HTTP (no browser), on SQLite and PostgreSQL: the list and the editor answer the
/// expert, the 403 page a broker or the operator, the 404 page another expert for a service not theirs; an edit is saved
/// as a new version prefilled from the newest; bad input answers every error at its field at once (400) with nothing
/// typed lost and nothing saved; hostile templates are refused with their line and column or previewed inert.
/// </summary>
public sealed partial class ServicePagesHandlerTests
{
    private const string Prefix = "/expertennetzwerk/services";

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_expert_lists_creates_and_edits_services_a_broker_and_the_operator_get_403_and_another_expert_404(ApiDatabase database)
    {
        await using var host = await StartAsync(database);
        using var expert = host.Client(ApiActors.AssignedExpert);
        var token = await TokenAsync(expert);

        var list = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(Prefix, UriKind.Relative)));
        list.Should().Contain("Kfz-Flottencheck für Gewerbekunden").And.Contain($"{Prefix}/edit/{DemoIds.ServiceKfzFlotte}")
            .And.NotContain("Weiteranlage", "another expert's service is not listed");

        // The editor of a published service, prefilled from its newest version.
        var editPath = $"{Prefix}/edit/{DemoIds.ServiceKfzFlotte}";
        var editor = await expert.GetStringAsync(new Uri(editPath, UriKind.Relative));
        var fields = FormFields(editor);
        fields["title"].Should().Be("Kfz-Flottencheck für Gewerbekunden");
        fields["price"].Should().Be("149,00");
        fields["f[0].key"].Should().Be("anzahlFahrzeuge");
        fields["f[0].min"].Should().Be("3");
        fields["steps"].Should().Contain("Ausschreibung läuft");
        editor.Should().Contain("data-testid=\"form-preview\"").And.Contain("id=\"enw-f-anzahlFahrzeuge\"", "the preview renders the order form");

        // Adding a field renders the editor again with a new row; nothing is saved.
        var versionsBefore = await VersionCountAsync(host, DemoIds.ServiceKfzFlotte);
        using (var response = await expert.PostAsync(new Uri(editPath, UriKind.Relative), Form(token, fields, ("do", "add"))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var again = FormFields(await response.Content.ReadAsStringAsync());
            again.Should().ContainKey("f[3].key");
            again["f[0].key"].Should().Be("anzahlFahrzeuge");
        }

        // Moving a field down.
        using (var response = await expert.PostAsync(new Uri(editPath, UriKind.Relative), Form(token, fields, ("do", "down:0"))))
        {
            var moved = FormFields(await response.Content.ReadAsStringAsync());
            moved["f[0].key"].Should().Be("aktuellerVersicherer");
            moved["f[1].key"].Should().Be("anzahlFahrzeuge");
        }

        (await VersionCountAsync(host, DemoIds.ServiceKfzFlotte)).Should().Be(versionsBefore);

        // Saving: a new draft version; the published one stays.
        fields["price"] = "159,00";
        using (var response = await expert.PostAsync(new Uri(editPath, UriKind.Relative), Form(token, fields, ("do", "save"))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        }

        var service = await ServiceAsync(host, DemoIds.ServiceKfzFlotte);
        service.Versions.Should().HaveCount(versionsBefore + 1);
        service.Versions[0].Status.Should().Be(ServiceVersionStatus.Draft);
        service.PublishedVersionId.Should().NotBe(service.Versions[0].VersionId);
        var draft = await host.InScopeAsync(async s => (await s.GetRequiredService<ServiceAdministration>().GetVersionAsync(ApiActors.AssignedExpert, service.Versions[0].VersionId)).Value.Content);
        draft.PriceCents.Should().Be(15_900);
        OrderFormFieldsOf(draft).Should().Equal("anzahlFahrzeuge", "aktuellerVersicherer", "hauptfaelligkeit");
        list = WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(Prefix, UriKind.Relative)));
        list.Should().Contain("Entwurf");

        // Submitting the draft from the list.
        using (var response = await expert.PostAsync(new Uri(Prefix + "?handler=Submit", UriKind.Relative), Form(token, new Dictionary<string, string> { ["versionId"] = service.Versions[0].VersionId.ToString() })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        (await ServiceAsync(host, DemoIds.ServiceKfzFlotte)).Versions[0].Status.Should().Be(ServiceVersionStatus.PendingApproval);

        // Rejected by the operator: the list shows the reason, as text.
        var rejected = await host.InScopeAsync(services => services.GetRequiredService<ServiceAdministration>().RejectAsync(ApiActors.Operator, service.Versions[0].VersionId, "Preis <b>begründen</b>"));
        rejected.IsOk.Should().BeTrue(rejected.ToString());
        list = await expert.GetStringAsync(new Uri(Prefix, UriKind.Relative));
        list.Should().Contain("Preis &lt;b&gt;begr&#xFC;nden&lt;/b&gt;");
        WebUtility.HtmlDecode(list).Should().Contain("abgelehnt");
        WebUtility.HtmlDecode(await expert.GetStringAsync(new Uri(editPath, UriKind.Relative))).Should().Contain("data-testid=\"rejection-reason\">Preis <b>begründen</b>");

        // A new service.
        var create = FormFields(await expert.GetStringAsync(new Uri(Prefix + "/edit", UriKind.Relative)));
        create["title"] = "Gewerbe-Check <neu>";
        create["description"] = "Prüfung der gewerblichen Versicherungen.";
        create["categoryId"] = (await host.CategoryAsync()).ToString();
        create["permission"] = "Insurance34d";
        create["price"] = "99";
        create["steps"] = "Unterlagen gesichtet\nBericht geschrieben";
        using (var response = await expert.PostAsync(new Uri(Prefix + "/edit", UriKind.Relative), Form(token, create, ("do", "submit"))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        }

        list = await expert.GetStringAsync(new Uri(Prefix, UriKind.Relative));
        list.Should().Contain("Gewerbe-Check &lt;neu&gt;", "the title is text");
        WebUtility.HtmlDecode(list).Should().Contain("wartet auf Prüfung").And.Contain("noch nicht veröffentlicht");

        // A broker and the operator: 403; another expert: 404 for this expert's service, its own list without it.
        foreach (var actor in new[] { ApiActors.OwningBroker, ApiActors.Operator })
        {
            using var client = host.Client(actor);
            foreach (var path in new[] { Prefix, Prefix + "/edit", editPath })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{actor.PartyKind} {path}");
            }

            (await client.GetStringAsync(new Uri("/expertennetzwerk", UriKind.Relative))).Should().NotContain(Prefix, "only an expert sees the link");
        }

        using var other = host.Client(ApiActors.OtherExpert);
        var otherToken = await TokenAsync(other);
        using (var response = await other.GetAsync(new Uri(editPath, UriKind.Relative)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        var before = await VersionCountAsync(host, DemoIds.ServiceKfzFlotte);
        using (var response = await other.PostAsync(new Uri(editPath, UriKind.Relative), Form(otherToken, fields, ("do", "save"))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        (await VersionCountAsync(host, DemoIds.ServiceKfzFlotte)).Should().Be(before);
        var otherList = WebUtility.HtmlDecode(await other.GetStringAsync(new Uri(Prefix, UriKind.Relative)));
        otherList.Should().Contain("Weiteranlage").And.NotContain("Kfz-Flottencheck");
        (await expert.GetStringAsync(new Uri("/expertennetzwerk", UriKind.Relative))).Should().Contain($"href=\"{Prefix}\"", "the expert's nav links the list");

        // Without the antiforgery token: 400, nothing saved.
        using (var response = await expert.PostAsync(new Uri(editPath, UriKind.Relative), Form(("__RequestVerificationToken", "CfDJ8-tampered"), fields, ("do", "save"))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        (await VersionCountAsync(host, DemoIds.ServiceKfzFlotte)).Should().Be(before);
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Bad_input_answers_every_error_at_its_field_at_once_keeps_what_was_typed_and_saves_nothing(ApiDatabase database)
    {
        await using var host = await StartAsync(database);
        using var expert = host.Client(ApiActors.AssignedExpert);
        var token = await TokenAsync(expert);
        var editPath = $"{Prefix}/edit/{DemoIds.ServiceKfzFlotte}";
        var fields = FormFields(await expert.GetStringAsync(new Uri(editPath, UriKind.Relative)));
        var before = await VersionCountAsync(host, DemoIds.ServiceKfzFlotte);

        fields["price"] = "zwölf Euro";
        fields["acceptDays"] = "zwei";
        fields["completeDays"] = "400";
        fields["f[1].key"] = "anzahlFahrzeuge"; // duplicate of field 0
        fields["f[0].min"] = "50";
        fields["f[0].max"] = "10"; // min > max
        fields["f[2].type"] = "Choice"; // a choice without options
        fields["f[2].labelDe"] = "Hauptfälligkeit <typed>";
        Add(fields, 3, "kennzeichen", "Text", pattern: "([A-Z");
        Add(fields, 4, "anzahl2", "Number", min: "viele");
        fields["templates.OrderDescription:de:text"] = "Auftrag {{ order_number }}\nKunde: {{ kunde.name }}";
        fields["templates.OrderDescription:en:text"] = new string('x', 70_000);
        fields["templates.ConsentDeclaration:de:text"] = "Einwilligung\n{{ if true }}offen";

        using var response = await expert.PostAsync(new Uri(editPath, UriKind.Relative), Form(token, fields, ("do", "save")));
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, html);
        var decoded = WebUtility.HtmlDecode(html);

        ErrorAt(decoded, "price").Should().Contain("Betrag");
        ErrorAt(decoded, "acceptDays").Should().Contain("ganze Zahl");
        ErrorAt(decoded, "completeDays").Should().Contain("365");
        ErrorAt(decoded, "f[1].key").Should().Contain("anzahlFahrzeuge").And.Contain("mehrfach");
        ErrorAt(decoded, "f[0].min").Should().Contain("Minimum ist größer");
        ErrorAt(decoded, "f[2].choices").Should().Contain("Optionen");
        ErrorAt(decoded, "f[3].pattern").Should().Contain("regulärer Ausdruck");
        ErrorAt(decoded, "f[4].min").Should().Contain("Zahl");
        ErrorAt(decoded, "templates.OrderDescription:de:text").Should().Contain("Zeile 2, Spalte").And.Contain("kunde");
        ErrorAt(decoded, "templates.OrderDescription:en:text").Should().Contain("länger als");
        ErrorAt(decoded, "templates.ConsentDeclaration:de:text").Should().MatchRegex("Zeile [0-9]+, Spalte [0-9]+");

        // Nothing typed is lost.
        var again = FormFields(html);
        foreach (var name in new[] { "price", "acceptDays", "completeDays", "f[1].key", "f[0].min", "f[0].max", "f[2].type", "f[2].labelDe", "f[3].pattern", "f[4].min", "templates.OrderDescription:de:text", "templates.ConsentDeclaration:de:text" })
        {
            again[name].Should().Be(fields[name], name);
        }

        again["templates.OrderDescription:en:text"].Should().HaveLength(70_000);
        decoded.Should().Contain("data-testid=\"form-preview-unavailable\"", "no preview of a form with errors");
        (await VersionCountAsync(host, DemoIds.ServiceKfzFlotte)).Should().Be(before, "nothing is saved");

        // The same errors in English.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(editPath, UriKind.Relative)) { Content = Form(token, fields, ("do", "save")) };
        request.Headers.AcceptLanguage.ParseAdd("en-GB");
        using var english = await expert.SendAsync(request);
        english.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var englishHtml = WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync());
        ErrorAt(englishHtml, "templates.OrderDescription:de:text").Should().Contain("Line 2, column");
        ErrorAt(englishHtml, "f[1].key").Should().Contain("more than once");
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Hostile_templates_are_refused_with_their_position_or_previewed_inert(ApiDatabase database)
    {
        await using var host = await StartAsync(database);
        using var expert = host.Client(ApiActors.AssignedExpert);
        var token = await TokenAsync(expert);
        var editPath = $"{Prefix}/edit/{DemoIds.ServiceKfzFlotte}";
        var fields = FormFields(await expert.GetStringAsync(new Uri(editPath, UriKind.Relative)));
        var before = await VersionCountAsync(host, DemoIds.ServiceKfzFlotte);

        // Looping forever, reading a .NET member, reading what the model does not have: each refused at its line.
        var refused = new Dictionary<string, string>
        {
            ["templates.OrderDescription:de:text"] = "Auftrag\n{{ while true }}x{{ end }}",
            ["templates.OrderDescription:en:text"] = "Order\n{{ order_number.get_type }}",
            ["templates.ConsentDeclaration:de:text"] = "{{ environment.machine_name }}",
            ["templates.ConsentDeclaration:en:text"] = "{{ for i in 1..1000000 }}{{ i }}{{ end }}",
        };
        foreach (var (name, text) in refused)
        {
            fields[name] = text;
        }

        foreach (var @do in new[] { "preview", "save" })
        {
            using var response = await expert.PostAsync(new Uri(editPath, UriKind.Relative), Form(token, fields, ("do", @do)));
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            response.StatusCode.Should().Be(@do == "save" ? HttpStatusCode.BadRequest : HttpStatusCode.OK);
            foreach (var name in refused.Keys)
            {
                ErrorAt(html, name).Should().MatchRegex("Zeile [0-9]+, Spalte [0-9]+", $"{name} on {@do}");
            }

            ErrorAt(html, "templates.OrderDescription:de:text").Should().Contain("Zeile 2");
        }

        (await VersionCountAsync(host, DemoIds.ServiceKfzFlotte)).Should().Be(before);

        // Writing HTML: encoded where it is a value, and the template's own markup only inside a frame without scripts.
        foreach (var name in refused.Keys)
        {
            fields.Remove(name);
        }

        fields["templates.OrderDescription:de:html"] = "<p>{{ \"<script>window.__xss=1</script>\" }}</p><script>parent.__xss=2</script>";
        fields["templates.OrderDescription:de:text"] = "{{ \"<b>fett</b>\" }} {{ order_number }}";
        using (var response = await expert.PostAsync(new Uri(editPath, UriKind.Relative), Form(token, fields, ("do", "preview"))))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var html = await response.Content.ReadAsStringAsync();
            var frame = Regex.Match(html, "<iframe[^>]*srcdoc=\"(?<doc>[^\"]*)\"[^>]*>").Value;
            frame.Should().Contain("sandbox=\"allow-same-origin\"").And.NotContain("allow-scripts");
            var document = WebUtility.HtmlDecode(Regex.Match(frame, "srcdoc=\"(?<doc>[^\"]*)\"").Groups["doc"].Value);
            document.Should().Contain("&lt;script&gt;window.__xss=1&lt;/script&gt;", "the value is encoded by the HTML template");
            html.Should().Contain("<pre class=\"enw-text\">&lt;b&gt;fett&lt;/b&gt; A-2025-000123</pre>", "the text preview is text");
            html.Should().NotContain("<script>parent.__xss", "the template's markup is only in the frame's document");
        }
    }

    private static void Add(Dictionary<string, string> fields, int index, string key, string type, string pattern = "", string min = "")
    {
        fields[$"f[{index}].key"] = key;
        fields[$"f[{index}].labelDe"] = key;
        fields[$"f[{index}].type"] = type;
        fields[$"f[{index}].pattern"] = pattern;
        fields[$"f[{index}].min"] = min;
    }

    private static async Task<ApiHost> StartAsync(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }

        return await ApiHost.StartAsync(database);
    }

    private static Task<AdministeredService> ServiceAsync(ApiHost host, Guid serviceId) =>
        host.InScopeAsync(async services => (await services.GetRequiredService<ServiceAdministration>().GetServiceAsync(ApiActors.AssignedExpert, serviceId)).Value);

    private static async Task<int> VersionCountAsync(ApiHost host, Guid serviceId) => (await ServiceAsync(host, serviceId)).Versions.Count;

    private static IEnumerable<string> OrderFormFieldsOf(ServiceVersionInput content) =>
        Module.Forms.FormDefinition.TryParse(content.FormDefinitionJson, out _)!.Fields.Select(f => f.Key);

    /// <summary>The errors shown at the input named <paramref name="name"/> (the editor's error slot of that field).</summary>
    private static string ErrorAt(string decodedHtml, string name)
    {
        var match = Regex.Match(decodedHtml, "data-error-for=\"" + Regex.Escape(name) + "\">(?<e>.*?)</span></span>|data-error-for=\"" + Regex.Escape(name) + "\"></span>", RegexOptions.Singleline);
        match.Success.Should().BeTrue("the page has an error slot for {0}", name);
        return Regex.Replace(match.Groups["e"].Value, "<[^>]+>", " ");
    }

    /// <summary>The editor's inputs as a browser would post them (the preview's disabled inputs and the buttons left out).</summary>
    internal static Dictionary<string, string> FormFields(string html)
    {
        var form = Regex.Match(html, "<form method=\"post\"[^>]*class=\"enw-service-editor\".*?</form>", RegexOptions.Singleline).Value;
        form.Should().NotBeEmpty("the page has the editor: {0}", html.Length > 3000 ? html[..3000] : html);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in Regex.Matches(form, "<input [^>]*>"))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            if (name is null || name == "__RequestVerificationToken" || name.StartsWith("formData.", StringComparison.Ordinal) || (tag.Contains("type=\"checkbox\"", StringComparison.Ordinal) && !tag.Contains("checked", StringComparison.Ordinal)))
            {
                continue;
            }

            fields[name] = Attribute(tag, "value") ?? string.Empty;
        }

        foreach (Match area in Regex.Matches(form, "<textarea [^>]*name=\"(?<name>[^\"]+)\"[^>]*>(?<text>.*?)</textarea>", RegexOptions.Singleline).Where(m => !m.Groups["name"].Value.StartsWith("formData.", StringComparison.Ordinal)))
        {
            // A textarea drops one leading newline; Razor writes none.
            fields[WebUtility.HtmlDecode(area.Groups["name"].Value)] = WebUtility.HtmlDecode(area.Groups["text"].Value);
        }

        foreach (Match select in Regex.Matches(form, "<select [^>]*name=\"(?<name>[^\"]+)\"[^>]*>(?<options>.*?)</select>", RegexOptions.Singleline).Where(m => !m.Groups["name"].Value.StartsWith("formData.", StringComparison.Ordinal)))
        {
            var selected = Regex.Match(select.Groups["options"].Value, "<option value=\"(?<v>[^\"]*)\" selected=\"selected\"");
            var first = Regex.Match(select.Groups["options"].Value, "<option value=\"(?<v>[^\"]*)\"");
            fields[WebUtility.HtmlDecode(select.Groups["name"].Value)] = WebUtility.HtmlDecode((selected.Success ? selected : first).Groups["v"].Value);
        }

        return fields;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, " " + name + "=\"(?<v>[^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups["v"].Value) : null;
    }

    private static FormUrlEncodedContent Form((string Name, string Value) token, IReadOnlyDictionary<string, string> fields, params (string Name, string Value)[] more) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Concat(more.Select(m => new KeyValuePair<string, string>(m.Name, m.Value)))
            .Append(new KeyValuePair<string, string>(token.Name, token.Value)));

    private static async Task<(string Name, string Value)> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(new Uri("/demo", UriKind.Relative));
        var match = AntiforgeryField().Match(html);
        match.Success.Should().BeTrue("the demo page has forms with the antiforgery token");
        return (match.Groups["name"].Value, match.Groups["value"].Value);
    }

    [GeneratedRegex("<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
