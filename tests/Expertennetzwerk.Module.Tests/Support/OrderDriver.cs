using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Documents;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Listing;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Support;

/// <summary>
/// Brings orders into a state by driving the real service (never by writing rows), fires any trigger with valid
/// input, and reads what a command left behind.
/// </summary>
public static class OrderDriver
{
    /// <summary>The setups an order can be brought into: every state, plus a withdrawn draft (never seen by the expert).</summary>
    public static IReadOnlyList<string> Setups { get; } =
    [
        "Draft", "Placed", "InProgress", "AwaitingInformation", "Completed", "Declined", "Cancelled", "Disputed", "CancelledDraft",
    ];

    /// <summary>The state an order of <paramref name="setup"/> is in.</summary>
    public static OrderState StateOf(string setup) => setup == "CancelledDraft" ? OrderState.Cancelled : Enum.Parse<OrderState>(setup);

    /// <summary>
    /// A new order of the broker in <paramref name="setup"/>: Draft → Placed → InProgress (documented, so Complete is
    /// possible) → …; Disputed via OpenDispute from InProgress; Declined and Cancelled from Placed; CancelledDraft by
    /// withdrawing a draft.
    /// </summary>
    public static async Task<Guid> OrderInAsync(this ModuleHost host, string setup, string customerRef = "K-1", Guid? serviceId = null)
    {
        var n = host.Network;
        var created = await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(serviceId ?? n.ServiceId, customerRef));
        Ok(created, "CreateDraft");
        var id = created.Value.OrderId;
        await host.GiveNeededConsentsAsync(id, serviceId ?? n.ServiceId);
        switch (setup)
        {
            case "Draft":
                break;
            case "CancelledDraft":
                Ok(await host.Orders.WithdrawAsync(n.Broker, id, "Entwurf verworfen"), setup);
                break;
            case "Placed":
                Ok(await host.Orders.PlaceAsync(n.Broker, id), setup);
                break;
            case "Declined":
                Ok(await host.Orders.PlaceAsync(n.Broker, id), setup);
                Ok(await host.Orders.DeclineAsync(n.Expert, id, "Keine Kapazität"), setup);
                break;
            case "Cancelled":
                Ok(await host.Orders.PlaceAsync(n.Broker, id), setup);
                Ok(await host.Orders.WithdrawAsync(n.Broker, id, "Kunde hat abgesagt"), setup);
                break;
            default:
                Ok(await host.Orders.PlaceAsync(n.Broker, id), setup);
                Ok(await host.Orders.AcceptAsync(n.Expert, id), setup);
                Ok(await host.Orders.AddDocumentationAsync(n.Expert, id, "Unterlagen gesichtet"), setup);
                switch (setup)
                {
                    case "InProgress":
                        break;
                    case "AwaitingInformation":
                        Ok(await host.Orders.RequestInformationAsync(n.Expert, id, "Welche Police ist betroffen?"), setup);
                        break;
                    case "Completed":
                        Ok(await host.Orders.CompleteAsync(n.Expert, id), setup);
                        break;
                    case "Disputed":
                        Ok(await host.Orders.OpenDisputeAsync(n.Broker, id, "Ergebnis unvollständig"), setup);
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(setup), setup, "Unknown setup.");
                }

