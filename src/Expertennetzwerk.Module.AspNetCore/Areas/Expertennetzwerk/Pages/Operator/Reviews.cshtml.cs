using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Mvc;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Operator;

/// <summary>The review queue: each service whose newest version awaits the operator's review.</summary>
internal sealed class ReviewsModel(ServiceAdministration services) : ModulePageModel
{
    public IReadOnlyList<AdministeredService> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Operator) is { } answer)
        {
            return answer;
        }

        await LoadZoneAsync(cancellationToken);
        var list = await services.ListServicesAsync(Actor, awaitingReviewOnly: true, cancellationToken);
        if (!list.IsOk)
        {
            return Failure(list);
        }

        Services = list.Value;
        return Page();
    }
}
