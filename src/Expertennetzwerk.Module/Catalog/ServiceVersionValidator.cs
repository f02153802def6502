using System.Text.Json;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Templates;

namespace Expertennetzwerk.Module.Catalog;

/// <summary>
/// Checks a <see cref="ServiceVersionInput"/> before it is saved and returns every problem at once: plain fields, the
/// order form (<see cref="FormDefinition.Check"/>, paths <c>formDefinition.fields[3].pattern</c>), the data categories
/// (<see cref="DataSharing.Check"/>) and the service's own templates (each parsed and trial-rendered against the kind's
/// sample model, errors with line and column under <c>templates.ConsentDeclaration:de:html</c>).
/// </summary>
internal static class ServiceVersionValidator
{
    /// <summary>Largest form definition, data categories or templates JSON accepted, in characters.</summary>
    public const int MaxJsonLength = 512 * 1024;

    /// <summary>Most progress steps.</summary>
    public const int MaxProgressSteps = 20;

    /// <summary>Longest progress step.</summary>
    public const int MaxProgressStepLength = 200;

    /// <summary>The stored progress steps' column holds at most this many characters of JSON.</summary>
    private const int MaxProgressStepsJsonLength = 4_000;

    /// <summary>
    /// Every problem of <paramref name="input"/>; <paramref name="expert"/> (the offering party, with its registrations)
    /// must hold the permission the version requires.
    /// </summary>
    public static List<FieldError> Validate(ServiceVersionInput input, Party? expert)
    {
        var errors = new List<FieldError>();
        InputText.Required(input.Title, "title", ServiceAdministration.MaxTitleLength, errors, singleLine: true);
        InputText.Required(input.Description, "description", ServiceAdministration.MaxDescriptionLength, errors);

        if (!Enum.IsDefined(input.RequiredPermission))
        {
            errors.Add(InputErrors.NotAllowed("requiredPermission"));
        }
        else if (expert is not null && !expert.Holds(input.RequiredPermission))
        {
            errors.Add(new FieldError("requiredPermission", "permission_not_held", new LocalizedText(
                "Ihre Firma hat diese Erlaubnis nach GewO nicht hinterlegt; eine Dienstleistung kann nur mit einer eigenen Erlaubnis angeboten werden.",
                "Your firm has not registered this trade licence (GewO); a service can only be offered under a licence you hold.")));
        }

        Amount(input.PriceCents, "priceCents", errors);
        Amount(input.RevenueShareCents, "revenueShareCents", errors);
        Fee(input.FeeKind, input.FeeValue, errors);
        Range(input.AcceptWithinBusinessDays, "acceptWithinBusinessDays", 1, 30, errors);
        Range(input.CompleteWithinBusinessDays, "completeWithinBusinessDays", 1, 365, errors);
        ProgressSteps(input.ProgressSteps, errors);

        Form(input.FormDefinitionJson, errors);
        var sharing = DataCategories(input.DataCategoriesJson, errors);
        Templates(input.TemplatesJson, sharing, errors);
        return errors;
    }

    /// <summary>The progress steps as stored: trimmed.</summary>
    public static IReadOnlyList<string> NormaliseSteps(IReadOnlyList<string>? steps) =>
        steps is null ? [] : steps.Select(InputText.Trim).ToList();

    private static void Amount(long cents, string field, List<FieldError> errors) =>
        Range(cents, field, 0, ServiceAdministration.MaxAmountCents, errors);

    private static void Range(long value, string field, long min, long max, List<FieldError> errors)
    {
        if (value < min || value > max)
        {
            errors.Add(InputErrors.OutOfRange(field, min, max));
        }
    }

    private static void Fee(FeeKind kind, long value, List<FieldError> errors)
    {
        switch (kind)
        {
            case FeeKind.None:
                Range(value, "feeValue", 0, 0, errors);
                break;
            case FeeKind.Fixed:
                Amount(value, "feeValue", errors);
                break;
            case FeeKind.Percent:
                Range(value, "feeValue", 0, 10_000, errors);
                break;
            default:
                errors.Add(InputErrors.NotAllowed("feeKind"));
                break;
        }
    }

