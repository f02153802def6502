using System.Text.Json;

namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// Writes and reads outbox payloads (<see cref="OutboxMessage.PayloadJson"/>) the way the module's handlers expect:
/// web defaults (camelCase), read case-insensitively.
/// </summary>
internal static class OutboxPayloads
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Serializes a payload.</summary>
    public static string Serialize<T>(T payload) => JsonSerializer.Serialize(payload, Options);

    /// <summary>
    /// Reads the payload of <paramref name="message"/> as <typeparamref name="T"/>; a payload that cannot be read will
    /// never be readable, so it throws <see cref="Ports.PermanentDeliveryException"/> (the row is dead-lettered).
    /// </summary>
    public static T Deserialize<T>(OutboxMessage message)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return JsonSerializer.Deserialize<T>(message.PayloadJson, Options)
                ?? throw new Ports.PermanentDeliveryException($"The {message.EventType} row's payload is empty.");
        }
        catch (JsonException ex)
        {
            throw new Ports.PermanentDeliveryException($"The {message.EventType} row's payload is not a {typeof(T).Name}: {ex.Message}", ex);
        }
    }
}
