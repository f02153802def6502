using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Hosting;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Orders.Listing;

/// <summary>
/// Turns a keyset position into an opaque, signed cursor and back, for every paged list of the module. A cursor is
/// bound to the filter it was made for and to the kind of its keys; a malformed, tampered or foreign cursor is a
/// field error <c>cursor</c>.
/// </summary>
internal sealed class CursorProtector
{
    private const int MacLength = 16;

    // kind (1) | key (8, big endian) | id (16) | filter hash (8) | MAC (16)
    private const int PayloadLength = 1 + 8 + 16 + 8;
    private readonly byte[] _key;

    public CursorProtector(IOptions<ExpertennetzwerkOptions> options)
    {
        _key = options.Value.CursorProtectionKey is { } key ? Convert.FromBase64String(key) : RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>The hash a cursor is bound to: over everything that defines the list (actor, filters, page size).</summary>
    public static ulong FilterHash(string filter) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(filter)));

    public string Protect(KeysetPosition position, ulong filterHash) => Protect(KeysetKind.Instant, position.At.UtcTicks, position.Id, filterHash);

    public string Protect(KeysetSequence position, ulong filterHash) => Protect(KeysetKind.Sequence, position.Sequence, Guid.Empty, filterHash);

    /// <summary>Reads a page's cursor: null without one; a field error when it is not a valid cursor of this list.</summary>
    public KeysetPosition? Read(string? cursor, ulong filterHash, ICollection<FieldError> errors)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        if (Unprotect(cursor, filterHash, KeysetKind.Instant) is { } p
            && p.Key >= DateTimeOffset.MinValue.UtcTicks && p.Key <= DateTimeOffset.MaxValue.UtcTicks)
        {
            return new KeysetPosition(new DateTimeOffset(p.Key, TimeSpan.Zero), p.Id);
        }

        errors.Add(InputErrors.Malformed("cursor"));
        return null;
    }

    /// <inheritdoc cref="Read"/>
    public KeysetSequence? ReadSequence(string? cursor, ulong filterHash, ICollection<FieldError> errors)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        if (Unprotect(cursor, filterHash, KeysetKind.Sequence) is { } p && p.Key is >= int.MinValue and <= int.MaxValue)
        {
            return new KeysetSequence((int)p.Key);
        }

        errors.Add(InputErrors.Malformed("cursor"));
        return null;
    }

    private string Protect(KeysetKind kind, long key, Guid id, ulong filterHash)
    {
        Span<byte> buffer = stackalloc byte[PayloadLength + MacLength];
        buffer[0] = (byte)kind;
        BinaryPrimitives.WriteInt64BigEndian(buffer.Slice(1, 8), key);
        id.TryWriteBytes(buffer.Slice(9, 16));
        BinaryPrimitives.WriteUInt64BigEndian(buffer.Slice(25, 8), filterHash);
        HMACSHA256.HashData(_key, buffer[..PayloadLength])[..MacLength].CopyTo(buffer[PayloadLength..]);
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private (long Key, Guid Id)? Unprotect(string cursor, ulong filterHash, KeysetKind kind)
    {
        if (cursor.Length > 100)
        {
            return null;
        }

        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        Span<byte> buffer = stackalloc byte[PayloadLength + MacLength + 3];
        if (!Convert.TryFromBase64String(base64, buffer, out var written) || written != PayloadLength + MacLength)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(_key, buffer[..PayloadLength])[..MacLength];
        if (!CryptographicOperations.FixedTimeEquals(expected, buffer.Slice(PayloadLength, MacLength))
            || buffer[0] != (byte)kind
            || BinaryPrimitives.ReadUInt64BigEndian(buffer.Slice(25, 8)) != filterHash)
        {
            return null;
        }

        return (BinaryPrimitives.ReadInt64BigEndian(buffer.Slice(1, 8)), new Guid(buffer.Slice(9, 16)));
    }

    private enum KeysetKind : byte
    {
        Instant = 1,
        Sequence = 2,
    }
}

/// <summary>Where a page ordered by (instant desc, id desc) ended: the last row's keys.</summary>
internal readonly record struct KeysetPosition(DateTimeOffset At, Guid Id);

/// <summary>Where a page ordered by a unique sequence (desc) ended: the last row's sequence.</summary>
internal readonly record struct KeysetSequence(int Sequence);

/// <summary>The end of every keyset page: one row more than the page was read; if it came, it is dropped and the page has a next cursor.</summary>
internal static class KeysetPage
{
    public static string? Trim<T>(List<T> rows, int pageSize, Func<T, string> cursorOfLast)
    {
        if (rows.Count <= pageSize)
        {
            return null;
        }

        rows.RemoveRange(pageSize, rows.Count - pageSize);
        return cursorOfLast(rows[^1]);
    }
}
