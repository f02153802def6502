using System.Data.Common;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Expertennetzwerk.Module.Benchmarks.Support;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Benchmarks;

/// <summary>
/// Goal (a): one transition per invocation, Place (broker) and Accept (expert), each on a fresh order from a pool the
/// iteration setup fills. Three ways to write the same rows in one transaction: the application service
/// (<c>ExpertOrderService</c>: load, guards, workflow, save, counters), a hand-written EF Core baseline (load the
/// order, change it, add the history and outbox rows, SaveChanges, upsert the per-state counters, commit) and
/// prepared ADO.NET on one open connection (select, update with version check, two inserts, counter upsert, commit).
/// </summary>
[BenchJob(JobKind.Writes)]
public class TransitionBenchmarks : DatabaseBenchmark
{
    private const string Counts = "\"enw_order_state_counts\"";

    private static readonly string EfUpsertPlaceSql = EfUpsertSql(3);
    private static readonly string EfUpsertAcceptSql = EfUpsertSql(4);

    private TransitionPool _pool = null!;

    private DbCommand _select = null!;
    private DbCommand _updatePlace = null!;
    private DbCommand _updateAccept = null!;
    private DbCommand _insertHistory = null!;
    private DbCommand _insertOutbox = null!;
    private DbCommand _upsertPlaceCounts = null!;
    private DbCommand _upsertAcceptCounts = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync("tx", BenchSettings.TransitionDatabaseSize);
        _pool = new TransitionPool(Module);
        PrepareRawCommands();

