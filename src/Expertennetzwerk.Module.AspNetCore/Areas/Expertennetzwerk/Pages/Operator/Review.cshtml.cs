using System.Globalization;
using System.Text.Json;
using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Operator;

/// <summary>
/// One service version under review beside the published one, each difference marked (texts, prices, deadlines, steps,
/// form fields, data categories, templates); approve, or reject with a reason the expert reads.
/// </summary>
internal sealed class ReviewModel(ServiceAdministration services, IStringLocalizer<PageTexts> texts) : ModulePageModel
{
    /// <summary>One line of a compared value, marked when the other version has no such line.</summary>
    public sealed record Line(string Text, bool Changed);

    /// <summary>One compared property: its label, the published and the proposed value as lines.</summary>
    public sealed record Row(string Label, IReadOnlyList<Line> Published, IReadOnlyList<Line> Proposed)
    {
        public bool Changed => Published.Any(l => l.Changed) || Proposed.Any(l => l.Changed);
    }

    public ServiceVersionDetail Version { get; private set; } = null!;

    /// <summary>The published version, null for a service not yet published.</summary>
    public ServiceVersionDetail? Published { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>A refusal or lost race shown above the page.</summary>
    public string? Problem { get; private set; }

    [BindProperty(Name = "rejectReason")]
    public string? RejectReason { get; set; }

    public bool Pending => Version.Summary.Status == ServiceVersionStatus.PendingApproval;

    public async Task<IActionResult> OnGetAsync(Guid versionId, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Operator) is { } answer)
        {
            return answer;
        }

        return await ShowAsync(versionId, cancellationToken);
    }

    public Task<IActionResult> OnPostApproveAsync(Guid versionId, CancellationToken cancellationToken) =>
        RunAsync(versionId, () => services.ApproveAsync(Actor, versionId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(Guid versionId, CancellationToken cancellationToken) =>
        RunAsync(versionId, () => services.RejectAsync(Actor, versionId, RejectReason ?? string.Empty, cancellationToken), cancellationToken);

    private async Task<IActionResult> RunAsync(Guid versionId, Func<Task<Result<ServiceVersionSaved>>> command, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Operator) is { } answer)
        {
            return answer;
        }

        var result = await command();
        if (result.IsOk)
        {
            return RedirectToPage("/Operator/Review", new { versionId });
        }

        var failure = Explain(result, texts["ChangedMeanwhile"]);
        if (failure.Answer is { } failed)
        {
            return failed;
        }

        var status = failure.StatusCode;
        Problem = failure.Problem;
        AddFieldErrors(failure.FieldErrors, field => field == "reason" ? "rejectReason" : field);

        var page = await ShowAsync(versionId, cancellationToken);
        HttpContext.Response.StatusCode = status;
        return page;
    }

    private async Task<IActionResult> ShowAsync(Guid versionId, CancellationToken cancellationToken)
    {
        await LoadZoneAsync(cancellationToken);
        var version = await services.GetVersionAsync(Actor, versionId, cancellationToken);
        if (!version.IsOk)
        {
            return Failure(version);
        }

        Version = version.Value;
        var service = await services.GetServiceAsync(Actor, Version.ServiceId, cancellationToken);
        if (service.IsOk && service.Value.PublishedVersionId is { } publishedId && publishedId != versionId)
        {
            var published = await services.GetVersionAsync(Actor, publishedId, cancellationToken);
            Published = published.IsOk ? published.Value : null;
        }

        Rows = Compare(Published?.Content, Version.Content);
        return Page();
    }

    private List<Row> Compare(ServiceVersionInput? published, ServiceVersionInput proposed)
    {
        Row Of(string label, Func<ServiceVersionInput, IEnumerable<string>> lines)
        {
            var right = lines(proposed).ToList();
            var left = published is null ? [] : lines(published).ToList();
            var (leftSet, rightSet) = (left.ToHashSet(StringComparer.Ordinal), right.ToHashSet(StringComparer.Ordinal));
            return new Row(
                texts[label],
                left.Select(l => new Line(l, !rightSet.Contains(l))).ToList(),
                right.Select(l => new Line(l, published is not null && !leftSet.Contains(l))).ToList());
        }

        return
        [
            Of("OpReviewTitle", v => [v.Title ?? string.Empty]),
            Of("OpReviewDescription", v => (v.Description ?? string.Empty).Split('\n').Select(l => l.TrimEnd('\r'))),
            Of("OpReviewPermission", v => [v.RequiredPermission.ToString()]),
            Of("OpReviewPrice", v => [Euros(v.PriceCents)]),
            Of("OpReviewRevenueShare", v => [Euros(v.RevenueShareCents)]),
            Of("OpReviewFee", v => [v.FeeKind + " " + v.FeeValue.ToString(Culture)]),
            Of("OpReviewDeadlines", v => [texts["OpReviewDeadlineDays", v.AcceptWithinBusinessDays, v.CompleteWithinBusinessDays].Value]),
            Of("OpReviewSteps", v => v.ProgressSteps ?? []),
            Of("OpReviewForm", v => JsonLines(v.FormDefinitionJson)),
            Of("OpReviewDataCategories", v => JsonLines(v.DataCategoriesJson)),
            Of("OpReviewTemplates", v => JsonLines(v.TemplatesJson)),
        ];
    }

    private static string Euros(long cents) => (cents / 100m).ToString("N2", Culture) + " €";

    /// <summary>JSON as indented lines, so a changed field or template line is marked on its own.</summary>
    private static IEnumerable<string> JsonLines(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var indented = JsonSerializer.Serialize(document.RootElement, Indented);
            return indented.Split('\n').Select(l => l.TrimEnd('\r'));
        }
        catch (JsonException)
        {
            return json.Split('\n');
        }
    }

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
