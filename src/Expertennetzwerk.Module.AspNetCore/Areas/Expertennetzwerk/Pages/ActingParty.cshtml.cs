using Expertennetzwerk.Module.AspNetCore.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi;

/// <summary>
/// The party switch: a user who may act for several parties chooses one; the choice is kept in a cookie that
/// <see cref="ClaimsActorAccessor"/> reads when no <see cref="ExpertennetzwerkClaimTypes.ActingPartyHeader"/> is sent.
/// Only a party of the user's claims is accepted (403 otherwise); the form carries the antiforgery token.
/// </summary>
internal sealed class ActingPartyModel : ModulePageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public IActionResult OnPost(Guid partyId, string? returnUrl)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return ResolveActor() ?? RedirectToPage("/Index");
        }

        if (!ClaimsActorAccessor.PartiesOf(User).Exists(p => p.Id == partyId))
        {
            var texts = HttpContext.RequestServices.GetRequiredService<IStringLocalizer<PageTexts>>();
            return StatusPage(StatusCodes.Status403Forbidden, texts["Actor" + ActorResolutionStatus.PartyNotAllowed]);
        }

        Response.Cookies.Append(ClaimsActorAccessor.ActingPartyCookie, partyId.ToString("D"), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = Request.IsHttps,
            IsEssential = true,
            Path = "/",
        });
        return returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage("/Index");
    }
}
