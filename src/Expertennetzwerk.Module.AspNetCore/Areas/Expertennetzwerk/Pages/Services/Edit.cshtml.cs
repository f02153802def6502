using System.Text.RegularExpressions;
using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.Module.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Services;

/// <summary>
/// "Dienstleistung anlegen / bearbeiten": the expert's editor of a service version, prefilled from the newest version
/// (a new service without). Every save is a new version (<c>CreateServiceAsync</c>, <c>SaveVersionAsync</c>), optionally
/// submitted for review at once (<c>SubmitAsync</c>). The form editor's buttons (add, move, remove a field) and the preview
/// only render the page again; nothing is saved until the expert saves. The order form is previewed as the broker sees
/// it (the order form's own partial), the templates rendered from sample data in a sandboxed frame.
/// </summary>
internal sealed partial class EditModel(ServiceAdministration services, ServiceCatalog catalog, IStringLocalizer<PageTexts> texts) : ModulePageModel
{
    /// <summary>One template's preview: the text, or the HTML as a sandboxed document, or why it did not render.</summary>
    public sealed record TemplatePreview(string Key, TemplateFormat Format, string? Output, string? Error);

    /// <summary>The service edited; null for a new one.</summary>
    public AdministeredService? Service { get; private set; }

    /// <summary>The newest version of the service edited (what the editor was prefilled from).</summary>
    public ServiceVersionSummary? Latest => Service?.Versions.FirstOrDefault();

    public ServiceEditor Editor { get; private set; } = new();

    public IReadOnlyList<CatalogCategory> Categories { get; private set; } = [];

    /// <summary>The order form as the broker will see it; null while the rows describe none without errors.</summary>
    public OrderFormView? FormPreview { get; private set; }

    /// <summary>The templates rendered from sample data (after "Vorschau").</summary>
    public IReadOnlyList<TemplatePreview> Previews { get; private set; } = [];

    /// <summary>A refusal or lost race shown above the editor.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? serviceId, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Expert) is { } answer)
        {
            return answer;
        }

        if (await LoadAsync(serviceId, cancellationToken) is { } failed)
        {
            return failed;
        }

        if (Latest is { } latest)
        {
            var version = await services.GetVersionAsync(Actor, latest.VersionId, cancellationToken);
            if (!version.IsOk)
            {
                return Failure(version);
            }

            Editor = ServiceEditor.From(version.Value.Content, Culture);
        }

