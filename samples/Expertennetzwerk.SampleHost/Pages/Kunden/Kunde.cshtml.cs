using System.Globalization;
using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.SampleHost.Crm;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Pages.Kunden;

/// <summary>
/// A customer of the acting broker party: the master data, the tab "neue Experten-Dienstleistung" (choose a service of
/// the module's catalogue, then "Experten-Dienstleistung bestellen" opens the module's order form for this customer),
/// and the tab "Verlauf": what happened to the customer's orders, from the module's host events.
/// </summary>
public sealed class KundeModel(IDbContextFactory<SampleCrmDbContext> contexts, ServiceCatalog catalog, IActorAccessor actors, IConfiguration configuration)
    : CustomerPageModel(actors, configuration)
{
    public const string OrderTab = "neue-experten-dienstleistung";
    public const string TimelineTab = "verlauf";

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    [BindProperty(SupportsGet = true)]
    public string CustomerRef { get; set; } = string.Empty;

    /// <summary>The open tab: master data (none), <see cref="OrderTab"/> or <see cref="TimelineTab"/>.</summary>
    [BindProperty(SupportsGet = true, Name = "tab")]
    public string? Tab { get; set; }

    /// <summary>A service chosen beforehand (e.g. coming back from the catalogue).</summary>
    [BindProperty(SupportsGet = true, Name = "serviceId")]
    public Guid? ServiceId { get; set; }

    [BindProperty(SupportsGet = true, Name = "gespeichert")]
    public bool Saved { get; set; }

    public Customer Customer { get; private set; } = null!;

    /// <summary>The catalogue by category (the tab "neue Experten-Dienstleistung").</summary>
    public IReadOnlyList<(string Category, IReadOnlyList<CatalogEntry> Services)> Services { get; private set; } = [];

    public IReadOnlyList<CustomerTimelineEntry> Timeline { get; private set; } = [];

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>The module's new-order page, which the service choice's form opens with serviceId and customerRef.</summary>
    public string NewOrderAction => ModulePrefix + "/orders/new";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ResolveBroker() is { } answer)
        {
            return answer;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking()
            .SingleOrDefaultAsync(c => c.NetworkId == Broker.NetworkId && c.BrokerPartyId == Broker.PartyId && c.CustomerRef == CustomerRef, cancellationToken);
        if (customer is null)
        {
            return CustomerNotFound();
        }

        Customer = customer;
        var zoneId = await db.Set<ExpertNetwork>().AsNoTracking().Where(n => n.Id == Broker.NetworkId).Select(n => n.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId ?? "Europe/Berlin", out var zone) ? zone : TimeZoneInfo.Utc;
        if (Tab == OrderTab)
        {
            var entries = await catalog.ListAsync(Broker, cancellationToken: cancellationToken);
            var categories = await catalog.ListCategoriesAsync(Broker, cancellationToken);
            if (entries.IsOk && categories.IsOk)
            {
                Services = categories.Value
                    .Select(c => (c.NameGerman, (IReadOnlyList<CatalogEntry>)entries.Value.Where(e => e.CategoryId == c.Id).ToList()))
                    .Where(c => c.Item2.Count > 0)
                    .ToList();
            }
        }
        else if (Tab == TimelineTab)
        {
            Timeline = await db.CustomerTimeline.AsNoTracking()
                .Where(e => e.BrokerPartyId == Broker.PartyId && e.CustomerRef == CustomerRef)
                .OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id)
                .Take(200)
                .ToListAsync(cancellationToken);
        }

        return Page();
    }

    public string TabUrl(string? tab) => "/kunden/" + Uri.EscapeDataString(CustomerRef) + (tab is null ? string.Empty : "?tab=" + tab);

    public string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString("dd.MM.yyyy HH:mm", German);

    public static string Money(long cents) => (cents / 100m).ToString("#,##0.00 €", German);

    public static string NotOrderable(CatalogEntry entry) => entry.NotOrderableBecause?.Text.Get(German) ?? "Für Ihr Büro nicht bestellbar.";

    /// <summary>A host event's kind in the broker's words.</summary>
    public static string Event(string kind) => kind switch
    {
        "OrderPlaced" => "Auftrag verbindlich erteilt",
        "OrderAccepted" => "Auftrag vom Experten angenommen",
        "OrderCompleted" => "Auftrag abgeschlossen",
        "OrderCancelled" => "Auftrag beendet (storniert)",
        "OrderStateChanged" => "Status geändert",
        "ConsentGiven" => "Einwilligung erteilt",
        "ConsentDeclined" => "Einwilligung abgelehnt",
        "ConsentWithdrawn" => "Einwilligung widerrufen",
        "MessageSent" => "Nachricht im Auftrag",
        _ => kind,
    };

    /// <summary>"Placed → InProgress" with the states' German names.</summary>
    public static string? Detail(string? detail) => detail?.Split(" → ") is [var from, var to] ? State(from) + " → " + State(to) : detail;

    private static string State(string state) => state switch
    {
        "Draft" => "Entwurf",
        "Placed" => "Verbindlich bestellt",
        "InProgress" => "In Bearbeitung",
        "AwaitingInformation" => "Rückfrage offen",
        "Completed" => "Erledigt",
        "Declined" => "Abgelehnt",
        "Cancelled" => "Storniert",
        "Disputed" => "Reklamiert",
        _ => state,
    };
}
