using System.Security.Cryptography;
using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Operator;

/// <summary>
/// The operator's view of an order: metadata at first; its history's texts, documentation and thread only after the
/// operator states why (asked once per visit: the purpose is kept for this order in a protected session cookie, and the
/// core historises every look with it); resolving a dispute with one of the three outcomes and a note. Two pages show it:
/// <c>Operator/Dispute</c> (from the disputes) and <c>Operator/Order</c> (from the operator's order list).
/// </summary>
internal sealed class DisputeModel(
    ExpertOrderQueries queries, ExpertOrderService orders, DigitalMessageQueries messages, IDataProtectionProvider protection, IStringLocalizer<PageTexts> texts)
    : ModulePageModel
{
    public const string PurposeCookie = "enw-purpose";

    public OrderDetail Order { get; private set; } = null!;

    /// <summary>The purpose recorded for this visit, or null while the details are hidden.</summary>
    public string? RecordedPurpose { get; private set; }

    public IReadOnlyList<DigitalMessageItem> Thread { get; private set; } = [];

    public string? Problem { get; private set; }

    [BindProperty(Name = "purpose")]
    public string? Purpose { get; set; }

    [BindProperty(Name = "resolution")]
    public DisputeResolution? Resolution { get; set; }

    [BindProperty(Name = "note")]
    public string? Note { get; set; }

    public bool MayResolve => Order.PermittedActions.Any(a => a is OrderTrigger.ResolveDisputeResume or OrderTrigger.ResolveDisputeComplete or OrderTrigger.ResolveDisputeCancel);

    public async Task<IActionResult> OnGetAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Operator) is { } answer)
        {
            return answer;
        }

        return await ShowAsync(orderId, StoredPurpose(orderId), cancellationToken);
    }

    /// <summary>States the purpose: checked by the core (which records the look), then kept for this visit.</summary>
    public async Task<IActionResult> OnPostPurposeAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Operator) is { } answer)
        {
            return answer;
        }

        if (string.IsNullOrWhiteSpace(Purpose))
        {
            ModelState.AddModelError("purpose", texts["OpPurposeRequired"]);
            var page = await ShowAsync(orderId, null, cancellationToken);
            HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        var shown = await ShowAsync(orderId, Purpose, cancellationToken);
        if (RecordedPurpose is not null)
        {
            Response.Cookies.Append(PurposeCookie, Protector.Protect(orderId.ToString("N") + "\n" + RecordedPurpose), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = Request.IsHttps,
                // The operator's pages: the dispute page and the order page of the operator's list share the visit's purpose.
                Path = Url.Page("/Operator/Index") ?? "/",
                IsEssential = true,
            });
        }

        return shown;
    }

    /// <summary>A documentation file, opened with the visit's purpose (the core refuses without one and records the look).</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid orderId, Guid fileId, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Operator) is { } answer)
        {
            return answer;
        }

        var opened = await queries.OpenFileAsync(Actor, orderId, fileId, StoredPurpose(orderId), cancellationToken);
        if (!opened.IsOk)
        {
            return Failure(opened);
        }

        var file = opened.Value;
        HttpContext.Response.RegisterForDisposeAsync(file);
        return File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>Resolves the dispute: back to the order on success; the note's or outcome's error at its field (400); a refusal or lost race above the page (409).</summary>
    public async Task<IActionResult> OnPostResolveAsync(Guid orderId, long version, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Operator) is { } answer)
        {
            return answer;
        }

        Result result;
        if (Resolution is not { } resolution || !Enum.IsDefined(resolution))
        {
            // Every error at once: the outcome, and a missing note too.
            ModelState.AddModelError("resolution", texts["OpResolutionRequired"]);
            if (string.IsNullOrWhiteSpace(Note))
            {
                ModelState.AddModelError("note", texts["OpNoteRequired"]);
            }

            result = Result.Invalid([]);
        }
        else
        {
            result = await orders.ResolveDisputeAsync(Actor, orderId, resolution, Note ?? string.Empty, version, cancellationToken);
            if (result.IsOk)
            {
                return RedirectToPage("/Operator/Dispute", new { orderId });
            }
        }

        var failure = Explain(result, texts["ChangedMeanwhile"]);
        if (failure.Answer is { } failed)
        {
            return failed;
        }

        var status = failure.StatusCode;
        Problem = failure.Problem;
        AddFieldErrors(failure.FieldErrors);

        var page = await ShowAsync(orderId, StoredPurpose(orderId), cancellationToken);
        HttpContext.Response.StatusCode = status;
        return page;
    }

    private IDataProtector Protector => protection.CreateProtector("Expertennetzwerk.OperatorPurpose");

    /// <summary>The purpose stated for this order during this visit, if any (a cookie for another order or a tampered one counts as none).</summary>
    private string? StoredPurpose(Guid orderId)
    {
        if (!Request.Cookies.TryGetValue(PurposeCookie, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var plain = Protector.Unprotect(value);
            var at = plain.IndexOf('\n', StringComparison.Ordinal);
            return at > 0 && plain[..at] == orderId.ToString("N") ? plain[(at + 1)..] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private async Task<IActionResult> ShowAsync(Guid orderId, string? purpose, CancellationToken cancellationToken)
    {
        await LoadZoneAsync(cancellationToken);
        var detail = await queries.GetOrderAsync(Actor, orderId, purpose, cancellationToken);
        if (detail.Status == ResultStatus.ValidationFailed)
        {
            // A purpose the core does not take (too long): at the field, the details stay hidden.
            foreach (var error in detail.FieldErrors)
            {
                ModelState.AddModelError(error.Field, Text(error.Text));
            }

            HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            detail = await queries.GetOrderAsync(Actor, orderId, null, cancellationToken);
            purpose = null;
        }

        if (!detail.IsOk)
        {
            return Failure(detail);
        }

        Order = detail.Value;
        if (purpose is not null && Order.IncludesPersonalData)
        {
            RecordedPurpose = purpose;
            var thread = await messages.ListThreadAsync(Actor, orderId, new ThreadQuery { PageSize = 100, OperatorAccessPurpose = purpose }, cancellationToken);
            Thread = thread.IsOk ? thread.Value.Items : [];
        }

        return Page();
    }
}