        return Show();
    }

    /// <summary>
    /// Every button of the editor posts here; <paramref name="do"/> says which: <c>save</c>, <c>submit</c>,
    /// <c>preview</c>, or a form editor's button (<c>add</c>, <c>up:3</c>, <c>down:3</c>, <c>remove:3</c>).
    /// </summary>
    public async Task<IActionResult> OnPostAsync(Guid? serviceId, [FromForm(Name = "do")] string? @do, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Expert) is { } answer)
        {
            return answer;
        }

        if (await LoadAsync(serviceId, cancellationToken) is { } failed)
        {
            return failed;
        }

        Editor = ServiceEditor.Read(Request.Form);
        if (Editor.Apply(@do))
        {
            return Show();
        }

        var pageErrors = new List<FieldError>();
        var input = Editor.ToInput(Culture, texts, pageErrors);
        if (@do == "preview")
        {
            AddFieldErrors(Checked(input, pageErrors), Place);
            Previews = Render();
            return Show();
        }

        if (@do is not ("save" or "submit"))
        {
            return StatusPage(StatusCodes.Status404NotFound);
        }

        Guid? categoryId = Guid.TryParse(Editor.CategoryId, out var category) ? category : null;
        if (Service is null && (categoryId is null || Categories.All(c => c.Id != categoryId)))
        {
            pageErrors.Add(InputErrors.Unknown("categoryId"));
        }

        var saved = pageErrors.Count > 0
            ? Result<ServiceVersionSaved>.From(Result.Invalid(Checked(input, pageErrors)))
            : Service is null
                ? await services.CreateServiceAsync(Actor, categoryId!.Value, input, cancellationToken)
                : await services.SaveVersionAsync(Actor, Service.ServiceId, input, cancellationToken);
        var result = saved.IsOk && @do == "submit" ? await services.SubmitAsync(Actor, saved.Value.VersionId, cancellationToken) : saved;
        if (result.IsOk)
        {
            return RedirectToPage("/Services/Index", new { saved = result.Value.VersionId });
        }

        var failure = Explain(result, texts["ChangedMeanwhile"]);
        if (failure.Answer is { } failedPage)
        {
            return failedPage;
        }

        Problem = failure.Problem;
        AddFieldErrors(failure.FieldErrors, Place);
        if (saved.IsOk && Service is null)
        {
            // Saved, not submitted: the editor of the new service from now on.
            return RedirectToPage("/Services/Edit", new { serviceId = saved.Value.ServiceId });
        }

        HttpContext.Response.StatusCode = failure.StatusCode;
        return Show();
    }

    /// <summary>Loads the service (404 when it is not the expert's) and the categories; a page to answer instead, or null.</summary>
    private async Task<IActionResult?> LoadAsync(Guid? serviceId, CancellationToken cancellationToken)
    {
        await LoadZoneAsync(cancellationToken);
        if (serviceId is { } id)
        {
            var service = await services.GetServiceAsync(Actor, id, cancellationToken);
            if (!service.IsOk)
            {
                return Failure(service);
            }

            Service = service.Value;
        }

        var categories = await catalog.ListCategoriesAsync(Actor, cancellationToken);
        if (!categories.IsOk)
        {
            return Failure(categories);
        }

        Categories = categories.Value;
        return null;
    }

    private IActionResult Show()
    {
        var form = Editor.PreviewForm(Culture, texts);
        FormPreview = form is null ? null : new OrderFormView(form, new Dictionary<string, IReadOnlyList<string>>());
        return Page();
    }

    /// <summary>The page's own errors and the core's check of the rest (the core's errors of a field the page already answered left out).</summary>
    private static List<FieldError> Checked(ServiceVersionInput input, List<FieldError> pageErrors)
    {
        var pageFields = pageErrors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        return pageErrors.Concat(ServiceVersionValidator.Validate(input, expert: null).Where(e => !pageFields.Contains(Place(e.Field)))).ToList();
    }

    /// <summary>The templates rendered from the sample data of their kind and language (the core's sandboxed renderer).</summary>
    private List<TemplatePreview> Render()
    {
        // A renderer of this request only (it caches by id: each template its own id), so trial texts stay out of the shared cache.
        var renderer = new TemplateRenderer();
        var previews = new List<TemplatePreview>();
        foreach (var (key, kind, language, format) in ServiceEditor.EditedTemplates)
        {
            if (!Editor.Templates.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                var output = renderer.Render("preview:" + key, 0, text, format, TemplateSamples.Model(kind, language), TemplateFormatter.Culture(language));
                previews.Add(new TemplatePreview(key, format, format == TemplateFormat.Html ? SandboxedHtml.Document(language, texts["SvcPreviewTitle"], output) : output, null));
            }
            catch (TemplateRenderException ex)
            {
                var error = ex.Errors.FirstOrDefault();
                previews.Add(new TemplatePreview(key, format, null, error is null ? ex.Message : texts["SvcTemplateErrorAt", error.Line, error.Column, error.Message]));
            }
        }

        return previews;
    }

    /// <summary>Where a core field error belongs on the page (the core's field names to the editor's inputs).</summary>
    internal static string Place(string field)
    {
        if (FormField().Match(field) is { Success: true } match)
        {
            var part = match.Groups["part"].Value switch
            {
                "labels" => "labelDe",
                "help" => "helpDe",
                var other => other,
            };
            return ServiceEditor.FieldName(int.Parse(match.Groups["i"].Value, System.Globalization.CultureInfo.InvariantCulture), part);
        }

        return field switch
        {
            "requiredPermission" => "permission",
            "priceCents" => "price",
            "revenueShareCents" => "revenueShare",
            "acceptWithinBusinessDays" => "acceptDays",
            "completeWithinBusinessDays" => "completeDays",
            _ when field.StartsWith("progressSteps", StringComparison.Ordinal) => "steps",
            _ when field.StartsWith("dataCategories", StringComparison.Ordinal) => "dataCategories",
            _ when field.StartsWith("formDefinition", StringComparison.Ordinal) => "formDefinition",
            _ => field,
        };
    }

    [GeneratedRegex(@"^formDefinition\.fields\[(?<i>[0-9]{1,4})\]\.(?<part>[A-Za-z]+)")]
    private static partial Regex FormField();
}
