using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Services;

/// <summary>
/// "Meine Dienstleistungen": the expert party's services, each with its published version and where its newest version
/// stands in the operator's review (with the operator's reason on a rejection); a draft is submitted from here too.
/// </summary>
internal sealed class IndexModel(ServiceAdministration services, IStringLocalizer<PageTexts> texts) : ModulePageModel
{
    public IReadOnlyList<AdministeredService> Services { get; private set; } = [];

    /// <summary>The version just saved or submitted (from the editor's redirect), to confirm it.</summary>
    [BindProperty(SupportsGet = true, Name = "saved")]
    public Guid? Saved { get; set; }

    /// <summary>A refusal or lost race shown above the list.</summary>
    public string? Problem { get; private set; }

    /// <summary>The published version of a service (from its versions), if any.</summary>
    public static ServiceVersionSummary? PublishedOf(AdministeredService service) =>
        service.Versions.FirstOrDefault(v => v.VersionId == service.PublishedVersionId);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Expert) is { } answer)
        {
            return answer;
        }

        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSubmitAsync([FromForm(Name = "versionId")] Guid versionId, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Expert) is { } answer)
        {
            return answer;
        }

        var submitted = await services.SubmitAsync(Actor, versionId, cancellationToken);
        if (submitted.IsOk)
        {
            return RedirectToPage("/Services/Index", new { saved = versionId });
        }

        var failure = Explain(submitted, texts["ChangedMeanwhile"]);
        if (failure.Answer is { } failed)
        {
            return failed;
        }

        Problem = failure.Problem;
        var page = await ShowAsync(cancellationToken);
        HttpContext.Response.StatusCode = failure.StatusCode;
        return page;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        await LoadZoneAsync(cancellationToken);
        var list = await services.ListServicesAsync(Actor, cancellationToken: cancellationToken);
        if (!list.IsOk)
        {
            return Failure(list);
        }

        // Each with all its versions (an expert has a handful of services): the published one beside the newest.
        var detailed = new List<AdministeredService>(list.Value.Count);
        foreach (var service in list.Value)
        {
            var one = await services.GetServiceAsync(Actor, service.ServiceId, cancellationToken);
            detailed.Add(one.IsOk ? one.Value : service);
        }

        Services = detailed;
        return Page();
    }
}
