using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Mvc;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Catalog;

/// <summary>A service of the catalogue: description, expert, fee, price or revenue share, deadlines, progress steps.</summary>
internal sealed class ServiceModel(ServiceCatalog catalog) : ModulePageModel
{
    public CatalogServiceDetail Service { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        if (ResolveActor(PartyKind.Broker) is { } answer)
        {
            return answer;
        }

        var detail = await catalog.GetAsync(Actor, serviceId, cancellationToken);
        if (!detail.IsOk)
        {
            return Failure(detail);
        }

        Service = detail.Value;
        return Page();
    }
}
