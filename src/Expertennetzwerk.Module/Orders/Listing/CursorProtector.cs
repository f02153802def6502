using System.Buffers.Binary;
using System.Security.Cryptography;
using Expertennetzwerk.Module.Hosting;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Orders.Listing;

/// <summary>
/// Turns a keyset position into an opaque, signed cursor and back. A cursor is bound to the filter it was made for;
/// a malformed, tampered or foreign cursor reads as null.
/// </summary>
internal sealed class CursorProtector
{
    private const int MacLength = 16;
    private const int PayloadLength = 8 + 16 + 8;
    private readonly byte[] _key;

    public CursorProtector(IOptions<ExpertennetzwerkOptions> options)
    {
        _key = options.Value.CursorProtectionKey is { } key ? Convert.FromBase64String(key) : RandomNumberGenerator.GetBytes(32);
    }

    public string Protect(OrderListPosition position, ulong filterHash)
    {
        Span<byte> buffer = stackalloc byte[PayloadLength + MacLength];
        BinaryPrimitives.WriteInt64BigEndian(buffer, position.UpdatedAt.UtcTicks);
        position.Id.TryWriteBytes(buffer.Slice(8, 16));
        BinaryPrimitives.WriteUInt64BigEndian(buffer.Slice(24, 8), filterHash);
        HMACSHA256.HashData(_key, buffer[..PayloadLength])[..MacLength].CopyTo(buffer[PayloadLength..]);
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public OrderListPosition? Unprotect(string cursor, ulong filterHash)
    {
        if (cursor.Length is 0 or > 100)
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
            || BinaryPrimitives.ReadUInt64BigEndian(buffer.Slice(24, 8)) != filterHash)
        {
            return null;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(buffer);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return null;
        }

        return new OrderListPosition(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(buffer.Slice(8, 16)));
    }
}

/// <summary>Where a page ended: the last row's sort key.</summary>
internal readonly record struct OrderListPosition(DateTimeOffset UpdatedAt, Guid Id);
