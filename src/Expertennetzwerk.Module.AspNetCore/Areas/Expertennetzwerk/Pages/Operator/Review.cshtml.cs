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
/// One service version under review beside the published one, each difference marked per item: the texts, the terms
/// (permission, price, revenue share, fee, deadlines, progress steps), each form field by its key, the data categories,
/// each template by its key — an item added, removed or changed, and within it the changed lines (<see cref="LineDiff"/>);
/// approve, or reject with a reason the expert reads.
/// </summary>
internal sealed class ReviewModel(ServiceAdministration services, IStringLocalizer<PageTexts> texts) : ModulePageModel
{
    /// <summary>One line of a compared value, marked when the other version has no such line there.</summary>
    public sealed record Line(string Text, bool Changed);

    /// <summary>How an item of the proposed version differs from the published one.</summary>
    public enum Difference
    {
        Unchanged,
        Changed,
        Added,
        Removed,
    }

    /// <summary>One compared item (a property, a form field by key, a template by key): its label, both sides as lines.</summary>
    public sealed record Row(string Label, IReadOnlyList<Line> Published, IReadOnlyList<Line> Proposed, Difference Difference)
    {
        public bool Changed => Difference != Difference.Unchanged;
    }

    /// <summary>The rows in groups (texts, terms, form fields, data categories, templates), each with its heading.</summary>
    public sealed record Group(string Heading, IReadOnlyList<Row> Rows);

    public ServiceVersionDetail Version { get; private set; } = null!;

    /// <summary>The published version, null for a service not yet published.</summary>
    public ServiceVersionDetail? Published { get; private set; }

    public IReadOnlyList<Group> Groups { get; private set; } = [];

    /// <summary>Every compared item.</summary>
    public IEnumerable<Row> Rows => Groups.SelectMany(g => g.Rows);

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

