using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.SampleHost.Crm;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Pages.Kunden;

/// <summary>Edits a customer of the acting broker party (the customer number stays).</summary>
public sealed class BearbeitenModel(IDbContextFactory<SampleCrmDbContext> contexts, IActorAccessor actors, IConfiguration configuration)
    : CustomerPageModel(actors, configuration)
{
    [BindProperty(SupportsGet = true)]
    public string CustomerRef { get; set; } = string.Empty;

    [BindProperty]
    public CustomerInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveBroker() is { } answer)
        {
            return answer;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await FindAsync(db, cancellationToken) is not { } customer)
        {
            return CustomerNotFound();
        }

        Input = CustomerInput.From(customer);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ResolveBroker() is { } answer)
        {
            return answer;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await FindAsync(db, cancellationToken) is not { } customer)
        {
            return CustomerNotFound();
        }

        if (!ModelState.IsValid)
        {
            var page = Page();
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        Input.ApplyTo(customer);
        await db.SaveChangesAsync(cancellationToken);
        return LocalRedirect("/kunden/" + Uri.EscapeDataString(customer.CustomerRef) + "?gespeichert=true");
    }

    private Task<Customer?> FindAsync(SampleCrmDbContext db, CancellationToken cancellationToken) =>
        db.Customers.SingleOrDefaultAsync(c => c.NetworkId == Broker.NetworkId && c.BrokerPartyId == Broker.PartyId && c.CustomerRef == CustomerRef, cancellationToken);
}
