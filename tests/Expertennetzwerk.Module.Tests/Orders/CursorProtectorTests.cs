using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Orders.Listing;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>The one cursor format of every paged list: what it reads back, and what it refuses.</summary>
public sealed class CursorProtectorTests
{
    private static readonly CursorProtector Cursors = new(Options.Create(new ExpertennetzwerkOptions()));
    private static readonly ulong Filter = CursorProtector.FilterHash("list|a");

    [Fact]
    public void Positions_round_trip_with_their_typed_keys()
    {
        var position = new KeysetPosition(new DateTimeOffset(2026, 11, 28, 21, 0, 0, 123, TimeSpan.Zero), Guid.CreateVersion7());
        var errors = new List<FieldError>();

        Cursors.Read(Cursors.Protect(position, Filter), Filter, errors).Should().Be(position);
        Cursors.ReadSequence(Cursors.Protect(new KeysetSequence(42), Filter), Filter, errors).Should().Be(new KeysetSequence(42));
        Cursors.Read(null, Filter, errors).Should().BeNull();
        errors.Should().BeEmpty();
    }

    [Fact]
    public void A_tampered_foreign_or_other_kind_cursor_is_the_field_error_cursor()
    {
        var instant = Cursors.Protect(new KeysetPosition(DateTimeOffset.UnixEpoch, Guid.CreateVersion7()), Filter);
        var sequence = Cursors.Protect(new KeysetSequence(7), Filter);
        var tampered = instant[..^2] + (instant[^2] == 'A' ? "B" : "A") + instant[^1];
        var otherKey = new CursorProtector(Options.Create(new ExpertennetzwerkOptions { CursorProtectionKey = Convert.ToBase64String(new byte[32]) }));

        var cases = new (string Name, Func<List<FieldError>, object?> Read)[]
        {
            ("tampered", e => Cursors.Read(tampered, Filter, e)),
            ("another filter", e => Cursors.Read(instant, CursorProtector.FilterHash("list|b"), e)),
            ("another key", e => otherKey.Read(instant, Filter, e)),
            ("a sequence cursor read as an instant one", e => Cursors.Read(sequence, Filter, e)),
            ("an instant cursor read as a sequence one", e => Cursors.ReadSequence(instant, Filter, e)),
            ("not base64", e => Cursors.Read("***", Filter, e)),
        };
        foreach (var (name, read) in cases)
        {
            var errors = new List<FieldError>();
            read(errors).Should().BeNull(name);
            errors.Should().ContainSingle(name).Which.Field.Should().Be("cursor");
        }
    }
}
