using System.Runtime.CompilerServices;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Listing;
using Expertennetzwerk.Module.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Expertennetzwerk.Module.Persistence.Dialects;

/// <summary>
/// Quoted table and column names of the module's entities, read from the model so raw SQL stays right whatever prefix,
/// schema or naming convention the host applies.
/// </summary>
internal sealed class StoreNames
{
    private static readonly ConditionalWeakTable<IModel, StoreNames> Cache = new();

    private StoreNames(IModel model)
    {
        var orders = model.FindEntityType(typeof(ExpertOrder))!;
        Orders = Table(orders);
        OrderId = Column(orders, nameof(ExpertOrder.Id));
        OrderSearchText = Column(orders, nameof(ExpertOrder.SearchText));
        OrdersTableName = orders.GetTableName()!;

        var counter = model.FindEntityType(typeof(OrderNumberCounter))!;
        Counter = Table(counter);
        CounterNetworkId = Column(counter, nameof(OrderNumberCounter.NetworkId));
        CounterYear = Column(counter, nameof(OrderNumberCounter.Year));
        CounterLastValue = Column(counter, nameof(OrderNumberCounter.LastValue));

        var counts = model.FindEntityType(typeof(OrderStateCount))!;
        Counts = Table(counts);
        CountsNetworkId = Column(counts, nameof(OrderStateCount.NetworkId));
        CountsRole = Column(counts, nameof(OrderStateCount.Role));
        CountsPartyId = Column(counts, nameof(OrderStateCount.PartyId));
        CountsState = Column(counts, nameof(OrderStateCount.State));
        CountsCount = Column(counts, nameof(OrderStateCount.Count));
        var outbox = model.FindEntityType(typeof(OutboxMessage))!;
        Outbox = Table(outbox);
        OutboxId = Column(outbox, nameof(OutboxMessage.Id));
        OutboxStatus = Column(outbox, nameof(OutboxMessage.Status));
        OutboxDueAt = Column(outbox, nameof(OutboxMessage.DueAt));
        OutboxLeaseOwner = Column(outbox, nameof(OutboxMessage.LeaseOwner));
        OutboxLeaseUntil = Column(outbox, nameof(OutboxMessage.LeaseUntil));
        OutboxSentAt = Column(outbox, nameof(OutboxMessage.SentAt));
        OutboxAttempts = Column(outbox, nameof(OutboxMessage.Attempts));
        OutboxFirstAttemptAt = Column(outbox, nameof(OutboxMessage.FirstAttemptAt));
        OutboxLastAttemptAt = Column(outbox, nameof(OutboxMessage.LastAttemptAt));
        OutboxLastError = Column(outbox, nameof(OutboxMessage.LastError));
        TablePrefix = model.FindAnnotation(ModuleModel.MarkerAnnotation)?.Value as string ?? "enw_";
        Schema = orders.GetSchema();
    }

    public string Orders { get; }
    public string OrdersTableName { get; }
    public string OrderId { get; }
    public string OrderSearchText { get; }
    public string Counter { get; }
    public string CounterNetworkId { get; }
    public string CounterYear { get; }
    public string CounterLastValue { get; }
    public string Counts { get; }
    public string CountsNetworkId { get; }
    public string CountsRole { get; }
    public string CountsPartyId { get; }
    public string CountsState { get; }
    public string CountsCount { get; }
    public string Outbox { get; }
    public string OutboxId { get; }
    public string OutboxStatus { get; }
    public string OutboxDueAt { get; }
    public string OutboxLeaseOwner { get; }
    public string OutboxLeaseUntil { get; }
    public string OutboxSentAt { get; }
    public string OutboxAttempts { get; }
    public string OutboxFirstAttemptAt { get; }
    public string OutboxLastAttemptAt { get; }
    public string OutboxLastError { get; }
    public string TablePrefix { get; }
    public string? Schema { get; }

    /// <summary>The SQLite FTS5 table that indexes order search text (see <c>AddExpertennetzwerkSearch</c>).</summary>
    public string SearchTableName => TablePrefix + "order_search";

    public static StoreNames For(IModel model) => Cache.GetValue(model, m => new StoreNames(m));

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Table(IEntityType entityType)
    {
        var schema = entityType.GetSchema();
        var table = Quote(entityType.GetTableName()!);
        return schema is null ? table : Quote(schema) + "." + table;
    }

    private static string Column(IEntityType entityType, string property)
    {
        var store = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        return Quote(entityType.FindProperty(property)!.GetColumnName(store)!);
    }
}
