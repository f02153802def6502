using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.SampleHost.Crm;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Demo;

/// <summary>What one seeding run did.</summary>
/// <param name="CatalogCreated">True when the network, parties, services and customers were created by this run.</param>
/// <param name="OrdersCreated">How many demo orders this run created.</param>
public sealed record DemoSeedResult(bool CatalogCreated, int OrdersCreated);

/// <summary>
/// Seeds the demo network once; safe to run on every start. Master data (network, parties, users, categories, services,
/// CRM customers) is written in one transaction through the sample's own context, only when the network is missing.
/// Orders are never written directly: each demo order is created and driven by <see cref="ExpertOrderService"/> with the
/// acting <see cref="Actor"/>, and skipped when its customer already has an order (so a restart adds nothing).
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<SampleCrmDbContext> contexts,
    ExpertOrderService orders,
    ExpertOrderQueries queries,
    ConsentService consents,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    public async Task<DemoSeedResult> SeedAsync(CancellationToken cancellationToken = default)
    {
        var catalogCreated = await SeedCatalogAsync(cancellationToken);
        var ordersCreated = 0;
        foreach (var demo in DemoOrders.All)
        {
            if (await SeedOrderAsync(demo, cancellationToken))
            {
                ordersCreated++;
            }
        }

        if (catalogCreated || ordersCreated > 0)
        {
            logger.LogInformation("Demo data seeded: catalogue {CatalogCreated}, {OrdersCreated} orders.", catalogCreated, ordersCreated);
        }
        else
        {
            logger.LogInformation("Demo data already present; nothing seeded.");
        }

        return new DemoSeedResult(catalogCreated, ordersCreated);
    }

    private async Task<bool> SeedCatalogAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await DemoCatalog.IsSeededAsync(db, cancellationToken))
        {
            return false;
        }

        // CRM rows and module rows in one SaveChanges: one transaction through the host's own context.
        DemoCatalog.AddTo(db, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance on the same database may have seeded it at the same moment; anything else is a fault.
            if (await IsSeededByOtherAsync(cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    private async Task<bool> IsSeededByOtherAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DemoCatalog.IsSeededAsync(db, cancellationToken);
    }

    private async Task<bool> SeedOrderAsync(DemoOrders.DemoOrder demo, CancellationToken cancellationToken)
    {
        var existing = await queries.ListOrdersAsync(
            demo.Broker,
            new OrderListQuery { CustomerRef = demo.CustomerRef, PageSize = 1, IncludeCounts = false },
            cancellationToken);
        if (Ensure(existing, demo, "ListOrders").Items.Count > 0)
        {
            return false;
        }

        var created = await orders.CreateDraftAsync(demo.Broker, new CreateDraftCommand(demo.ServiceId, demo.CustomerRef, demo.FormDataJson), cancellationToken);
        var orderId = Ensure(created, demo, "CreateDraft").OrderId;
        await ConsentAsync(demo, orderId, cancellationToken);
        var state = OrderState.Draft;
        foreach (var step in demo.Steps)
        {
            var result = await step.Run(orders, orderId);
            if (result is Result<OrderChanged> changed)
            {
                state = Ensure(changed, demo, step.Name).State;
            }
            else
            {
                Ensure(result, demo, step.Name);
            }
        }

        if (state != demo.Target)
        {
            throw new InvalidOperationException($"Demo order for {demo.CustomerRef} ended in {state}, expected {demo.Target}.");
        }

        return true;
    }

    /// <summary>
    /// Asks every data subject the service needs consent of through the real link and, unless the order stays a draft,
    /// agrees on the consent page as the person would (a draft keeps its open request, as in the seed's walkthrough).
    /// </summary>
    private async Task ConsentAsync(DemoOrders.DemoOrder demo, Guid orderId, CancellationToken cancellationToken)
    {
        var sharing = DemoCatalog.Services.Single(s => s.Id == demo.ServiceId).Sharing;
        foreach (var subject in sharing.SubjectsNeedingConsent.Order())
        {
            var command = subject == DataSubjectKind.Customer
                ? new RequestConsentCommand(subject)
                : new RequestConsentCommand(subject, "Laura Becker", "laura.becker@example.de");
            var requested = Ensure(await consents.RequestConsentAsync(demo.Broker, orderId, command, cancellationToken: cancellationToken), demo, "RequestConsent");
            if (demo.Target != OrderState.Draft)
            {
                Ensure(await consents.DecideAsync(requested.ConsentUrl.Segments[^1], agree: true, cancellationToken), demo, "Consent");
            }
        }
    }

    private static T Ensure<T>(Result<T> result, DemoOrders.DemoOrder demo, string step)
    {
        Ensure((Result)result, demo, step);
        return result.Value;
    }

    private static void Ensure(Result result, DemoOrders.DemoOrder demo, string step)
    {
        if (!result.IsOk)
        {
            var detail = result.Refusal is { } refusal ? $"{refusal.Code} ({refusal.Text.English})" : result.ToString();
            throw new InvalidOperationException($"Seeding the demo order for customer {demo.CustomerRef} failed at {step}: {detail}.");
        }
    }
}
