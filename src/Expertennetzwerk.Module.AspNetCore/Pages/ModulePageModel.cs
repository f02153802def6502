using System.Globalization;
using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.AspNetCore.Pages;

/// <summary>
/// What every page of the area shares: the actor of the request (verified by the core in every call), and the module's
/// own pages for 401/403/404 (views in <c>Areas/Expertennetzwerk/Pages/Status</c>, replaceable by the host).
/// </summary>
internal abstract class ModulePageModel : PageModel
{
    public const string StatusFolder = "/Areas/Expertennetzwerk/Pages/Status/";

    /// <summary>The actor, once <see cref="ResolveActor"/> found one.</summary>
    public Actor Actor { get; private set; } = null!;

    /// <summary>The language of the page's texts.</summary>
    public static CultureInfo Culture => CultureInfo.CurrentUICulture;

    /// <summary>A core text in the page's language.</summary>
    public static string Text(LocalizedText text) => text.Get(Culture);

    /// <summary>The network's zone, once <see cref="LoadZoneAsync"/> ran (UTC before): days and times people read are in it.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>An instant as a date and clock time of the network's zone, in the page's language.</summary>
    public string Format(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("g", Culture);

    /// <summary>The first error of a field (its message in the page's language), or null.</summary>
    public string? ErrorOf(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>The host's customer list, when it gave one.</summary>
    public string? CustomersUrl => HttpContext.RequestServices.GetRequiredService<IOptions<ExpertennetzwerkAspNetCoreOptions>>().Value.CustomersUrl;

    /// <summary>
    /// A request naming no handler of the page (a typed or stale <c>?handler=</c>, or a POST to a page without one) is the
    /// 404 page: the page would otherwise render without having loaded its model.
    /// </summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HandlerMethod is null)
        {
            context.Result = StatusPage(StatusCodes.Status404NotFound);
        }
    }

    /// <summary>
    /// Finds the acting user and party; null when there is one of the <paramref name="kinds"/> (any kind when none is
    /// given), otherwise the page to answer instead (sign in, or 403).
    /// </summary>
    protected IActionResult? ResolveActor(params PartyKind[] kinds)
    {
        var resolution = HttpContext.RequestServices.GetRequiredService<IActorAccessor>().Resolve();
        if (resolution.Actor is null)
        {
            return resolution.Status == ActorResolutionStatus.Anonymous
                ? SignInPage()
                : StatusPage(StatusCodes.Status403Forbidden, HttpContext.RequestServices.GetRequiredService<IStringLocalizer<PageTexts>>()["Actor" + resolution.Status]);
        }

        if (kinds.Length > 0 && !kinds.Contains(resolution.Actor.PartyKind))
        {
            return StatusPage(StatusCodes.Status403Forbidden);
        }

        Actor = resolution.Actor;
        return null;
    }

    /// <summary>Reads the zone of the actor's network (after <see cref="ResolveActor"/>).</summary>
    protected async Task LoadZoneAsync(CancellationToken cancellationToken) =>
        Zone = await HttpContext.RequestServices.GetRequiredService<NetworkZones>().GetAsync(Actor.NetworkId, cancellationToken);

    /// <summary>The page for a failed core call: 404 for NotFound (unknown, foreign, invisible), 403 for everything else a read can answer.</summary>
    protected IActionResult Failure(Result result) => result.Status switch
    {
        ResultStatus.NotFound => StatusPage(StatusCodes.Status404NotFound),
        _ => StatusPage(StatusCodes.Status403Forbidden, result.Refusal is { } refusal ? Text(refusal.Text) : null),
    };

    /// <summary>
    /// The one reading of a failed command for every page: NotFound and Forbidden answer with the status page; field errors
    /// re-render with 400 (the caller places them, see <see cref="AddFieldErrors"/>); a lost race re-renders with 409 and
    /// <paramref name="changedMeanwhile"/>; a refusal re-renders with 409 and its text in the page's language.
    /// </summary>
    protected CommandFailure Explain(Result result, string changedMeanwhile)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            ResultStatus.NotFound or ResultStatus.Forbidden => new CommandFailure(Failure(result), 0, null, []),
            ResultStatus.ValidationFailed => new CommandFailure(null, StatusCodes.Status400BadRequest, null, result.FieldErrors),
            ResultStatus.Conflict => new CommandFailure(null, StatusCodes.Status409Conflict, changedMeanwhile, []),
            _ => new CommandFailure(null, StatusCodes.Status409Conflict, result.Refusal is { } refusal ? Text(refusal.Text) : changedMeanwhile, []),
        };
    }

    /// <summary>Puts each error next to its field; <paramref name="fieldKey"/> maps a core field name to the page's input name.</summary>
    protected void AddFieldErrors(IEnumerable<FieldError> errors, Func<string, string>? fieldKey = null)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(fieldKey?.Invoke(error.Field) ?? error.Field, Text(error.Text));
        }
    }

    protected IActionResult StatusPage(int status, string? detail = null)
    {
        var view = status switch
        {
            StatusCodes.Status404NotFound => "NotFound",
            StatusCodes.Status401Unauthorized => "SignIn",
            _ => "Forbidden",
        };
        ViewData["Detail"] = detail;
        return new ViewResult { ViewName = StatusFolder + view + ".cshtml", ViewData = ViewData, TempData = TempData, StatusCode = status };
    }

    private IActionResult SignInPage()
    {
        ViewData["SignInUrl"] = HttpContext.RequestServices.GetRequiredService<IOptions<ExpertennetzwerkAspNetCoreOptions>>().Value.SignInUrl;
        return StatusPage(StatusCodes.Status401Unauthorized);
    }
}
