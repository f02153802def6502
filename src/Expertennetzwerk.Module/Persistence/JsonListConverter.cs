using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Expertennetzwerk.Module.Persistence;

/// <summary>Stores a list of strings as a JSON array in a text column, the same on every provider.</summary>
internal sealed class JsonListConverter() : ValueConverter<IReadOnlyList<string>, string>(
    v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
    v => JsonSerializer.Deserialize<List<string>>(v, (JsonSerializerOptions?)null) ?? new List<string>())
{
    public static ValueComparer<IReadOnlyList<string>> Comparer { get; } = new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
        v => v.ToList());
}
