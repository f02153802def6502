using System.Globalization;
using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.SampleHost.Crm;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Pages.Kunden;

/// <summary>Creates a customer of the acting broker party; the CRM gives it the next customer number (K-…).</summary>
public sealed class NeuModel(IDbContextFactory<SampleCrmDbContext> contexts, IActorAccessor actors, IConfiguration configuration, TimeProvider time)
    : CustomerPageModel(actors, configuration)
{
    [BindProperty]
    public CustomerInput Input { get; set; } = new();

    public IActionResult OnGet() => ResolveBroker() ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ResolveBroker() is { } answer)
        {
            return answer;
        }

        if (!ModelState.IsValid)
        {
            var page = Page();
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        // Two brokers' offices may create at the same moment: the key (party, number) decides, the loser takes the next.
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var customer = new Customer
            {
                NetworkId = Broker.NetworkId,
                BrokerPartyId = Broker.PartyId,
                CustomerRef = await NextCustomerRefAsync(db, Broker.PartyId, cancellationToken),
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            };
            Input.ApplyTo(customer);
            db.Customers.Add(customer);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return LocalRedirect("/kunden/" + Uri.EscapeDataString(customer.CustomerRef));
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Taken meanwhile: try the next number.
            }
        }
    }

    /// <summary>K- and one more than the party's highest number (K-10001 for the first).</summary>
    public static async Task<string> NextCustomerRefAsync(SampleCrmDbContext db, Guid brokerPartyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var refs = await db.Customers.AsNoTracking()
            .Where(c => c.BrokerPartyId == brokerPartyId && c.CustomerRef.StartsWith("K-"))
            .Select(c => c.CustomerRef)
            .ToListAsync(cancellationToken);
        var highest = refs
            .Select(r => int.TryParse(r.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(10_000)
            .Max();
        return "K-" + (Math.Max(highest, 10_000) + 1).ToString(CultureInfo.InvariantCulture);
    }
}