    private static void ProgressSteps(IReadOnlyList<string>? steps, List<FieldError> errors)
    {
        if (steps is null)
        {
            return;
        }

        if (steps.Count > MaxProgressSteps)
        {
            errors.Add(new FieldError("progressSteps", "too_many", new LocalizedText(
                $"Höchstens {MaxProgressSteps} Bearbeitungsschritte.", $"At most {MaxProgressSteps} progress steps.")));
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < steps.Count; i++)
        {
            var at = $"progressSteps[{i}]";
            if (InputText.Check(steps[i], at, MaxProgressStepLength, required: true, singleLine: true, out var step) is { } error)
            {
                errors.Add(error);
            }
            else if (!seen.Add(step!))
            {
                errors.Add(new FieldError(at, "duplicate", new LocalizedText(
                    $"Den Bearbeitungsschritt „{step}“ gibt es schon.", $"The progress step '{step}' occurs more than once.")));
            }
        }

        if (JsonSerializer.Serialize(NormaliseSteps(steps)).Length > MaxProgressStepsJsonLength)
        {
            errors.Add(new FieldError("progressSteps", "too_long", new LocalizedText(
                "Die Bearbeitungsschritte sind zusammen zu lang.", "The progress steps are too long together.")));
        }
    }

    private static void Form(string? json, List<FieldError> errors)
    {
        if (json is { Length: > MaxJsonLength })
        {
            errors.Add(InputErrors.TooLong("formDefinition", MaxJsonLength));
            return;
        }

        var form = FormDefinition.TryParse(json, out var parseErrors);
        if (form is null)
        {
            errors.AddRange(parseErrors);
            return;
        }

        if (form.Fields is null || form.Sections is null || form.Fields.Any(f => f is null) || form.Sections.Any(s => s is null))
        {
            errors.Add(InputErrors.Malformed("formDefinition"));
            return;
        }

        for (var i = 0; i < form.Fields.Count; i++)
        {
            if (!Enum.IsDefined(form.Fields[i].Type))
            {
                errors.Add(InputErrors.NotAllowed($"formDefinition.fields[{i}].type"));
            }
        }

        errors.AddRange(form.Check().Select(e => e with { Field = "formDefinition." + e.Field }));
    }

    private static DataSharing? DataCategories(string? json, List<FieldError> errors)
    {
        if (json is { Length: > MaxJsonLength })
        {
            errors.Add(InputErrors.TooLong("dataCategories", MaxJsonLength));
            return null;
        }

        var sharing = DataSharing.TryParse(json, out var parseErrors);
        if (sharing is null)
        {
            errors.AddRange(parseErrors);
            return null;
        }

        if (sharing.Categories.Any(c => c is null))
        {
            errors.Add(InputErrors.Malformed("dataCategories"));
            return null;
        }

        errors.AddRange(sharing.Check());
        for (var i = 0; i < sharing.Categories.Count; i++)
        {
            var category = sharing.Categories[i];
            var at = $"dataCategories[{i}]";
            if (!Enum.IsDefined(category.LegalBasis))
            {
                errors.Add(InputErrors.NotAllowed(at + ".legalBasis"));
            }

            if (category.DataSubjects is { } subjects && subjects.Any(s => !Enum.IsDefined(s)))
            {
                errors.Add(InputErrors.NotAllowed(at + ".dataSubjects"));
            }

            if (category.CustomerFields is null || category.CustomerFields.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add(InputErrors.Malformed(at + ".customerFields"));
            }
        }

        return sharing;
    }

    private static void Templates(string? json, DataSharing? sharing, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return;
        }

        if (json.Length > MaxJsonLength)
        {
            errors.Add(InputErrors.TooLong("templates", MaxJsonLength));
            return;
        }

