using System.Text;
using System.Text.Json;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Npgsql;

namespace Expertennetzwerk.Module.LoadTests;

/// <summary>The invariants read straight from the database after the run, each as a number.</summary>
public sealed record InvariantFigures
{
    public long Orders { get; init; }
    public long HistoryEntries { get; init; }
    public long ReplayMismatches { get; init; }
    public long HistoryGaps { get; init; }
    public long HistoryCountMismatches { get; init; }
    public long HashChainsVerified { get; init; }
    public long HashChainBreaks { get; init; }
    public long CounterRows { get; init; }
    public long CounterMismatches { get; init; }
    public long HostileTraces { get; init; }
    public long MailRows { get; init; }
    public long MailRowsSent { get; init; }
    public long MailDeliveriesExpected { get; init; }
    public long MailDeliveriesMissing { get; init; }
    public long DeadLettersMarkedRecipient { get; init; }
    public long DeadLettersOther { get; init; }
    public long MarkedRecipientDelivered { get; init; }
    public long PendingDueAfterRecovery { get; init; }
    public long AcceptedMails { get; init; }
    public long AcceptedMailsWithoutRow { get; init; }
    public long DuplicateDeliveries { get; init; }
    public long DuplicatesInFlightAtKill { get; init; }
    public long DuplicatesLeaseOutlivedInOutage { get; init; }
    public long DuplicatesUnexplained { get; init; }
    public IReadOnlyList<string> Samples { get; init; } = [];
}

/// <summary>When the chaos happened, to tell the causes of duplicate mails apart.</summary>
/// <param name="KillAt">When the killed process had exited.</param>
/// <param name="KilledSender">The envelope sender of the killed process.</param>
/// <param name="OutageFrom">When the SMTP server went down.</param>
/// <param name="OutageTo">When it came back.</param>
/// <param name="Lease">The outbox lease.</param>
/// <param name="ServerDelay">How long the SMTP server may still take to record a message it was sent before the kill.</param>
public sealed record ChaosTimes(DateTimeOffset? KillAt, string? KilledSender, DateTimeOffset? OutageFrom, DateTimeOffset? OutageTo, TimeSpan Lease, TimeSpan ServerDelay);

public static class Invariants
{
    public static async Task<InvariantFigures> CheckAsync(string connectionString, FlakySmtpServer smtp, ChaosTimes chaos, string messageIdDomain)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var samples = new List<string>();
        void Sample(string text)
        {
            if (samples.Count < 30)
            {
                samples.Add(text);
            }
        }

        // 1. Every order's state is the replay of its history; sequences 1..n without gaps.
        var states = new Dictionary<Guid, (string State, int HistoryCount)>();
        await foreach (var row in QueryAsync(db, """SELECT "Id", "State", "HistoryCount" FROM enw_orders"""))
        {
            states[row.GetGuid(0)] = (row.GetString(1), row.GetInt32(2));
        }

        long entries = 0, replay = 0, gaps = 0, countMismatch = 0;
        var history = new Dictionary<Guid, List<(int Sequence, string From, string To)>>();
        await foreach (var row in QueryAsync(db, """SELECT "OrderId", "Sequence", "FromState", "ToState" FROM enw_order_history ORDER BY "OrderId", "Sequence" """))
        {
            entries++;
            var orderId = row.GetGuid(0);
            if (!history.TryGetValue(orderId, out var list))
            {
                history[orderId] = list = [];
            }

            list.Add((row.GetInt32(1), row.GetString(2), row.GetString(3)));
        }

        foreach (var (orderId, (state, historyCount)) in states)
        {
            var list = history.GetValueOrDefault(orderId) ?? [];
            string? replayed = null;
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Sequence != i + 1)
                {
                    gaps++;
                    Sample($"order {orderId}: sequence {list[i].Sequence} at position {i + 1}");
                    break;
                }

                if (replayed is not null && list[i].From != replayed)
                {
                    replay++;
                    Sample($"order {orderId}: entry {list[i].Sequence} starts in {list[i].From}, the replay is in {replayed}");
                }