        Groups = Compare(Published?.Content, Version.Content);
        return Page();
    }

    private List<Group> Compare(ServiceVersionInput? published, ServiceVersionInput proposed)
    {
        Row Of(string label, Func<ServiceVersionInput, IReadOnlyList<string>> lines) =>
            Diff(label, published is null ? null : lines(published), lines(proposed));

        return
        [
            new(texts["OpReviewGroupTexts"], [
                Of(texts["OpReviewTitle"], v => [v.Title ?? string.Empty]),
                Of(texts["OpReviewDescription"], v => LineDiff.Lines(v.Description)),
            ]),
            new(texts["OpReviewGroupTerms"], [
                Of(texts["OpReviewPermission"], v => [texts["SvcPermission" + v.RequiredPermission].Value]),
                Of(texts["OpReviewPrice"], v => [Euros(v.PriceCents)]),
                Of(texts["OpReviewRevenueShare"], v => [Euros(v.RevenueShareCents)]),
                Of(texts["OpReviewFee"], v => [Fee(v)]),
                Of(texts["OpReviewDeadlines"], v => [texts["OpReviewDeadlineDays", v.AcceptWithinBusinessDays, v.CompleteWithinBusinessDays].Value]),
                Of(texts["OpReviewSteps"], v => v.ProgressSteps ?? []),
            ]),
            new(texts["OpReviewForm"], [
                .. Keyed(published is null ? null : FormFields(published.FormDefinitionJson), FormFields(proposed.FormDefinitionJson), key => texts["OpReviewField", key]),
                .. FormSections(published, proposed, Of),
            ]),
            new(texts["OpReviewDataCategories"], [Of(texts["OpReviewDataCategories"], v => JsonLines(v.DataCategoriesJson))]),
            new(texts["OpReviewTemplates"], Keyed(
                published is null ? null : TemplateTexts(published.TemplatesJson), TemplateTexts(proposed.TemplatesJson), key => texts["OpReviewTemplate", key])),
        ];
    }

    /// <summary>The form's sections, when either version has some.</summary>
    private IEnumerable<Row> FormSections(ServiceVersionInput? published, ServiceVersionInput proposed, Func<string, Func<ServiceVersionInput, IReadOnlyList<string>>, Row> of)
    {
        var row = of(texts["OpReviewFormSections"], v => JsonLines(Property(v.FormDefinitionJson, "sections")));
        return row.Published.Count == 0 && row.Proposed.Count == 0 ? [] : [row];
    }

    /// <summary>A row per key of either side (proposed order first, then what was removed), each a line diff of its value.</summary>
    private static List<Row> Keyed(IReadOnlyList<(string Key, IReadOnlyList<string> Lines)>? published, IReadOnlyList<(string Key, IReadOnlyList<string> Lines)> proposed, Func<string, string> label)
    {
        var before = (published ?? []).GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Lines, StringComparer.Ordinal);
        var rows = new List<Row>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, lines) in proposed)
        {
            if (seen.Add(key))
            {
                rows.Add(Diff(label(key), published is null ? null : before.GetValueOrDefault(key), lines));
            }
        }

        foreach (var (key, lines) in published ?? [])
        {
            if (seen.Add(key))
            {
                rows.Add(new Row(label(key), lines.Select(l => new Line(l, true)).ToList(), [], Difference.Removed));
            }
        }

        return rows;
    }

    /// <summary>
    /// One item compared line by line; <paramref name="published"/> null: there is no published version (or the item is
    /// new in it), so the proposed side is all added.
    /// </summary>
    private static Row Diff(string label, IReadOnlyList<string>? published, IReadOnlyList<string> proposed)
    {
        if (published is null)
        {
            return new Row(label, [], proposed.Select(l => new Line(l, true)).ToList(), Difference.Added);
        }

        var (left, right) = LineDiff.Compare(published, proposed);
        var changed = left.Any(c => c) || right.Any(c => c);
        return new Row(
            label,
            published.Select((l, i) => new Line(l, left[i])).ToList(),
            proposed.Select((l, i) => new Line(l, right[i])).ToList(),
            changed ? Difference.Changed : Difference.Unchanged);
    }

    /// <summary>The form's fields by key, each as indented JSON lines (a malformed form: one entry of its raw lines).</summary>
    private static List<(string Key, IReadOnlyList<string> Lines)> FormFields(string? json)
    {
        var fields = new List<(string, IReadOnlyList<string>)>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return fields;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("fields", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var field in list.EnumerateArray())
                {
                    index++;
                    var key = field.ValueKind == JsonValueKind.Object && field.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String
                        ? k.GetString()! : "#" + index.ToString(CultureInfo.InvariantCulture);
                    fields.Add((key, JsonLines(field)));
                }
            }
        }
        catch (JsonException)
        {
            fields.Add(("?", LineDiff.Lines(json)));
        }

        return fields;
    }

    /// <summary>The service's templates by key (<c>kind:language:format</c>), each as its lines.</summary>
    private static List<(string Key, IReadOnlyList<string> Lines)> TemplateTexts(string? json)
    {
        var templates = new List<(string, IReadOnlyList<string>)>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return templates;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var template in document.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    templates.Add((template.Name, template.Value.ValueKind == JsonValueKind.String ? LineDiff.Lines(template.Value.GetString()) : JsonLines(template.Value)));
                }
            }
        }
        catch (JsonException)
        {
            templates.Add(("?", LineDiff.Lines(json)));
        }

        return templates;
    }

    /// <summary>One property of a JSON object as JSON text, or null.</summary>
    private static string? Property(string? json, string name)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                && !(value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
                ? value.GetRawText() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Euros(long cents) => (cents / 100m).ToString("N2", Culture) + " €";

    /// <summary>The fee as the editor asked for it: a fixed amount in euros, or a share of the price in percent (stored as basis points).</summary>
    private string Fee(ServiceVersionInput version) => version.FeeKind switch
    {
        FeeKind.Fixed => $"{texts["SvcFeeKindFixed"]} {Euros(version.FeeValue)}",
        FeeKind.Percent => $"{texts["SvcFeeKindPercent"]} {(version.FeeValue / 100m).ToString("0.##", Culture)} %",
        _ => texts["SvcFeeKindNone"],
    };

    /// <summary>JSON as indented lines, so a changed property is marked on its own line.</summary>
    private static IReadOnlyList<string> JsonLines(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonLines(document.RootElement);
        }
        catch (JsonException)
        {
            return LineDiff.Lines(json);
        }
    }

    private static IReadOnlyList<string> JsonLines(JsonElement element) => LineDiff.Lines(JsonSerializer.Serialize(element, Indented));

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
