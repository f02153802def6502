using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Expertennetzwerk.Module.Persistence;

/// <summary>
/// Stores an instant as UTC ticks in an integer column: sortable and comparable on every provider (SQLite cannot
/// order or compare <see cref="DateTimeOffset"/>, which it keeps as text).
/// </summary>
internal sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero))
{
    public static UtcInstantConverter Instance { get; } = new();
}
