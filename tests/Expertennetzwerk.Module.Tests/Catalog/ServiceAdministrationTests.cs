using System.Text.Json;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Templates;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Catalog;

/// <summary>Saving services: versions, the operator's review, who may do what, and every refusal of a save.</summary>
public sealed class ServiceAdministrationTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    private static ServiceVersionInput Valid(string title = "Bestandsanalyse Gewerbe") => new()
    {
        Title = title,
        Description = "Wir prüfen die Gewerbeversicherungen Ihres Kunden und empfehlen Verbesserungen.",
        RequiredPermission = TradePermission.None,
        PriceCents = 19_900,
        RevenueShareCents = 0,
        FeeKind = FeeKind.Percent,
        FeeValue = 500,
        AcceptWithinBusinessDays = 2,
        CompleteWithinBusinessDays = 15,
        ProgressSteps = ["Unterlagen angefordert", "Analyse läuft"],
        FormDefinitionJson = TestNetwork.OrderForm,
    };

    private static Dictionary<string, string> De(string label) => new() { ["de"] = label, ["en"] = label };

    private static ServiceAdministration Admin(ModuleHost host) => host.Services.GetRequiredService<ServiceAdministration>();

    private static ServiceCatalog Catalog(ModuleHost host) => host.Services.GetRequiredService<ServiceCatalog>();

    private static async Task<int> VersionRowsAsync(ModuleHost host)
    {
        await using var db = host.CreateDbContext();
        return await db.Set<ExpertServiceVersion>().CountAsync();
    }

    private static async Task<Guid> OrderVersionAsync(ModuleHost host, Guid orderId)
    {
        await using var db = host.CreateDbContext();
        return await db.Set<ExpertOrder>().Where(o => o.Id == orderId).Select(o => o.ServiceVersionId).SingleAsync();
    }

    private static async Task<ServiceVersionSaved> PublishNewAsync(ModuleHost host, ServiceVersionInput input)
    {
        var admin = Admin(host);
        var created = (await admin.CreateServiceAsync(host.Network.Expert, host.Network.CategoryId, input)).Value;
        (await admin.SubmitAsync(host.Network.Expert, created.VersionId)).IsOk.Should().BeTrue();
        return (await admin.ApproveAsync(host.Network.Operator, created.VersionId)).Value;
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_edit_is_a_new_version_that_brokers_order_only_after_the_operator_approves_it_while_existing_orders_keep_theirs(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var admin = Admin(host);

        // The expert creates the service: a draft, invisible to brokers, not orderable.
        var v1 = (await admin.CreateServiceAsync(n.Expert, n.CategoryId, Valid())).Value;
        v1.Should().Match<ServiceVersionSaved>(s => s.VersionNumber == 1 && s.Status == ServiceVersionStatus.Draft);
        (await Catalog(host).ListAsync(n.Broker)).Value.Should().NotContain(e => e.ServiceId == v1.ServiceId);
        (await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(v1.ServiceId, "K-1"))).Status.Should().Be(ResultStatus.NotFound);

        // Submitted and approved: it is in the catalogue and a placed order holds version 1.
        (await admin.SubmitAsync(n.Expert, v1.VersionId)).Value.Status.Should().Be(ServiceVersionStatus.PendingApproval);
        (await admin.ApproveAsync(n.Operator, v1.VersionId)).Value.Status.Should().Be(ServiceVersionStatus.Published);
        (await Catalog(host).ListAsync(n.Broker)).Value.Single(e => e.ServiceId == v1.ServiceId)
            .Should().Match<CatalogEntry>(e => e.VersionId == v1.VersionId && e.Title == "Bestandsanalyse Gewerbe" && e.IsOrderable);
        var placed = await host.OrderInAsync("Placed", serviceId: v1.ServiceId);
        (await OrderVersionAsync(host, placed)).Should().Be(v1.VersionId);

        // The expert edits: version 2 is a draft; brokers still see and order version 1.
        var v2 = (await admin.SaveVersionAsync(n.Expert, v1.ServiceId, Valid("Bestandsanalyse Gewerbe (neu)") with { PriceCents = 24_900 })).Value;
        v2.Should().Match<ServiceVersionSaved>(s => s.ServiceId == v1.ServiceId && s.VersionNumber == 2 && s.Status == ServiceVersionStatus.Draft);
        (await Catalog(host).ListAsync(n.Broker)).Value.Single(e => e.ServiceId == v1.ServiceId).VersionId.Should().Be(v1.VersionId);
        var draftBefore = (await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(v1.ServiceId, "K-1"))).Value;
        (await OrderVersionAsync(host, draftBefore.OrderId)).Should().Be(v1.VersionId);

        // Approved: new drafts use version 2, version 1 is superseded, the placed order keeps version 1.
        (await admin.SubmitAsync(n.Expert, v2.VersionId)).IsOk.Should().BeTrue();
        (await admin.ApproveAsync(n.Operator, v2.VersionId)).IsOk.Should().BeTrue();
        var entry = (await Catalog(host).ListAsync(n.Broker)).Value.Single(e => e.ServiceId == v1.ServiceId);
        (entry.VersionId, entry.Title, entry.PriceCents).Should().Be((v2.VersionId, "Bestandsanalyse Gewerbe (neu)", 24_900L));
        var draftAfter = (await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(v1.ServiceId, "K-2"))).Value;
        (await OrderVersionAsync(host, draftAfter.OrderId)).Should().Be(v2.VersionId);
        (await OrderVersionAsync(host, placed)).Should().Be(v1.VersionId, "an order keeps the version it was placed against");
        var placedDetail = (await host.Queries.GetOrderAsync(n.Broker, placed)).Value;
        (placedDetail.ServiceTitle, placedDetail.DataCategoriesJson).Should().Be(
            ("Bestandsanalyse Gewerbe", (await admin.GetVersionAsync(n.Expert, v1.VersionId)).Value.Content.DataCategoriesJson),
            "the order reads its own version's title and data categories");
        (await host.Queries.GetOrderAsync(n.Operator, draftAfter.OrderId)).Value.ServiceTitle.Should().Be(
            "Bestandsanalyse Gewerbe (neu)", "the title is metadata the operator sees without a purpose");
        (await host.Orders.AcceptAsync(n.Expert, placed)).IsOk.Should().BeTrue("the placed order goes on under its version");

        // Version 3 is rejected with a reason: nothing changes for brokers.
        var v3 = (await admin.SaveVersionAsync(n.Expert, v1.ServiceId, Valid("Bestandsanalyse Gewerbe – Sonderpreis") with { PriceCents = 100 })).Value;
        (await admin.SubmitAsync(n.Expert, v3.VersionId)).IsOk.Should().BeTrue();
        (await admin.RejectAsync(n.Operator, v3.VersionId, "Preis nicht kostendeckend")).Value.Status.Should().Be(ServiceVersionStatus.Rejected);
        (await Catalog(host).ListAsync(n.Broker)).Value.Single(e => e.ServiceId == v1.ServiceId).VersionId.Should().Be(v2.VersionId);
        var draftRejected = (await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(v1.ServiceId, "K-1"))).Value;
        (await OrderVersionAsync(host, draftRejected.OrderId)).Should().Be(v2.VersionId, "a rejected version is never ordered");

        var service = (await admin.GetServiceAsync(n.Expert, v1.ServiceId)).Value;
        service.PublishedVersionId.Should().Be(v2.VersionId);
        service.Versions.Select(v => (v.VersionNumber, v.Status)).Should().Equal(
            (3, ServiceVersionStatus.Rejected), (2, ServiceVersionStatus.Published), (1, ServiceVersionStatus.Superseded));
        service.Versions[0].RejectionReason.Should().Be("Preis nicht kostendeckend");
        service.Versions[1].PublishedAt.Should().Be(host.Time.GetUtcNow());

        var detail = (await admin.GetVersionAsync(n.Operator, v2.VersionId)).Value;
        detail.Content.Should().BeEquivalentTo(
            Valid("Bestandsanalyse Gewerbe (neu)") with { PriceCents = 24_900, DataCategoriesJson = "[]", TemplatesJson = "{}" },
            "a version keeps exactly what was saved (no categories and no own templates stored as empty JSON)");
        (await admin.GetVersionAsync(n.Expert, v1.VersionId)).Value.Content.PriceCents.Should().Be(19_900, "versions are immutable");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_service_whose_only_version_was_rejected_is_not_orderable(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var admin = Admin(host);
        var created = (await admin.CreateServiceAsync(n.Expert, n.CategoryId, Valid("Abgelehnte Dienstleistung"))).Value;
        (await admin.SubmitAsync(n.Expert, created.VersionId)).IsOk.Should().BeTrue();

        (await admin.RejectAsync(n.Operator, created.VersionId, "Beschreibung unvollständig")).IsOk.Should().BeTrue();

        (await Catalog(host).ListAsync(n.Broker)).Value.Should().NotContain(e => e.ServiceId == created.ServiceId);
        (await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(created.ServiceId, "K-1"))).Status.Should().Be(ResultStatus.NotFound);
        (await admin.ApproveAsync(n.Operator, created.VersionId)).Refusal!.Code.Should().Be("catalog.version_not_pending", "a rejected version cannot be approved later");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_expert_sees_and_edits_only_its_own_services_brokers_do_not_administer_and_only_the_operator_reviews(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var admin = Admin(host);
        var own = (await admin.CreateServiceAsync(n.Expert, n.CategoryId, Valid("Eigene Dienstleistung"))).Value;
        var foreign = (await admin.CreateServiceAsync(n.OtherExpert, n.CategoryId, Valid("Fremde Dienstleistung"))).Value;
        var rows = await VersionRowsAsync(host);

        // Another expert: NotFound for everything of the service, never a hint that it exists.
        (await admin.SaveVersionAsync(n.OtherExpert, own.ServiceId, Valid())).Status.Should().Be(ResultStatus.NotFound);
        (await admin.SubmitAsync(n.OtherExpert, own.VersionId)).Status.Should().Be(ResultStatus.NotFound);
        (await admin.GetServiceAsync(n.OtherExpert, own.ServiceId)).Status.Should().Be(ResultStatus.NotFound);
        (await admin.GetVersionAsync(n.OtherExpert, own.VersionId)).Status.Should().Be(ResultStatus.NotFound);
        (await admin.SaveVersionAsync(n.Expert, Guid.CreateVersion7(), Valid())).Status.Should().Be(ResultStatus.NotFound);
        (await admin.SaveVersionAsync(n.Expert.InNetwork(Guid.CreateVersion7()), own.ServiceId, Valid())).Status.Should().Be(ResultStatus.Forbidden);
        var mine = (await admin.ListServicesAsync(n.OtherExpert)).Value;
        mine.Select(s => s.ServiceId).Should().Equal(foreign.ServiceId);
        (await admin.ListServicesAsync(n.Expert)).Value.Should().Contain(s => s.ServiceId == own.ServiceId).And.NotContain(s => s.ServiceId == foreign.ServiceId)
            .And.Contain(s => s.ServiceId == n.ServiceId, "the seeded services are the expert's too");

        // Brokers and customers do not administer services at all; experts do not review, the operator does not edit.
        foreach (var outsider in new[] { n.Broker, new Actor(Guid.CreateVersion7(), Guid.CreateVersion7(), PartyKind.Customer, n.NetworkId), n.System })
        {
            (await admin.CreateServiceAsync(outsider, n.CategoryId, Valid())).Refusal!.Code.Should().Be("catalog.actor_not_permitted");
            (await admin.SaveVersionAsync(outsider, own.ServiceId, Valid())).Refusal!.Code.Should().Be("catalog.actor_not_permitted");
            (await admin.ListServicesAsync(outsider)).Status.Should().Be(ResultStatus.Refused);
            (await admin.GetVersionAsync(outsider, own.VersionId)).Status.Should().Be(ResultStatus.Refused);
            (await admin.ApproveAsync(outsider, own.VersionId)).Status.Should().Be(ResultStatus.Refused);
        }

        (await admin.SubmitAsync(n.Expert, own.VersionId)).IsOk.Should().BeTrue();
        (await admin.ApproveAsync(n.Expert, own.VersionId)).Refusal!.Code.Should().Be("catalog.actor_not_permitted");
        (await admin.RejectAsync(n.Expert, own.VersionId, "selbst")).Refusal!.Code.Should().Be("catalog.actor_not_permitted");
        (await admin.SaveVersionAsync(n.Operator, own.ServiceId, Valid())).Refusal!.Code.Should().Be("catalog.actor_not_permitted");
        (await VersionRowsAsync(host)).Should().Be(rows, "nothing refused wrote a version");

        // The operator sees every service and the review queue; the state rules hold.
        (await admin.ListServicesAsync(n.Operator, awaitingReviewOnly: true)).Value.Should().Contain(s => s.ServiceId == own.ServiceId)
            .And.NotContain(s => s.ServiceId == foreign.ServiceId, "the foreign draft was not submitted");
        (await admin.GetServiceAsync(n.Operator, foreign.ServiceId)).IsOk.Should().BeTrue();
        (await admin.ApproveAsync(n.Operator, foreign.VersionId)).Refusal!.Code.Should().Be("catalog.version_not_pending", "a draft must be submitted first");
        (await admin.SubmitAsync(n.Expert, own.VersionId)).Refusal!.Code.Should().Be("catalog.version_not_draft");
        (await admin.RejectAsync(n.Operator, own.VersionId, "  ")).FieldErrors.Should().ContainSingle(e => e.Field == "reason" && e.Code == "required");
        (await admin.RejectAsync(n.Operator, own.VersionId, new string('x', 2_001))).FieldErrors.Should().ContainSingle(e => e.Field == "reason" && e.Code == "too_long");
        (await admin.ApproveAsync(n.Operator, Guid.CreateVersion7())).Status.Should().Be(ResultStatus.NotFound);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_newer_save_supersedes_the_version_still_waiting_for_review(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var admin = Admin(host);
        var v1 = await PublishNewAsync(host, Valid("Zweimal bearbeitet"));
        var v2 = (await admin.SaveVersionAsync(n.Expert, v1.ServiceId, Valid("Zweimal bearbeitet – Fassung 2"))).Value;
        (await admin.SubmitAsync(n.Expert, v2.VersionId)).IsOk.Should().BeTrue();

        var v3 = (await admin.SaveVersionAsync(n.Expert, v1.ServiceId, Valid("Zweimal bearbeitet – Fassung 3"))).Value;

        v3.VersionNumber.Should().Be(3);
        (await admin.ApproveAsync(n.Operator, v2.VersionId)).Refusal!.Code.Should().Be("catalog.version_not_pending", "the operator reviews only the newest edit");
        (await admin.GetServiceAsync(n.Expert, v1.ServiceId)).Value.Versions.Select(v => v.Status).Should().Equal(
            ServiceVersionStatus.Draft, ServiceVersionStatus.Superseded, ServiceVersionStatus.Published);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    public async Task Every_problem_of_a_save_comes_back_at_once_and_nothing_is_written(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var form = new FormDefinition
        {
            Fields =
            [
                new FormField { Key = "name", Labels = De("Name"), Type = FormFieldType.Text },
                new FormField { Key = "name", Labels = De("Name noch einmal"), Type = FormFieldType.Text },
                new FormField { Key = "risiko", Labels = De("Risikoklasse"), Type = FormFieldType.Choice },
                new FormField { Key = "plz", Labels = De("PLZ"), Type = FormFieldType.Text, Pattern = "([0-9]{5}" },
                new FormField { Key = "betrag", Labels = De("Betrag"), Type = FormFieldType.Number, Min = 10, Max = 5 },
            ],
        };
        var categories = JsonSerializer.Serialize(new[] { new { key = "health", labels = De("Gesundheitsangaben"), legalBasis = "consent", dataSubjects = Array.Empty<string>() } });
        var templates = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["OrderDescription:de:text"] = "Auftrag {{ order_number }}\nKunde: {{ kunde.name }}",
            ["OrderDescription:de:html"] = "<p>{{ order_number </p>",
            ["ConsentDeclaration:en:text"] = new string('x', TemplateService.MaxTemplateLength + 1),
            ["Invoice:de:text"] = "Rechnung",
        });
        var input = new ServiceVersionInput
        {
            Title = " ",
            Description = new string('d', ServiceAdministration.MaxDescriptionLength + 1),
            RequiredPermission = (TradePermission)42,
            PriceCents = -1,
            RevenueShareCents = -100,
            FeeKind = FeeKind.Fixed,
            FeeValue = -5,
            AcceptWithinBusinessDays = 0,
            CompleteWithinBusinessDays = 1_000,
            ProgressSteps = ["Analyse", " ", "analyse", new string('s', 201)],
            FormDefinitionJson = form.ToJson(),
            DataCategoriesJson = categories,
            TemplatesJson = templates,
        };
        var rows = await VersionRowsAsync(host);

        var result = await Admin(host).CreateServiceAsync(n.Expert, Guid.CreateVersion7(), input);

        result.Status.Should().Be(ResultStatus.ValidationFailed);
        // A template with parse errors reports each of them (here two), all under its key.
        result.FieldErrors.Count(e => e.Field == "templates.OrderDescription:de:html").Should().Be(2);
        result.FieldErrors.Select(e => (e.Field, e.Code)).Distinct().Should().BeEquivalentTo(new[]
        {
            ("categoryId", "unknown"),
            ("title", "required"),
            ("description", "too_long"),
            ("requiredPermission", "not_allowed"),
            ("priceCents", "out_of_range"),
            ("revenueShareCents", "out_of_range"),
            ("feeValue", "out_of_range"),
            ("acceptWithinBusinessDays", "out_of_range"),
            ("completeWithinBusinessDays", "out_of_range"),
            ("progressSteps[1]", "required"),
            ("progressSteps[2]", "duplicate"),
            ("progressSteps[3]", "too_long"),
            ("formDefinition.fields[1].key", "duplicate_key"),
            ("formDefinition.fields[2].choices", "choices_missing"),
            ("formDefinition.fields[3].pattern", "invalid_pattern"),
            ("formDefinition.fields[4].min", "min_greater_than_max"),
            ("dataCategories[0].dataSubjects", "data_subjects_missing"),
            ("templates.OrderDescription:de:text", "template_error"),
            ("templates.OrderDescription:de:html", "template_error"),
            ("templates.ConsentDeclaration:en:text", "template_too_large"),
            ("templates.Invoice:de:text", "unknown_template_key"),
        });
        result.FieldErrors.Should().OnlyContain(e => e.Text.German.Length > 0 && e.Text.English.Length > 0);
        (await VersionRowsAsync(host)).Should().Be(rows);
    }

    public static TheoryData<string, Func<ServiceVersionInput, ServiceVersionInput>, string, string, string> Refusals() => new()
    {
        { "duplicate form keys", i => i with { FormDefinitionJson = Form(Text("a"), Text("b"), Text("a")) }, "formDefinition.fields[2].key", "duplicate_key", "„a“ kommt mehrfach vor" },
        { "choice without options", i => i with { FormDefinitionJson = Form(Text("a"), new FormField { Key = "wahl", Labels = De("Wahl"), Type = FormFieldType.MultiChoice }) }, "formDefinition.fields[1].choices", "choices_missing", "braucht Optionen" },
        { "min greater than max", i => i with { FormDefinitionJson = Form(new FormField { Key = "text", Labels = De("Text"), Type = FormFieldType.Text, Min = 100, Max = 10 }) }, "formDefinition.fields[0].min", "min_greater_than_max", "größer als das Maximum" },
        { "bad pattern", i => i with { FormDefinitionJson = Form(Text("a"), Text("b"), Text("c"), Text("d") with { Pattern = "[a-z" }) }, "formDefinition.fields[3].pattern", "invalid_pattern", "kein gültiger regulärer Ausdruck" },
        { "form that is no JSON", i => i with { FormDefinitionJson = "{ fields: [" }, "formDefinition", "malformed", "ungültig" },
        { "template parse error", i => i with { TemplatesJson = Templates(("OrderDescription:de:text", "Auftrag {{ order_number }}\n{{ for f in form_fields }}{{ f.label }}")) }, "templates.OrderDescription:de:text", "template_error", "Zeile 2, Spalte" },
        { "template over the size limit", i => i with { TemplatesJson = Templates(("ConsentDeclaration:de:html", new string('x', TemplateService.MaxTemplateLength + 1))) }, "templates.ConsentDeclaration:de:html", "template_too_large", "länger als 65.536 Zeichen" },
        { "unknown template variable", i => i with { TemplatesJson = Templates(("OrderDescription:en:html", "<h1>{{ order_number }}</h1>\n<p>{{ kunde.name }}</p>")) }, "templates.OrderDescription:en:html", "template_error", "Zeile 2, Spalte 7" },
        { "unknown template key", i => i with { TemplatesJson = Templates(("OrderDescription:fr:text", "x")) }, "templates.OrderDescription:fr:text", "unknown_template_key", "Unbekannte Vorlage" },
        { "templates that are no object", i => i with { TemplatesJson = "[\"x\"]" }, "templates", "malformed", "ungültig" },
        { "consent category without data subjects", i => i with { DataCategoriesJson = Categories("consent", []) }, "dataCategories[0].dataSubjects", "data_subjects_missing", "betroffenen Personen" },
        { "health category without data subjects", i => i with { DataCategoriesJson = Categories("explicitHealthConsent", []) }, "dataCategories[0].dataSubjects", "data_subjects_missing", "betroffenen Personen" },
        { "health data with a consent template lacking Art. 9 and § 203", i => i with { DataCategoriesJson = Categories("explicitHealthConsent", ["customer"]), TemplatesJson = Templates(("ConsentDeclaration:de:text", "Ich willige ein: {{ purpose }}")) }, "templates.ConsentDeclaration:de:text", "health_consent_statements_missing", "Art. 9 Abs. 2 lit. a DSGVO" },
        { "negative price", i => i with { PriceCents = -1 }, "priceCents", "out_of_range", "zwischen 0 und" },
        { "fee over 100 %", i => i with { FeeKind = FeeKind.Percent, FeeValue = 10_001 }, "feeValue", "out_of_range", "zwischen 0 und 10000" },
        { "fee without a fee kind", i => i with { FeeKind = FeeKind.None, FeeValue = 100 }, "feeValue", "out_of_range", "zwischen 0 und 0" },
        { "licence the expert does not hold", i => i with { RequiredPermission = TradePermission.Investment34f }, "requiredPermission", "permission_not_held", "Erlaubnis nach GewO" },
        { "duplicate progress steps", i => i with { ProgressSteps = ["Analyse", "Ergebnis", "Analyse "] }, "progressSteps[2]", "duplicate", "gibt es schon" },
        { "twenty-one progress steps", i => i with { ProgressSteps = Enumerable.Range(1, 21).Select(s => $"Schritt {s}").ToList() }, "progressSteps", "too_many", "Höchstens 20" },
        { "title too long", i => i with { Title = new string('t', 201) }, "title", "too_long", "höchstens 200 Zeichen" },
    };

    [SkippableTheory]
    [MemberData(nameof(Refusals))]
    public async Task A_save_is_refused_with_the_field_code_and_text(string name, Func<ServiceVersionInput, ServiceVersionInput> change, string field, string code, string german)
    {
        var host = await hosts.GetAsync(DatabaseKind.Sqlite);
        var admin = Admin(host);
        var rows = await VersionRowsAsync(host);

        var created = await admin.CreateServiceAsync(host.Network.Expert, host.Network.CategoryId, change(Valid()));
        var edited = await admin.SaveVersionAsync(host.Network.Expert, host.Network.ServiceId, change(Valid()));

        foreach (var result in new[] { created, edited })
        {
            result.Status.Should().Be(ResultStatus.ValidationFailed, name);
            result.FieldErrors.Should().ContainSingle(name).Which.Should().Match<FieldError>(e => e.Field == field && e.Code == code);
            result.FieldErrors[0].Text.German.Should().Contain(german);
        }

        (await VersionRowsAsync(host)).Should().Be(rows);
    }

    [Fact]
    public async Task Template_errors_name_line_and_column_in_both_languages()
    {
        var host = await hosts.GetAsync(DatabaseKind.Sqlite);
        var input = Valid() with { TemplatesJson = Templates(("OrderDescription:de:text", "Auftrag {{ order_number }}\nKunde: {{ kunde.name }}")) };

        var error = (await Admin(host).CreateServiceAsync(host.Network.Expert, host.Network.CategoryId, input)).FieldErrors.Single();

        error.Text.German.Should().StartWith("Zeile 2, Spalte 11: ").And.Contain("kunde");
        error.Text.English.Should().StartWith("Line 2, column 11: ");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    public async Task Valid_own_templates_data_categories_and_a_held_licence_are_saved_as_given(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        await using (var db = host.CreateDbContext())
        {
            var expert = await db.Set<Party>().Include(p => p.Registrations).SingleAsync(p => p.Id == n.ExpertPartyId);
            if (!expert.Holds(TradePermission.Insurance34d))
            {
                expert.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.Insurance34d, "D-W-999-EXPT-99"));
                await db.SaveChangesAsync();
            }
        }

        var healthConsent = DefaultTemplates.Text(TemplateKind.ConsentDeclaration, "de", TemplateFormat.Text).Replace("Guten Tag", "Sehr geehrte(r)", StringComparison.Ordinal);
        var templates = Templates(
            ("OrderDescription:de:text", "Auftrag {{ order_number }} für {{ expert.name }}"),
            ("consentdeclaration:de:text", healthConsent));
        var input = Valid("PKV-Tarifwechsel") with
        {
            RequiredPermission = TradePermission.Insurance34d,
            DataCategoriesJson = Categories("explicitHealthConsent", ["customer", "insuredPerson"]),
            TemplatesJson = templates,
        };

        var saved = await Admin(host).CreateServiceAsync(n.Expert, n.CategoryId, input);

        saved.IsOk.Should().BeTrue(saved.ToString());
        var content = (await Admin(host).GetVersionAsync(n.Expert, saved.Value.VersionId)).Value.Content;
        content.TemplatesJson.Should().Be(templates);
        DataSharing.TryParse(content.DataCategoriesJson, out _)!.SharesHealthData.Should().BeTrue();
        content.RequiredPermission.Should().Be(TradePermission.Insurance34d);
    }

    private static FormField Text(string key) => new() { Key = key, Labels = De(key.ToUpperInvariant()), Type = FormFieldType.Text };

    private static string Form(params FormField[] fields) => new FormDefinition { Fields = fields }.ToJson();

    private static string Templates(params (string Key, string Text)[] templates) =>
        JsonSerializer.Serialize(templates.ToDictionary(t => t.Key, t => t.Text));

    private static string Categories(string legalBasis, string[] subjects) =>
        JsonSerializer.Serialize(new[] { new { key = "daten", labels = De("Daten"), legalBasis, dataSubjects = subjects, customerFields = new[] { "email" } } });
}