        using var document = InputJson.Parse(json, "templates", errors, errorsPerTopLevelKey: true);
        if (document is not null)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(InputErrors.Malformed("templates"));
                return;
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var key = Key(property.Name);
                var at = "templates." + (key?.Name ?? property.Name);
                if (key is not { } k)
                {
                    errors.Add(new FieldError(at, "unknown_template_key", new LocalizedText(
                        "Unbekannte Vorlage: erwartet Art:Sprache:Format, z. B. ConsentDeclaration:de:html.",
                        "Unknown template: expected kind:language:format, e.g. ConsentDeclaration:de:html.")));
                    continue;
                }

                if (!seen.Add(k.Name))
                {
                    errors.Add(new FieldError(at, "duplicate_template_key", new LocalizedText(
                        "Diese Vorlage ist mehrfach angegeben.", "This template is given more than once.")));
                    continue;
                }

                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    errors.Add(InputErrors.Malformed(at));
                    continue;
                }

                var text = property.Value.GetString()!;
                Template(at, k, text, sharing, errors);
            }
        }
    }

    private static void Template(string at, TemplateKey key, string text, DataSharing? sharing, List<FieldError> errors)
    {
        if (text.Length > TemplateService.MaxTemplateLength)
        {
            errors.Add(new FieldError(at, "template_too_large", new LocalizedText(
                $"Die Vorlage ist länger als {TemplateService.MaxTemplateLength:N0} Zeichen.".Replace(",", ".", StringComparison.Ordinal),
                $"The template is longer than {TemplateService.MaxTemplateLength:N0} characters.")));
            return;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(InputErrors.Required(at));
            return;
        }

        var problems = TemplateService.ValidateTemplate(key.Kind, key.Format, text);
        foreach (var problem in problems)
        {
            errors.Add(new FieldError(at, "template_error", new LocalizedText(
                $"Zeile {problem.Line}, Spalte {problem.Column}: {problem.Message}",
                $"Line {problem.Line}, column {problem.Column}: {problem.Message}")));
        }

        // A service sharing health data must keep both statements in its own consent declaration: the explicit consent
        // (Art. 9(2)(a) GDPR) and the release from professional secrecy (§ 203 StGB). Tried with the sample's health data.
        if (problems.Count == 0 && key.Kind == TemplateKind.ConsentDeclaration && sharing?.SharesHealthData == true
            && !HasHealthStatements(key, text))
        {
            errors.Add(new FieldError(at, "health_consent_statements_missing", new LocalizedText(
                "Diese Dienstleistung übermittelt Gesundheitsdaten: die Einwilligungserklärung muss die ausdrückliche Einwilligung (Art. 9 Abs. 2 lit. a DSGVO) und die Schweigepflichtentbindung (§ 203 StGB) enthalten.",
                "This service shares health data: the consent declaration must contain the explicit consent (Art. 9(2)(a) GDPR) and the release from professional secrecy (§ 203 StGB).")));
        }
    }

    private static bool HasHealthStatements(TemplateKey key, string text)
    {
        try
        {
            var output = new TemplateRenderer().Render("validation", 0, text, key.Format,
                TemplateSamples.ConsentDeclaration(key.Language, healthData: true), TemplateFormatter.Culture(key.Language));
            return output.Contains("Art. 9", StringComparison.Ordinal) && output.Contains("203", StringComparison.Ordinal);
        }
        catch (TemplateRenderException)
        {
            return false;
        }
    }

    private static TemplateKey? Key(string name)
    {
        foreach (var kind in TemplateKinds.All)
        {
            foreach (var format in TemplateKinds.Formats(kind))
            {
                foreach (var language in new[] { TemplateFormatter.German, TemplateFormatter.English })
                {
                    var key = TemplateKinds.Key(kind, language, format);
                    if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
                    {
                        return new TemplateKey(key, kind, language, format);
                    }
                }
            }
        }

        return null;
    }

    private readonly record struct TemplateKey(string Name, TemplateKind Kind, string Language, TemplateFormat Format);
}
