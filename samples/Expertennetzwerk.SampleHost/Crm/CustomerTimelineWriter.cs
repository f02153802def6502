using Expertennetzwerk.Module.HostEvents;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Crm;

/// <summary>
/// The sample CRM's host event handler: writes each order event to the timeline of the customer the order is for (the
/// order's CRM reference under its broker party). Idempotent by the event's key: a redelivery — the outbox delivers at
/// least once — finds its key and stores nothing; two deliveries racing meet at the key's unique index.
/// </summary>
public sealed class CustomerTimelineWriter(IDbContextFactory<SampleCrmDbContext> contexts) : IExpertennetzwerkHostEventHandler
{
    public async Task HandleAsync(ExpertennetzwerkHostEvent hostEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hostEvent);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = hostEvent.IdempotencyKey;
        if (await db.CustomerTimeline.AnyAsync(e => e.IdempotencyKey == key, cancellationToken))
        {
            return;
        }

        db.CustomerTimeline.Add(new CustomerTimelineEntry
        {
            Id = Guid.CreateVersion7(),
            BrokerPartyId = hostEvent.BrokerPartyId,
            CustomerRef = hostEvent.CustomerRef,
            IdempotencyKey = key,
            Kind = hostEvent.Kind.ToString(),
            OrderId = hostEvent.OrderId,
            OrderNumber = hostEvent.OrderNumber,
            Detail = hostEvent.FromState is { } from && hostEvent.ToState is { } to ? $"{from} → {to}" : null,
            OccurredAtUtc = hostEvent.OccurredAt.UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await using var check = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await check.CustomerTimeline.AnyAsync(e => e.IdempotencyKey == key, cancellationToken))
            {
                throw; // not the race on the key: let the outbox try again
            }
        }
    }
}
