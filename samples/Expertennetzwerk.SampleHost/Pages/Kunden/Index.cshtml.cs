using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.SampleHost.Crm;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Pages.Kunden;

/// <summary>"Kundendaten": the broker party's customers, searchable by name, company, customer number or city.</summary>
public sealed class IndexModel(IDbContextFactory<SampleCrmDbContext> contexts, IActorAccessor actors, IConfiguration configuration)
    : CustomerPageModel(actors, configuration)
{
    /// <summary>The most customers listed at once.</summary>
    public const int Limit = 200;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<Customer> Customers { get; private set; } = [];

    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveBroker() is { } answer)
        {
            return answer;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customers = db.Customers.AsNoTracking().Where(c => c.NetworkId == Broker.NetworkId && c.BrokerPartyId == Broker.PartyId);
        if (Query?.Trim() is { Length: > 0 } text)
        {
            var q = text.Length > 100 ? text[..100].ToLowerInvariant() : text.ToLowerInvariant();
            customers = customers.Where(c =>
                c.LastName.ToLower().Contains(q) || c.FirstName.ToLower().Contains(q) || c.CustomerRef.ToLower().Contains(q)
                || (c.CompanyName != null && c.CompanyName.ToLower().Contains(q)) || (c.City != null && c.City.ToLower().Contains(q)));
        }

        Total = await customers.CountAsync(cancellationToken);
        Customers = await customers.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.CustomerRef).Take(Limit).ToListAsync(cancellationToken);
        return Page();
    }
}
