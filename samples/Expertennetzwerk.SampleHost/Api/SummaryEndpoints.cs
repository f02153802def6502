using Expertennetzwerk.Module.AspNetCore;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.SampleHost.Api;

/// <summary>The summary of <c>GET /api/summary</c>.</summary>
public sealed record SummaryResponse(
    SummaryNetwork Network,
    SummaryOrders Orders,
    IReadOnlyList<SummaryService> Services,
    IReadOnlyList<SummaryParty> Parties,
    int Customers);

public sealed record SummaryNetwork(Guid Id, string Name, string OrderNumberPrefix, string TimeZone, Guid? OperatorPartyId);

/// <summary>Order counts as the operator sees them (metadata only), one entry per state, zeros included.</summary>
public sealed record SummaryOrders(long Total, IReadOnlyDictionary<string, long> ByState);

public sealed record SummaryService(
    Guid Id,
    string Title,
    string Category,
    string Expert,
    string RequiredPermission,
    long PriceCents,
    long RevenueShareCents,
    int Version,
    bool OrderableByInsuranceAdvisors);

public sealed record SummaryParty(
    Guid Id,
    string Name,
    string Kind,
    string? BrokerKind,
    string Approval,
    IReadOnlyList<SummaryRegistration> Registrations,
    IReadOnlyList<string> Users);

public sealed record SummaryRegistration(string Permission, string RegisterNumber);

/// <summary>The sample's HTTP surface until the module's own endpoints and web UI arrive: a start page and a summary.</summary>
public static class SummaryEndpoints
{
    public static IEndpointRouteBuilder MapSampleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/", () => Results.Text(
            """
            Expertennetzwerk – Beispiel-CRM (sample CRM host)

            GET /api/summary   Netzwerk, Aufträge je Status, Dienstleistungen und Parteien als JSON
                               (network, orders per state, services and parties as JSON)
            GET /mailbox       Postausgang: die Benachrichtigungen, die das Modul gemailt hätte
                               (development mailbox: the notifications the module would have mailed; JSON: /api/mailbox)
            /demo              Demo-Anmeldung: wer ist wer (demo sign-in: who is who; Development only)
            /kunden            Kundendaten des Beispiel-CRM (the sample CRM's customers)
            POST /demo/sign-in/{userId}    Demo-Anmeldung per Cookie (nur Development)
                               (demo sign-in with a cookie, Development only)
            /expertennetzwerk/api/v1/…     die HTTP-API des Moduls (the module's HTTP API), z. B. GET …/orders

            """,
            "text/plain; charset=utf-8"));
        endpoints.MapGet("/api/summary", GetSummaryAsync);
        endpoints.MapMailboxEndpoints();
        return endpoints;
    }

    private static async Task<IResult> GetSummaryAsync(
        IDbContextFactory<SampleCrmDbContext> contexts,
        ExpertOrderQueries queries,
        IOptions<ExpertennetzwerkAspNetCoreOptions> options,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var networks = db.Set<ExpertNetwork>().AsNoTracking();
        var network = options.Value.DefaultNetworkId is { } networkId
            ? await networks.SingleOrDefaultAsync(n => n.Id == networkId, cancellationToken)
            : await networks.OrderBy(n => n.Id).FirstOrDefaultAsync(cancellationToken);
        if (network?.OperatorPartyId is not { } operatorPartyId)
        {
            return Results.Problem("The network is not set up yet (no network with an operator party).", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // The operator sees every order's metadata: its per-state counts are the network's.
        var operatorUserId = await db.Set<PartyMembership>().AsNoTracking()
            .Where(m => m.NetworkId == network.Id && m.PartyId == operatorPartyId)
            .OrderBy(m => m.UserId)
            .Select(m => (Guid?)m.UserId)
            .FirstOrDefaultAsync(cancellationToken);
        if (operatorUserId is not { } operatorUser)
        {
            // The module acts only for a verified member of the operator party.
            return Results.Problem("The network is not set up yet (the operator party has no user).", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var operatorActor = Actor.Operator(network.Id, operatorPartyId, operatorUser);
        var page = await queries.ListOrdersAsync(operatorActor, new OrderListQuery { PageSize = 1 }, cancellationToken);
        if (!page.IsOk)
        {
            return Results.Problem($"Listing orders as the operator failed: {page}.", statusCode: StatusCodes.Status500InternalServerError);
        }

        var counts = page.Value.CountsByState ?? new Dictionary<OrderState, long>();
        var byState = Enum.GetValues<OrderState>().ToDictionary(s => s.ToString(), s => counts.GetValueOrDefault(s));

        var services = await (
                from service in db.Set<ExpertService>().AsNoTracking()
                join version in db.Set<ExpertServiceVersion>().AsNoTracking() on service.PublishedVersionId equals version.Id
                join category in db.Set<ServiceCategory>().AsNoTracking() on service.CategoryId equals category.Id
                join expert in db.Set<Party>().AsNoTracking() on service.ExpertPartyId equals expert.Id
                where service.NetworkId == network.Id && version.Status == ServiceVersionStatus.Published
                orderby category.SortOrder, version.Title
                select new { service.Id, version, Category = category.NameGerman, Expert = expert.Name })
            .Take(200)
            .ToListAsync(cancellationToken);

        var parties = await db.Set<Party>().AsNoTracking()
            .Include(p => p.Registrations)
            .Where(p => p.NetworkId == network.Id)
            .OrderBy(p => p.Kind).ThenBy(p => p.Name)
            .Take(200)
            .ToListAsync(cancellationToken);
        var partyIds = parties.Select(p => p.Id).ToList();
        var members = await (
                from membership in db.Set<PartyMembership>().AsNoTracking()
                join user in db.Set<NetworkUser>().AsNoTracking() on membership.UserId equals user.Id
                where membership.NetworkId == network.Id && partyIds.Contains(membership.PartyId)
                orderby user.DisplayName
                select new { membership.PartyId, user.DisplayName })
            .ToListAsync(cancellationToken);

        var customers = await db.Customers.CountAsync(c => c.NetworkId == network.Id, cancellationToken);

        return Results.Ok(new SummaryResponse(
            new SummaryNetwork(network.Id, network.Name, network.OrderNumberPrefix, network.TimeZoneId, network.OperatorPartyId),
            new SummaryOrders(byState.Values.Sum(), byState),
            services.Select(s => new SummaryService(
                s.Id,
                s.version.Title,
                s.Category,
                s.Expert,
                s.version.RequiredPermission.ToString(),
                s.version.PriceCents,
                s.version.RevenueShareCents,
                s.version.VersionNumber,
                s.version.IsOrderableBy(BrokerKind.InsuranceAdvisor))).ToList(),
            parties.Select(p => new SummaryParty(
                p.Id,
                p.Name,
                p.Kind.ToString(),
                p.BrokerKind?.ToString(),
                p.Approval.ToString(),
                p.Registrations.OrderBy(r => r.Permission).Select(r => new SummaryRegistration(r.Permission.ToString(), r.RegisterNumber)).ToList(),
                members.Where(m => m.PartyId == p.Id).Select(m => m.DisplayName).ToList())).ToList(),
            customers));
    }
}
