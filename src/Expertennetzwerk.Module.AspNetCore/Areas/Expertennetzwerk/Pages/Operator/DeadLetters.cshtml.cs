using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Outbox;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Operator;

/// <summary>The operator's dead letters (newest first, keyset pages) and putting one back into delivery.</summary>
internal sealed class DeadLettersModel(OutboxAdministration outbox, IStringLocalizer<PageTexts> texts) : ModulePageModel
{
    public const int PageSize = 25;

    public DeadLetterPage Letters { get; private set; } = new([], null);

    /// <summary>A message above the list: a refusal, a broken cursor, or "re-queued".</summary>
    public string? Notice { get; private set; }

    [TempData(Key = "enw-requeued")]
    public bool Requeued { get; set; }

    public async Task<IActionResult> OnGetAsync(string? cursor, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Operator) is { } answer)
        {
            return answer;
        }

        if (Requeued)
        {
            Notice = texts["OpRequeued"];
        }

        return await ShowAsync(cursor, cancellationToken);
    }

    /// <summary>Re-queues one dead letter; back to the list (post/redirect/get), a refusal shown above it (409).</summary>
    public async Task<IActionResult> OnPostRequeueAsync(Guid id, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Operator) is { } answer)
        {
            return answer;
        }

        var result = await outbox.RequeueAsync(Actor, id, cancellationToken);
        if (result.IsOk)
        {
            Requeued = true;
            return RedirectToPage("/Operator/DeadLetters");
        }

        var failure = Explain(result, texts["ChangedMeanwhile"]);
        if (failure.Answer is { } failed)
        {
            return failed;
        }

        Notice = failure.Problem;
        HttpContext.Response.StatusCode = failure.StatusCode;
        return await ShowAsync(null, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string? cursor, CancellationToken cancellationToken)
    {
        await LoadZoneAsync(cancellationToken);
        var page = await outbox.ListDeadLettersAsync(Actor, cursor, PageSize, cancellationToken);
        if (page.Status == ResultStatus.ValidationFailed)
        {
            // A broken, tampered or foreign cursor: the first page and a word about it.
            Notice = texts["CursorInvalid"];
            page = await outbox.ListDeadLettersAsync(Actor, null, PageSize, cancellationToken);
        }

        if (!page.IsOk)
        {
            return Failure(page);
        }

        Letters = page.Value;
        return Page();
    }
}
