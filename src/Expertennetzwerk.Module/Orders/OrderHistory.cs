using Expertennetzwerk.Module.Common;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Orders;

/// <summary>
/// The one place an order's history grows: every entry (a transition, a consent decision, an operator's look, a
/// message) takes the next <see cref="ExpertOrder.HistoryCount"/> as its sequence. The sequence is gapless and unique
/// per order; a racing writer that took the same number fails its save on the (order, sequence) key and gets Conflict
/// (<see cref="OrderConcurrency.SaveOrConflictAsync"/>). Each entry links to the one before it in a hash chain
/// (<see cref="HistoryChain"/>) whose head the order keeps.
/// </summary>
internal static class OrderHistory
{
    /// <summary>
    /// Increments the order's history count and adds the entry with it to <paramref name="db"/> (nothing is saved).
    /// <paramref name="order"/> must be tracked by <paramref name="db"/>, so the count is saved with the entry.
    /// </summary>
    public static OrderHistoryEntry Append(
        DbContext db, ExpertOrder order, Actor actor, string eventName, OrderState from, OrderState to, string? text, DateTimeOffset now, TimeProvider time)
    {
        order.HistoryCount++;
        var entry = new OrderHistoryEntry(
            Ids.New(time), order.NetworkId, order.Id, order.HistoryCount, now, actor.UserId, actor.PartyId, actor.PartyKind, eventName, from, to, text);
        entry.Hash = HistoryChain.Link(order.HistoryHead, entry);
        order.HistoryHead = entry.Hash;
        db.Add(entry);
        return entry;
    }

    /// <summary>
    /// An entry that records something without changing the order (an operator's look, a message): the state stays,
    /// and so do <see cref="ExpertOrder.Version"/> and <see cref="ExpertOrder.UpdatedAt"/>, so the parties' expected
    /// versions remain valid.
    /// </summary>
    public static OrderHistoryEntry AppendRecord(DbContext db, ExpertOrder order, Actor actor, string eventName, string? text, DateTimeOffset now, TimeProvider time) =>
        Append(db, order, actor, eventName, order.State, order.State, text, now, time);
}