        // Warm every path (EF's first thousands of commands are 2-3x slower), then measure on fresh pools.
        var rounds = BenchSettings.Dry ? 1 : 300;
        _pool.Refill(rounds);
        for (var i = 0; i < rounds; i++)
        {
            switch (i % 3)
            {
                case 0:
                    await Place_Module();
                    await Accept_Module();
                    break;
                case 1:
                    await Place_EfCore();
                    await Accept_EfCore();
                    await Place_EfCore_WithGuardReads();
                    await Place_EfCore_SameWork();
                    break;
                default:
                    await Place_RawAdo();
                    await Accept_RawAdo();
                    break;
            }
        }
    }

    [IterationSetup]
    public void IterationSetup() => _pool.Refill(BenchJobs.WriteInvocations + 8);

    [Benchmark, BenchmarkCategory("Place")]
    public async Task<long> Place_Module()
    {
        var order = _pool.NextDraft();
        var result = await Module.Orders.PlaceAsync(Actor.Broker(BenchNetwork.NetworkId, order.Broker, BenchNetwork.UserId), order.Id);
        return result.Value.Version;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Place")]
    public Task<long> Place_EfCore() => TransitionEfAsync(_pool.NextDraft(), OrderTrigger.Place);

    [Benchmark, BenchmarkCategory("Place")]
    public Task<long> Place_RawAdo() => TransitionRawAsync(_pool.NextDraft(), OrderTrigger.Place);

    /// <summary>The EF baseline plus the two reads Place's guards need (service version; broker party with registrations).</summary>
    [Benchmark, BenchmarkCategory("Place")]
    public Task<long> Place_EfCore_WithGuardReads() => TransitionEfAsync(_pool.NextDraft(), OrderTrigger.Place, guardReads: true);

    /// <summary>
    /// Plain EF Core doing the module's whole Place by hand: the guard reads (service version; broker party with
    /// registrations; the order's consents) and the system notice to the expert that Place writes in the same commit
    /// (message, its delivery outbox row, the expert's new thread counter), besides the rows of <see cref="Place_EfCore"/>.
    /// </summary>
    [Benchmark, BenchmarkCategory("Place")]
    public Task<long> Place_EfCore_SameWork() => TransitionEfAsync(_pool.NextDraft(), OrderTrigger.Place, guardReads: true, sameWork: true);

    [Benchmark, BenchmarkCategory("Accept")]
    public async Task<long> Accept_Module()
    {
        var order = _pool.NextPlaced();
        var result = await Module.Orders.AcceptAsync(Actor.Expert(BenchNetwork.NetworkId, order.Expert, BenchNetwork.UserId), order.Id);
        return result.Value.Version;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Accept")]
    public Task<long> Accept_EfCore() => TransitionEfAsync(_pool.NextPlaced(), OrderTrigger.Accept);

    [Benchmark, BenchmarkCategory("Accept")]
    public Task<long> Accept_RawAdo() => TransitionRawAsync(_pool.NextPlaced(), OrderTrigger.Accept);

    /// <summary>Plain EF Core: what a developer writes without the module's guards and workflow.</summary>
    private async Task<long> TransitionEfAsync(PoolOrder pool, OrderTrigger trigger, bool guardReads = false, bool sameWork = false)
    {
        var place = trigger == OrderTrigger.Place;
        await using var db = Module.CreateDbContext();
        var order = await db.Set<ExpertOrder>().SingleAsync(o => o.Id == pool.Id && o.NetworkId == BenchNetwork.NetworkId);
        string? title = null;
        if (guardReads)
        {
            var version = await db.Set<ExpertServiceVersion>().AsNoTracking().SingleAsync(v => v.Id == order.ServiceVersionId);
            var broker = await db.Set<Party>().AsNoTracking().Include(p => p.Registrations).SingleAsync(p => p.Id == order.BrokerPartyId);
            if (version.Status != ServiceVersionStatus.Published || !broker.Holds(version.RequiredPermission))
            {
                throw new InvalidOperationException("The seeded service or broker does not allow placing.");
            }

            if (sameWork)
            {
                title = version.Title;
                var consents = await db.Set<ConsentDeclaration>().Where(c => c.OrderId == order.Id && c.NetworkId == order.NetworkId).ToListAsync();
                if (consents.Any(c => c.Status != ConsentStatus.Given))
                {
                    throw new InvalidOperationException("The seeded order lacks a consent.");
                }
            }
        }

        var now = TimeProvider.System.GetUtcNow();
        var from = order.State;
        var to = place ? OrderState.Placed : OrderState.InProgress;
        order.State = to;
        if (place)
        {
            order.AssignExpert();
            order.PlacedAt = now;
        }

        order.Version++;
        order.UpdatedAt = now;
        order.HistoryCount++;
        var (partyId, partyKind) = place ? (order.BrokerPartyId, PartyKind.Broker) : (order.AssignedExpertPartyId!.Value, PartyKind.Expert);
        db.Add(new OrderHistoryEntry(
            Guid.CreateVersion7(now), order.NetworkId, order.Id, order.HistoryCount, now, BenchNetwork.UserId, partyId, partyKind,
            trigger.ToString(), from, to, null));
        db.Add(NewOutboxMessage(order.Id, order.Number, order.BrokerPartyId, order.ExpertPartyId, trigger, from, to, order.HistoryCount, now));
        if (sameWork)
        {
            var subject = $"Neuer Auftrag {order.Number}: {title}";
            var text = $"Sie haben einen neuen Auftrag erhalten: {order.Number} – {title}. Bitte prüfen Sie ihn und nehmen Sie ihn an oder lehnen Sie ihn ab.";
            var message = new DigitalMessage(
                Guid.CreateVersion7(now), order.NetworkId, order.Id, order.HistoryCount, DigitalMessageKind.SystemNotice, Guid.Empty, Guid.Empty, PartyKind.System,
                order.ExpertPartyId, null, null, subject, text, now);
            db.Add(message);
            var key = $"{order.Id:N}:message:{message.Id:N}:{order.ExpertPartyId:N}";
            var delivery = new DigitalMessageDelivery(key, order.NetworkId, order.Id, message.Id, null, order.ExpertPartyId, subject, text);
            db.Add(new OutboxMessage(
                Guid.CreateVersion7(now), order.NetworkId, order.Id, OutboxEventTypes.DigitalMessage, $"party:{order.ExpertPartyId:D}", JsonSerializer.Serialize(delivery), key, now));
            db.Add(new DigitalMessageThreadCount(order.NetworkId, order.ExpertPartyId, order.Id) { ReceivedCount = 1, LastReceivedAt = now });
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        var deltas = CountDeltas(trigger, order.BrokerPartyId, order.ExpertPartyId);
#pragma warning disable EF1003 // Built once from constants; the values are parameters.
        await db.Database.ExecuteSqlRawAsync(
            place ? EfUpsertPlaceSql : EfUpsertAcceptSql,
            deltas.SelectMany(d => new object[] { BenchNetwork.NetworkId, d.Role.ToString(), d.Party, d.State.ToString(), d.Delta }));
#pragma warning restore EF1003
        await transaction.CommitAsync();
        return order.Version;
    }

    /// <summary>Prepared ADO.NET on one open connection.</summary>
    private async Task<long> TransitionRawAsync(PoolOrder pool, OrderTrigger trigger)
    {
        var place = trigger == OrderTrigger.Place;
        Set(_select, "@id", pool.Id);
        OrderState from;
        long version;
        int historyCount;
        Guid broker, expert;
        string number;
        await using (var reader = await _select.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
            {
                throw new InvalidOperationException("Order not found.");
            }

            from = Enum.Parse<OrderState>(reader.GetString(0));
            version = reader.GetInt64(1);
            historyCount = reader.GetInt32(2);
            broker = reader.GetGuid(3);
            expert = reader.GetGuid(4);
            number = reader.GetString(5);
        }

        var now = TimeProvider.System.GetUtcNow();
        var to = place ? OrderState.Placed : OrderState.InProgress;
        var update = place ? _updatePlace : _updateAccept;
        var upsert = place ? _upsertPlaceCounts : _upsertAcceptCounts;
        await using var transaction = await Raw.BeginTransactionAsync();
        foreach (var command in new[] { update, _insertHistory, _insertOutbox, upsert })
        {
            command.Transaction = transaction;
        }

        Set(update, "@id", pool.Id);
        Set(update, "@version", version);
        Set(update, "@newVersion", version + 1);
        Set(update, "@state", to);
        Set(update, "@open", OrderStates.IsOpen(to));
        Set(update, "@history", historyCount + 1);
        Set(update, "@now", now);
        if (place)
        {
            Set(update, "@expert", expert);
        }

        if (await update.ExecuteNonQueryAsync() != 1)
        {
            throw new InvalidOperationException("The order changed concurrently.");
        }

        Set(_insertHistory, "@id", Guid.CreateVersion7(now));
        Set(_insertHistory, "@order", pool.Id);
        Set(_insertHistory, "@sequence", historyCount + 1);
        Set(_insertHistory, "@at", now);
        Set(_insertHistory, "@party", place ? broker : expert);
        Set(_insertHistory, "@kind", place ? PartyKind.Broker : PartyKind.Expert);
        Set(_insertHistory, "@event", trigger.ToString());
        Set(_insertHistory, "@from", from);
        Set(_insertHistory, "@to", to);
        await _insertHistory.ExecuteNonQueryAsync();

        var message = NewOutboxMessage(pool.Id, number, broker, expert, trigger, from, to, historyCount + 1, now);
        Set(_insertOutbox, "@id", message.Id);
        Set(_insertOutbox, "@order", pool.Id);
        Set(_insertOutbox, "@type", message.EventType);
        Set(_insertOutbox, "@recipients", message.Recipients);
        Set(_insertOutbox, "@payload", message.PayloadJson);
        Set(_insertOutbox, "@key", message.IdempotencyKey);
        Set(_insertOutbox, "@now", now);
        await _insertOutbox.ExecuteNonQueryAsync();

        var deltas = CountDeltas(trigger, broker, expert);
        for (var i = 0; i < deltas.Length; i++)
        {
            Set(upsert, $"@role{i}", deltas[i].Role);
            Set(upsert, $"@party{i}", deltas[i].Party);
            Set(upsert, $"@state{i}", deltas[i].State);
            Set(upsert, $"@delta{i}", deltas[i].Delta);
        }

        await upsert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return version + 1;
    }

    /// <summary>The counter upsert of the EF baseline, with EF's {0}-style placeholders for <paramref name="rows"/> rows.</summary>
    private static string EfUpsertSql(int rows)
    {
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(i => $"({{{i * 5}}}, {{{i * 5 + 1}}}, {{{i * 5 + 2}}}, {{{i * 5 + 3}}}, {{{i * 5 + 4}}})"));
        return $"INSERT INTO {Counts} (\"NetworkId\", \"Role\", \"PartyId\", \"State\", \"Count\") VALUES {values} " +
               $"ON CONFLICT (\"NetworkId\", \"Role\", \"PartyId\", \"State\") DO UPDATE SET \"Count\" = {Counts}.\"Count\" + excluded.\"Count\"";
    }

    /// <summary>The counter changes ExpertOrderService makes: the broker's old and new state, the assigned expert's when assigned before/after.</summary>
    private static (OrderRole Role, Guid Party, OrderState State, long Delta)[] CountDeltas(OrderTrigger trigger, Guid broker, Guid expert) =>
        trigger == OrderTrigger.Place
            ?
            [
                (OrderRole.OwningBroker, broker, OrderState.Draft, -1), (OrderRole.OwningBroker, broker, OrderState.Placed, 1),
                (OrderRole.AssignedExpert, expert, OrderState.Placed, 1),
            ]
            :
            [
                (OrderRole.OwningBroker, broker, OrderState.Placed, -1), (OrderRole.OwningBroker, broker, OrderState.InProgress, 1),
                (OrderRole.AssignedExpert, expert, OrderState.Placed, -1), (OrderRole.AssignedExpert, expert, OrderState.InProgress, 1),
            ];

    /// <summary>The "state changed" message as ExpertOrderService writes it.</summary>
    private static OutboxMessage NewOutboxMessage(
        Guid orderId, string number, Guid broker, Guid expert, OrderTrigger trigger, OrderState from, OrderState to, int sequence, DateTimeOffset now)
    {
        var place = trigger == OrderTrigger.Place;
        var recipients = place ? $"party:{broker:D} party:{expert:D}" : $"party:{broker:D}";
        var payload = JsonSerializer.Serialize(new
        {
            orderId,
            number,
            trigger = trigger.ToString(),
            from = from.ToString(),
            to = to.ToString(),
            historySequence = sequence,
        });
        return new OutboxMessage(
            Guid.CreateVersion7(now), BenchNetwork.NetworkId, orderId, place ? "order.placed" : "order.state-changed", recipients, payload,
            $"{orderId:N}:{trigger}:{sequence}", now);
    }

    private void PrepareRawCommands()
    {
        var n = BenchNetwork.NetworkId;
        var g = Guid.Empty;
        _select = Prepare(
            "SELECT \"State\", \"Version\", \"HistoryCount\", \"BrokerPartyId\", \"ExpertPartyId\", \"Number\" FROM \"enw_orders\" " +
            "WHERE \"Id\" = @id AND \"NetworkId\" = @n",
            ("@id", g), ("@n", n));
        (string, object)[] common = [("@id", g), ("@version", 0L), ("@newVersion", 0L), ("@state", "x"), ("@open", true), ("@history", 0), ("@now", 0L)];
        _updatePlace = Prepare(
            "UPDATE \"enw_orders\" SET \"State\" = @state, \"IsOpen\" = @open, \"AssignedExpertPartyId\" = @expert, \"PlacedAt\" = @now, " +
            "\"HistoryCount\" = @history, \"Version\" = @newVersion, \"UpdatedAt\" = @now WHERE \"Id\" = @id AND \"Version\" = @version",
            [.. common, ("@expert", g)]);
        _updateAccept = Prepare(
            "UPDATE \"enw_orders\" SET \"State\" = @state, \"IsOpen\" = @open, \"HistoryCount\" = @history, \"Version\" = @newVersion, " +
            "\"UpdatedAt\" = @now WHERE \"Id\" = @id AND \"Version\" = @version",
            common);
        _insertHistory = Prepare(
            "INSERT INTO \"enw_order_history\" (\"Id\", \"NetworkId\", \"OrderId\", \"Sequence\", \"At\", \"UserId\", \"PartyId\", \"PartyKind\", " +
            "\"Event\", \"FromState\", \"ToState\") VALUES (@id, @n, @order, @sequence, @at, @user, @party, @kind, @event, @from, @to)",
            ("@id", g), ("@n", n), ("@order", g), ("@sequence", 0), ("@at", 0L), ("@user", BenchNetwork.UserId), ("@party", g), ("@kind", "x"),
            ("@event", "x"), ("@from", "x"), ("@to", "x"));
        _insertOutbox = Prepare(
            "INSERT INTO \"enw_outbox\" (\"Id\", \"NetworkId\", \"OrderId\", \"EventType\", \"Recipients\", \"PayloadJson\", \"IdempotencyKey\", " +
            "\"CreatedAt\", \"DueAt\", \"Attempts\", \"Status\") VALUES (@id, @n, @order, @type, @recipients, @payload, @key, @now, @now, 0, 'Pending')",
            ("@id", g), ("@n", n), ("@order", g), ("@type", "x"), ("@recipients", "x"), ("@payload", "x"), ("@key", "x"), ("@now", 0L));
        _upsertPlaceCounts = PrepareUpsert(3);
        _upsertAcceptCounts = PrepareUpsert(4);
    }

    private DbCommand PrepareUpsert(int rows)
    {
        var parameters = new List<(string, object)> { ("@n", BenchNetwork.NetworkId) };
        for (var i = 0; i < rows; i++)
        {
            parameters.AddRange([($"@role{i}", "x"), ($"@party{i}", Guid.Empty), ($"@state{i}", "x"), ($"@delta{i}", 0L)]);
        }

        var values = string.Join(", ", Enumerable.Range(0, rows).Select(i => $"(@n, @role{i}, @party{i}, @state{i}, @delta{i})"));
        return Prepare(
            $"INSERT INTO {Counts} (\"NetworkId\", \"Role\", \"PartyId\", \"State\", \"Count\") VALUES {values} " +
            $"ON CONFLICT (\"NetworkId\", \"Role\", \"PartyId\", \"State\") DO UPDATE SET \"Count\" = {Counts}.\"Count\" + excluded.\"Count\"",
            [.. parameters]);
    }
}
