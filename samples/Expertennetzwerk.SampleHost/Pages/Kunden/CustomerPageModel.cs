using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Expertennetzwerk.SampleHost.Pages.Kunden;

/// <summary>
/// What the CRM's customer pages share: the signed-in broker party (the module's actor of the request, so the party
/// switch applies here too). Customers are the broker party's own: every query is scoped to it, a customer of another
/// party is not found.
/// </summary>
public abstract class CustomerPageModel(IActorAccessor actors, IConfiguration configuration) : PageModel
{
    /// <summary>The acting broker, once <see cref="ResolveBroker"/> found one.</summary>
    public Actor Broker { get; private set; } = null!;

    /// <summary>Where the module's pages live (<c>Expertennetzwerk:PagesPrefix</c>).</summary>
    public string ModulePrefix => SampleHostApp.PagesPrefix(configuration);

    /// <summary>The module's order page.</summary>
    public string OrderUrl(Guid orderId) => $"{ModulePrefix}/orders/{orderId:D}";

    /// <summary>
    /// Null when a broker acts; otherwise the answer: to the demo sign-in when nobody is signed in, 403 for anyone else
    /// (an expert, the operator, a user of several parties who has not chosen the broker party).
    /// </summary>
    protected IActionResult? ResolveBroker()
    {
        var resolution = actors.Resolve();
        if (resolution.Status == ActorResolutionStatus.Anonymous)
        {
            return LocalRedirect("/demo");
        }

        if (resolution.Actor is not { PartyKind: PartyKind.Broker } broker)
        {
            ViewData["Title"] = "Kein Zugriff";
            return new ViewResult { ViewName = "/Pages/Kunden/_KeinZugriff.cshtml", ViewData = ViewData, StatusCode = StatusCodes.Status403Forbidden };
        }

        Broker = broker;
        return null;
    }

    /// <summary>The 404 page for a customer number that is not the broker party's.</summary>
    protected IActionResult CustomerNotFound()
    {
        ViewData["Title"] = "Kunde nicht gefunden";
        return new ViewResult { ViewName = "/Pages/Kunden/_NichtGefunden.cshtml", ViewData = ViewData, StatusCode = StatusCodes.Status404NotFound };
    }
}