                break;
        }

        return id;
    }

    /// <summary>A small PDF "scan" of a signed paper form.</summary>
    public static DocumentUpload Scan() => new("Einwilligung unterschrieben.pdf", "application/pdf", "%PDF-1.4 signed consent"u8.ToArray());

    /// <summary>Records the paper consents a consent service needs (the customer's, and an employee's for the bAV service).</summary>
    public static async Task GiveNeededConsentsAsync(this ModuleHost host, Guid orderId, Guid serviceId)
    {
        var n = host.Network;
        if (serviceId == n.ConsentServiceId || serviceId == n.EmployeeConsentServiceId)
        {
            Ok(await host.Consents.RecordPaperConsentAsync(n.Broker, orderId, new RecordPaperConsentCommand(DataSubjectKind.Customer, Scan())), "RecordPaperConsent");
        }

        if (serviceId == n.EmployeeConsentServiceId)
        {
            Ok(await host.Consents.RecordPaperConsentAsync(n.Broker, orderId, new RecordPaperConsentCommand(DataSubjectKind.Employee, Scan(), "Max Angestellter")), "RecordPaperConsent");
        }
    }

    /// <summary>Fires <paramref name="trigger"/> through its service method with valid input.</summary>
    public static async Task<Result<OrderChanged>> FireAsync(this ModuleHost host, Actor actor, Guid orderId, OrderTrigger trigger)
    {
        var orders = host.Orders;
        switch (trigger)
        {
            case OrderTrigger.RequestConsent:
                var requested = await host.Consents.RequestConsentAsync(actor, orderId, new RequestConsentCommand(DataSubjectKind.Customer, Email: "erika@example.test"));
                return requested.IsOk ? new OrderChanged(orderId, string.Empty, OrderState.Draft, requested.Value.OrderVersion) : Result<OrderChanged>.From(requested);
            case OrderTrigger.RecordPaperConsent:
                var recorded = await host.Consents.RecordPaperConsentAsync(actor, orderId, new RecordPaperConsentCommand(DataSubjectKind.Customer, Scan()));
                return recorded.IsOk ? new OrderChanged(orderId, string.Empty, OrderState.Draft, recorded.Value.OrderVersion) : Result<OrderChanged>.From(recorded);
            case OrderTrigger.WithdrawConsent:
                Guid consentId;
                await using (var db = host.CreateDbContext())
                {
                    consentId = await db.Set<ConsentDeclaration>().Where(c => c.OrderId == orderId && c.Status == ConsentStatus.Given)
                        .Select(c => c.Id).FirstOrDefaultAsync();
                }

                return await host.Consents.RecordWithdrawalAsync(actor, orderId, consentId, ConsentChannel.Phone, "Anruf der Kundin");
        }

        return await (trigger switch
        {
            OrderTrigger.SaveDraft => orders.SaveDraftAsync(actor, orderId, "{}"), // fits any form whose fields a draft may leave empty
            OrderTrigger.Place => orders.PlaceAsync(actor, orderId),
            OrderTrigger.Withdraw => orders.WithdrawAsync(actor, orderId, "Kunde hat es sich anders überlegt"),
            OrderTrigger.Accept => orders.AcceptAsync(actor, orderId),
            OrderTrigger.Decline => orders.DeclineAsync(actor, orderId, "Außerhalb meines Fachgebiets"),
            OrderTrigger.SetProgressStep => orders.SetProgressStepAsync(actor, orderId, host.Network.ProgressSteps[1]),
            OrderTrigger.AddDocumentation => orders.AddDocumentationAsync(actor, orderId, "Zwischenstand dokumentiert"),
            OrderTrigger.RequestInformation => orders.RequestInformationAsync(actor, orderId, "Bitte Vertragsnummer nennen"),
            OrderTrigger.ProvideInformation => orders.ProvideInformationAsync(actor, orderId, "Vertragsnummer 4711"),
            OrderTrigger.Complete => orders.CompleteAsync(actor, orderId),
            OrderTrigger.Cancel => orders.CancelAsync(actor, orderId, "Auftrag storniert"),
            OrderTrigger.OpenDispute => orders.OpenDisputeAsync(actor, orderId, "Leistung nicht erbracht"),
            OrderTrigger.ResolveDisputeResume => orders.ResolveDisputeAsync(actor, orderId, DisputeResolution.Resume, "Weiterarbeit vereinbart"),
            OrderTrigger.ResolveDisputeComplete => orders.ResolveDisputeAsync(actor, orderId, DisputeResolution.Complete, "Leistung gilt als erbracht"),
            OrderTrigger.ResolveDisputeCancel => orders.ResolveDisputeAsync(actor, orderId, DisputeResolution.Cancel, "Auftrag aufgehoben"),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "No service method known for this trigger."),
        });
    }

    /// <summary>Asserts an Ok result, naming the step that failed.</summary>
    public static void Ok(Result result, string step) =>
        result.Status.Should().Be(ResultStatus.Ok, "step {0} must succeed, but it was {1}", step, result);

    /// <summary>The order row as stored.</summary>
    public static async Task<ExpertOrder> LoadOrderAsync(this ModuleHost host, Guid orderId)
    {
        await using var db = host.CreateDbContext();
        return await db.Set<ExpertOrder>().AsNoTracking().SingleAsync(o => o.Id == orderId);
    }

    /// <summary>The order's history entries, oldest first.</summary>
    public static async Task<List<OrderHistoryEntry>> HistoryAsync(this ModuleHost host, Guid orderId)
    {
        await using var db = host.CreateDbContext();
        return (await db.Set<OrderHistoryEntry>().AsNoTracking().Where(h => h.OrderId == orderId).ToListAsync()).OrderBy(h => h.Sequence).ToList();
    }

    /// <summary>The order's outbox rows, in the order they were written (by time, then by the history sequence in the key).</summary>
    public static async Task<List<OutboxMessage>> OutboxAsync(this ModuleHost host, Guid orderId)
    {
        await using var db = host.CreateDbContext();
        return (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.OrderId == orderId).ToListAsync())
            .OrderBy(m => m.CreatedAt).ThenBy(m => SequenceOf(m.IdempotencyKey)).ThenBy(m => m.IdempotencyKey, StringComparer.Ordinal).ToList();
    }

    private static int SequenceOf(string idempotencyKey) =>
        int.TryParse(idempotencyKey.AsSpan(idempotencyKey.LastIndexOf(':') + 1), System.Globalization.CultureInfo.InvariantCulture, out var sequence) ? sequence : int.MaxValue;

    /// <summary>How many rows each table that a command may touch holds (to prove a refused command wrote nothing).</summary>
    public static async Task<TableCounts> CountRowsAsync(this ModuleHost host)
    {
        await using var db = host.CreateDbContext();
        return new TableCounts(
            await db.Set<ExpertOrder>().CountAsync(),
            await db.Set<OrderHistoryEntry>().CountAsync(),
            await db.Set<OutboxMessage>().CountAsync(),
            await db.Set<OrderDocumentation>().CountAsync(),
            await db.Set<OrderAttachment>().CountAsync(),
            await db.Set<StoredDocument>().CountAsync(),
            await db.Set<OrderStateCount>().SumAsync(c => c.Count));
    }

    /// <summary>What one order left in the database: its token, history and outbox rows.</summary>
    public static async Task<OrderFootprint> FootprintAsync(this ModuleHost host, Guid orderId)
    {
        await using var db = host.CreateDbContext();
        var order = await db.Set<ExpertOrder>().AsNoTracking().SingleAsync(o => o.Id == orderId);
        return new OrderFootprint(
            order.State,
            order.Version,
            await db.Set<OrderHistoryEntry>().CountAsync(h => h.OrderId == orderId),
            await db.Set<OutboxMessage>().CountAsync(m => m.OrderId == orderId),
            await db.Set<OrderDocumentation>().CountAsync(d => d.OrderId == orderId));
    }
}

/// <summary>Row counts of the tables a command writes.</summary>
public sealed record TableCounts(int Orders, int History, int Outbox, int Documentation, int Attachments, int Documents, long StateCounterSum);

/// <summary>One order's token and row counts.</summary>
public sealed record OrderFootprint(OrderState State, long Version, int History, int Outbox, int Documentation);
