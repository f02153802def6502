using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Expertennetzwerk.Module.Orders;

/// <summary>
/// The hash chain over an order's history: each entry's <see cref="OrderHistoryEntry.Hash"/> is SHA-256 over the previous
/// entry's hash (32 zero bytes for the first) and the entry's fields in a fixed text layout, so changing, removing or
/// reordering an entry — or the order's head — shows on verification.
/// </summary>
/// <remarks>
/// The chain covers references and facts (ids, sequence, time, actor, event, states), never plaintext personal data: the
/// party's <see cref="OrderHistoryEntry.Text"/> is left out, since erasure may pseudonymise it and must not break the
/// chain. Entries written before the chain existed have no hash and may only precede the first chained entry.
/// </remarks>
internal static class HistoryChain
{
    /// <summary>Bytes of a link.</summary>
    public const int HashLength = 32;

    private static readonly byte[] Genesis = new byte[HashLength];

    /// <summary>The hash of <paramref name="entry"/> after <paramref name="previous"/> (null: the first link).</summary>
    /// <remarks>
    /// The fields go in as one invariant text (names, not enum numbers, so reordering an enum cannot break old chains);
    /// no field can contain the separator: ids and numbers are formatted, the event and states are code names.
    /// </remarks>
    public static byte[] Link(byte[]? previous, OrderHistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var fields = string.Join(
            '|',
            "enw-history-1",
            Convert.ToHexString(previous ?? Genesis),
            entry.NetworkId.ToString("N"),
            entry.OrderId.ToString("N"),
            entry.Id.ToString("N"),
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            entry.UserId.ToString("N"),
            entry.PartyId.ToString("N"),
            entry.PartyKind.ToString(),
            entry.Event,
            entry.FromState.ToString(),
            entry.ToState.ToString());
        return SHA256.HashData(Encoding.UTF8.GetBytes(fields));
    }

    /// <summary>
    /// Checks <paramref name="entries"/> (one order's whole history) against their links and the order's
    /// <paramref name="head"/>; null when the chain holds, else the first sequence number where it breaks (0 when only the
    /// head does not match).
    /// </summary>
    public static int? FirstBreak(IEnumerable<OrderHistoryEntry> entries, byte[]? head)
    {
        ArgumentNullException.ThrowIfNull(entries);
        byte[]? previous = null;
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            if (entry.Hash is null)
            {
                if (previous is not null)
                {
                    return entry.Sequence; // an unchained entry after the chain began: removed or forged
                }

                continue;
            }

            if (!CryptographicOperations.FixedTimeEquals(entry.Hash, Link(previous, entry)))
            {
                return entry.Sequence;
            }

            previous = entry.Hash;
        }

        return (previous is null && head is null) || (previous is not null && head is not null && previous.AsSpan().SequenceEqual(head)) ? null : 0;
    }
}