                replayed = list[i].To;
            }

            if (replayed != state)
            {
                replay++;
                Sample($"order {orderId}: state {state}, history replays to {replayed ?? "nothing"}");
            }

            if (historyCount != list.Count)
            {
                countMismatch++;
                Sample($"order {orderId}: HistoryCount {historyCount}, {list.Count} entries");
            }
        }

        // 1b. Every order's history hash chain verifies, with the module's own link function, up to the order's head.
        var heads = new Dictionary<Guid, byte[]?>();
        await foreach (var row in QueryAsync(db, """SELECT "Id", "HistoryHead" FROM enw_orders"""))
        {
            heads[row.GetGuid(0)] = row.IsDBNull(1) ? null : (byte[])row.GetValue(1);
        }

        var chains = new Dictionary<Guid, List<OrderHistoryEntry>>();
        await foreach (var row in QueryAsync(db, """
            SELECT "Id", "NetworkId", "OrderId", "Sequence", "At", "UserId", "PartyId", "PartyKind", "Event", "FromState", "ToState", "Hash"
            FROM enw_order_history
            """))
        {
            var entry = new OrderHistoryEntry(
                row.GetGuid(0), row.GetGuid(1), row.GetGuid(2), row.GetInt32(3), new DateTimeOffset(row.GetInt64(4), TimeSpan.Zero),
                row.GetGuid(5), row.GetGuid(6), Enum.Parse<PartyKind>(row.GetString(7)), row.GetString(8),
                Enum.Parse<OrderState>(row.GetString(9)), Enum.Parse<OrderState>(row.GetString(10)), text: null)
            {
                Hash = row.IsDBNull(11) ? null : (byte[])row.GetValue(11),
            };
            (chains.TryGetValue(entry.OrderId, out var chain) ? chain : chains[entry.OrderId] = []).Add(entry);
        }

        long chainsVerified = 0, chainBreaks = 0;
        foreach (var (orderId, head) in heads)
        {
            if (HistoryChain.FirstBreak(chains.GetValueOrDefault(orderId) ?? [], head) is { } broken)
            {
                chainBreaks++;
                Sample($"order {orderId}: the history's hash chain breaks at sequence {broken}");
            }
            else
            {
                chainsVerified++;
            }
        }

        // 2. The per-state counters equal a GROUP BY over the orders.
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync(db, """SELECT "Role", "PartyId", "State", "Count" FROM enw_order_state_counts WHERE "Count" <> 0"""))
        {
            counters[$"{row.GetString(0)}/{row.GetGuid(1)}/{row.GetString(2)}"] = row.GetInt64(3);
        }

        var grouped = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync(db, """
            SELECT 'OwningBroker', "BrokerPartyId", "State", count(*) FROM enw_orders GROUP BY "BrokerPartyId", "State"
            UNION ALL
            SELECT 'AssignedExpert', "AssignedExpertPartyId", "State", count(*) FROM enw_orders WHERE "AssignedExpertPartyId" IS NOT NULL GROUP BY "AssignedExpertPartyId", "State"
            """))
        {
            grouped[$"{row.GetString(0)}/{row.GetGuid(1)}/{row.GetString(2)}"] = row.GetInt64(3);
        }

        long counterMismatches = 0;
        foreach (var key in counters.Keys.Union(grouped.Keys))
        {
            if (counters.GetValueOrDefault(key) != grouped.GetValueOrDefault(key))
            {
                counterMismatches++;
                Sample($"counter {key}: {counters.GetValueOrDefault(key)} kept, {grouped.GetValueOrDefault(key)} counted");
            }
        }

        // 3. Hostile requests left no trace.
        var marker = "%" + Simulation.HostileMarker + "%";
        long hostileTraces = 0;
        foreach (var sql in new[]
                 {
                     """SELECT count(*) FROM enw_order_history WHERE "Text" LIKE @m""",
                     """SELECT count(*) FROM enw_order_documentation WHERE "Text" LIKE @m""",
                     """SELECT count(*) FROM enw_orders WHERE "FormDataJson" LIKE @m""",
                 })
        {
            await using var command = new NpgsqlCommand(sql, db);
            command.Parameters.AddWithValue("m", marker);
            hostileTraces += (long)(await command.ExecuteScalarAsync())!;
        }

        // 4. Every planned mail delivered at least once per Message-ID and recipient; the marked recipient's dead.
        var accepted = smtp.Accepted.ToList();
        var received = new Dictionary<string, List<AcceptedMail>>(StringComparer.Ordinal);
        foreach (var mail in accepted)
        {
            foreach (var recipient in mail.Recipients)
            {
                var key = Key(mail.MessageId, recipient);
                if (!received.TryGetValue(key, out var copies))
                {
                    received[key] = copies = [];
                }

                copies.Add(mail);
            }
        }

        var knownIds = new HashSet<string>(StringComparer.Ordinal);
        long mailRows = 0, sent = 0, expected = 0, missing = 0, deadMarked = 0, deadOther = 0, markedDelivered = 0;
        await foreach (var row in QueryAsync(db, """SELECT "IdempotencyKey", "EventType", "Status", "PayloadJson", "LastError" FROM enw_outbox"""))
        {
            var messageId = MessageId(row.GetString(0), messageIdDomain);
            knownIds.Add(messageId);
            if (row.GetString(1) != "mail")
            {
                continue;
            }

            mailRows++;
            var status = row.GetString(2);
            var recipients = Recipients(row.GetString(3));
            if (status == "Sent")
            {
                sent++;
                foreach (var recipient in recipients)
                {
                    expected++;
                    if (!received.ContainsKey(Key(messageId, recipient)))
                    {
                        missing++;
                        Sample($"mail {messageId} to a recipient was marked sent but never accepted");
                    }

                    if (string.Equals(recipient, DemoNetwork.MarkedRecipient, StringComparison.OrdinalIgnoreCase))
                    {
                        markedDelivered++;
                    }
                }
            }
            else if (status == "DeadLettered")
            {
                if (recipients.Count > 0 && recipients.All(r => string.Equals(r, DemoNetwork.MarkedRecipient, StringComparison.OrdinalIgnoreCase)))
                {
                    deadMarked++;
                }
                else
                {
                    deadOther++;
                    Sample($"mail {messageId} dead-lettered: {row.GetValue(4)}");
                }
            }
        }

        var pendingDue = await WaitingAsync(connectionString);

        var withoutRow = accepted.LongCount(m => !knownIds.Contains(m.MessageId.Trim('<', '>')));

        // 5. Duplicates by cause.
        long duplicates = 0, atKill = 0, leaseOutlived = 0, unexplained = 0;
        foreach (var (key, copies) in received.Where(r => r.Value.Count > 1))
        {
            duplicates += copies.Count - 1;
            var first = copies.MinBy(c => c.At)!;
            if (chaos.KillAt is { } killAt && first.From == chaos.KilledSender && first.At <= killAt + chaos.ServerDelay && first.At >= killAt - chaos.Lease - chaos.ServerDelay)
            {
                atKill += copies.Count - 1;
            }
            else if (chaos.OutageFrom is { } from && first.At >= from - chaos.Lease && first.At <= (chaos.OutageTo ?? DateTimeOffset.MaxValue) + chaos.Lease)
            {
                leaseOutlived += copies.Count - 1;
            }
            else
            {
                unexplained += copies.Count - 1;
                Sample($"duplicate {key}: {string.Join(", ", copies.Select(c => $"{c.From} at {c.At:HH:mm:ss.fff}"))}");
            }
        }

        return new InvariantFigures
        {
            Orders = states.Count,
            HistoryEntries = entries,
            ReplayMismatches = replay,
            HistoryGaps = gaps,
            HistoryCountMismatches = countMismatch,
            HashChainsVerified = chainsVerified,
            HashChainBreaks = chainBreaks,
            CounterRows = counters.Count,
            CounterMismatches = counterMismatches,
            HostileTraces = hostileTraces,
            MailRows = mailRows,
            MailRowsSent = sent,
            MailDeliveriesExpected = expected,
            MailDeliveriesMissing = missing,
            DeadLettersMarkedRecipient = deadMarked,
            DeadLettersOther = deadOther,
            MarkedRecipientDelivered = markedDelivered,
            PendingDueAfterRecovery = pendingDue,
            AcceptedMails = accepted.Count,
            AcceptedMailsWithoutRow = withoutRow,
            DuplicateDeliveries = duplicates,
            DuplicatesInFlightAtKill = atKill,
            DuplicatesLeaseOutlivedInOutage = leaseOutlived,
            DuplicatesUnexplained = unexplained,
            Samples = samples,
        };
    }

    /// <summary>
    /// Pending rows that are due or retrying (due within ten minutes); rows scheduled further ahead, such as the daily
    /// digest, wait for their hour by design.
    /// </summary>
    private const string Waiting = """ "Status" = 'Pending' AND "DueAt" <= @horizon """;

    /// <summary>How many rows are still waiting (optionally only among <paramref name="among"/>).</summary>
    public static async Task<long> WaitingAsync(string connectionString, IReadOnlyCollection<Guid>? among = null)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM enw_outbox WHERE" + Waiting + (among is null ? string.Empty : """ AND "Id" = ANY(@ids)"""), db);
        command.Parameters.AddWithValue("horizon", Horizon());
        if (among is not null)
        {
            command.Parameters.AddWithValue("ids", among.ToArray());
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The waiting rows' ids.</summary>
    public static Task<IReadOnlyList<Guid>> WaitingRowsAsync(string connectionString) =>
        IdsAsync(connectionString, "SELECT \"Id\" FROM enw_outbox WHERE" + Waiting, ("horizon", Horizon()));

    /// <summary>The rows <paramref name="leaseOwner"/> holds a live lease on.</summary>
    public static Task<IReadOnlyList<Guid>> LeasedByAsync(string connectionString, string leaseOwner) =>
        IdsAsync(connectionString, """SELECT "Id" FROM enw_outbox WHERE "Status" = 'Pending' AND "LeaseOwner" = @owner AND "LeaseUntil" > @now""",
            ("owner", leaseOwner), ("now", DateTimeOffset.UtcNow.UtcTicks));

    /// <summary>Rows among <paramref name="ids"/> still pending under <paramref name="leaseOwner"/>'s lease.</summary>
    public static async Task<long> StillLeasedByAsync(string connectionString, IReadOnlyCollection<Guid> ids, string leaseOwner)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM enw_outbox WHERE "Id" = ANY(@ids) AND "Status" = 'Pending' AND "LeaseOwner" = @owner""", db);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("owner", leaseOwner);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static long Horizon() => DateTimeOffset.UtcNow.AddMinutes(10).UtcTicks;

    private static async Task<IReadOnlyList<Guid>> IdsAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static string Key(string messageId, string recipient) => messageId.Trim('<', '>') + " " + recipient.ToLowerInvariant();

    /// <summary>The Message-ID the module builds from an idempotency key (letters, digits and '-' kept, other bytes as =XX).</summary>
    public static string MessageId(string idempotencyKey, string domain)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(idempotencyKey))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('=').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.Append('@').Append(domain).ToString();
    }

    private static List<string> Recipients(string payloadJson)
    {
        try
        {
            using var document = JsonDocument.Parse(payloadJson);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.Equals("to", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Array)
                {
                    return [.. property.Value.EnumerateArray().Select(Address).Where(a => a.Length > 0)];
                }
            }
        }
        catch (JsonException)
        {
        }

        return [];

        static string Address(JsonElement to)
        {
            if (to.ValueKind == JsonValueKind.String)
            {
                return to.GetString()!.ToLowerInvariant();
            }

            foreach (var property in to.EnumerateObject())
            {
                if (property.Name.Equals("address", StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value.GetString()?.ToLowerInvariant() ?? string.Empty;
                }
            }

            return string.Empty;
        }
    }

    private static async IAsyncEnumerable<NpgsqlDataReader> QueryAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            yield return reader;
        }
    }
}
