using Expertennetzwerk.Module.AspNetCore.Pages;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Operator;

/// <summary>
/// The network's orders for the operator: the order list's filters, counts and keyset paging (the same core query, which
/// gives the operator metadata only — no customer, and a search by number only), with broker and expert party per row;
/// each order leads to <c>Operator/Order</c>, where the details wait for a recorded purpose.
/// </summary>
internal sealed class OrdersModel(ExpertOrderQueries orders, ServiceCatalog catalog, CatalogNames catalogNames, IStringLocalizer<PageTexts> texts)
    : WebUi.Orders.IndexModel(orders, catalog, catalogNames, texts)
{
    public override string ListPage => "/Operator/Orders";

    protected override PartyKind[] Readers => [PartyKind.Operator];

    /// <summary>The names of the rows' broker and expert parties.</summary>
    public IReadOnlyDictionary<Guid, string> PartyNames { get; private set; } = new Dictionary<Guid, string>();

    public string PartyName(Guid partyId) => PartyNames.TryGetValue(partyId, out var name) ? name : "—";

    protected override async Task<IActionResult?> LoadedAsync(CancellationToken cancellationToken)
    {
        var ids = Orders.Items.SelectMany(o => new[] { o.BrokerPartyId, o.ExpertPartyId }).ToHashSet();
        var names = await Queries.PartyNamesAsync(Actor, ids, cancellationToken);
        if (!names.IsOk)
        {
            return Failure(names);
        }

        PartyNames = names.Value;
        return null;
    }
}
