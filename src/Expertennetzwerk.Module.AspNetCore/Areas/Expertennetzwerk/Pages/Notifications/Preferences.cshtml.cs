using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Notifications;

/// <summary>
/// The signed-in user's notification preferences: per kind of notification that reaches the user's party, a mail right
/// away or the daily digest. Digital messages arrive either way. Each kind is a form field named after it.
/// </summary>
internal sealed class PreferencesModel(NotificationPreferences preferences, IStringLocalizer<PageTexts> texts) : ModulePageModel
{
    /// <summary>The kinds shown: those the planner sends to users of the actor's kind of party.</summary>
    public IReadOnlyList<NotificationKind> Kinds => KindsOf(Actor.PartyKind);

    /// <summary>The delivery shown per kind (stored, or as posted when the post had an error).</summary>
    public Dictionary<NotificationKind, string> Chosen { get; } = [];

    /// <summary>True after a save (post/redirect/get).</summary>
    [BindProperty(SupportsGet = true, Name = "saved")]
    public bool Saved { get; set; }

    /// <summary>A refusal or a lost race, above the form.</summary>
    public string? Problem { get; private set; }

    public static IReadOnlyList<NotificationKind> KindsOf(PartyKind party) => party switch
    {
        PartyKind.Broker => [NotificationKind.OrderStateChanged, NotificationKind.OrderCompleted, NotificationKind.MessageReceived],
        PartyKind.Expert => [NotificationKind.OrderPlaced, NotificationKind.MessageReceived],
        PartyKind.Operator => [NotificationKind.DisputeOpened, NotificationKind.DeadLetter],
        _ => [],
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveActor() is { } answer)
        {
            return answer;
        }

        return await ShowStoredAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ResolveActor() is { } answer)
        {
            return answer;
        }

        Saved = false;
        ModelState.Clear();
        var wanted = new Dictionary<NotificationKind, NotificationDelivery>();
        foreach (var kind in Kinds)
        {
            var value = Request.Form[kind.ToString()].ToString();
            Chosen[kind] = value;
            if (value.Length == 0)
            {
                ModelState.AddModelError(kind.ToString(), Text(InputErrors.Required(kind.ToString()).Text));
            }
            else if (Enum.TryParse<NotificationDelivery>(value, ignoreCase: false, out var delivery) && Enum.IsDefined(delivery) && !int.TryParse(value, out _))
            {
                wanted[kind] = delivery;
            }
            else
            {
                ModelState.AddModelError(kind.ToString(), Text(InputErrors.NotAllowed(kind.ToString()).Text));
            }
        }

        if (!ModelState.IsValid)
        {
            return WithStatus(StatusCodes.Status400BadRequest);
        }

        var stored = await preferences.GetAsync(Actor, cancellationToken);
        if (!stored.IsOk)
        {
            return Failure(stored);
        }

        foreach (var (kind, delivery) in wanted)
        {
            if (stored.Value.Any(p => p.Kind == kind && p.Delivery == delivery))
            {
                continue;
            }

            var set = await preferences.SetAsync(Actor, Actor.UserId, kind, delivery, cancellationToken);
            if (set.IsOk)
            {
                continue;
            }

            var failure = Explain(set, texts["ChangedMeanwhileSettings"]);
            if (failure.Answer is { } failed)
            {
                return failed;
            }

            AddFieldErrors(failure.FieldErrors, _ => kind.ToString());
            Problem = failure.Problem;
            return WithStatus(failure.StatusCode);
        }

        return RedirectToPage("/Notifications/Preferences", new { saved = true });
    }

    private async Task<IActionResult> ShowStoredAsync(CancellationToken cancellationToken)
    {
        var stored = await preferences.GetAsync(Actor, cancellationToken);
        if (!stored.IsOk)
        {
            return Failure(stored);
        }

        foreach (var preference in stored.Value)
        {
            Chosen[preference.Kind] = preference.Delivery.ToString();
        }

        return Page();
    }

    private PageResult WithStatus(int status)
    {
        var page = Page();
        page.StatusCode = status;
        return page;
    }
}
