using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Consent;

/// <summary>
/// The consent page a data subject reaches through the mailed link: the declaration with "agree" and "decline". Showing
/// it (GET) never uses the link up — mail scanners fetch links; only the decision (POST, antiforgery-checked) does, once.
/// Every invalid, expired or used link gets the same neutral page (404).
/// </summary>
[ConsentPageCulture]
internal sealed class ConsentDecideModel(ConsentService consents) : PageModel
{
    private const string Agree = "agree";
    private const string Decline = "decline";

    /// <summary>The open declaration (GET, or a POST without a decision).</summary>
    public ConsentPage? Declaration { get; private set; }

    /// <summary>The answer to the decision.</summary>
    public ConsentPage? Decided { get; private set; }

    /// <summary>The neutral text for a link that does not work (any reason).</summary>
    public string? Invalid { get; private set; }

    /// <summary>True when the form came without a decision (the page asks for one).</summary>
    public bool ChooseDecision { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await consents.OpenAsync(ConsentPages.Token(HttpContext), cancellationToken);
        if (!page.IsOk)
        {
            return InvalidLink(page);
        }

        Declaration = page.Value;
        ConsentPages.SpeakLanguageOf(HttpContext, page.Value.Culture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "decision")] string? decision, CancellationToken cancellationToken)
    {
        if (decision is not (Agree or Decline))
        {
            var open = await consents.OpenAsync(ConsentPages.Token(HttpContext), cancellationToken);
            if (!open.IsOk)
            {
                return InvalidLink(open);
            }

            Declaration = open.Value;
            ConsentPages.SpeakLanguageOf(HttpContext, open.Value.Culture);
            ChooseDecision = true;
            var again = Page();
            again.StatusCode = StatusCodes.Status400BadRequest;
            return again;
        }

        var decided = await consents.DecideAsync(ConsentPages.Token(HttpContext), decision == Agree, cancellationToken);
        if (!decided.IsOk)
        {
            return InvalidLink(decided);
        }

        Decided = decided.Value;
        ConsentPages.SpeakLanguageOf(HttpContext, decided.Value.Culture);
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
