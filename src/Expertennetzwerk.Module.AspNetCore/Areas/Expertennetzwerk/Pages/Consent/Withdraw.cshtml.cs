using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Consent;

/// <summary>
/// The withdrawal page of a given consent (the link on the confirmation page and in the confirmation mail): showing it
/// never withdraws; the POST (antiforgery-checked) does, once. Anything invalid gets the neutral page (404).
/// </summary>
internal sealed class ConsentWithdrawModel(ConsentService consents) : PageModel
{
    /// <summary>The consent that can be withdrawn.</summary>
    public ConsentWithdrawalPage? Open { get; private set; }

    /// <summary>The answer to the withdrawal.</summary>
    public ConsentWithdrawalPage? Withdrawn { get; private set; }

    /// <summary>The neutral text for a link that does not work.</summary>
    public string? Invalid { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await consents.OpenWithdrawalAsync(ConsentPages.Token(HttpContext), cancellationToken);
        if (!page.IsOk)
        {
            return InvalidLink(page);
        }

        Open = page.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var withdrawn = await consents.WithdrawAsync(ConsentPages.Token(HttpContext), cancellationToken);
        if (!withdrawn.IsOk)
        {
            return InvalidLink(withdrawn);
        }

        Withdrawn = withdrawn.Value;
        return Page();
    }

    private PageResult InvalidLink(Result failure)
    {
        Invalid = ConsentPages.InvalidLinkText(failure);
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
