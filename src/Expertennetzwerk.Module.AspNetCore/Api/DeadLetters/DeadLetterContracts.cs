using System.Text.Json;
using System.Text.Json.Serialization;

namespace Expertennetzwerk.Module.AspNetCore.Api.DeadLetters;

// The wire shapes of the dead-letter endpoints: metadata and the error, never a payload.

internal sealed record DeadLetterResponse(
    Guid Id,
    Guid? OrderId,
    string EventType,
    string IdempotencyKey,
    DateTimeOffset CreatedAt,
    int Attempts,
    DateTimeOffset? FirstAttemptAt,
    DateTimeOffset? LastAttemptAt,
    string? LastError);

internal sealed record DeadLetterListResponse(IReadOnlyList<DeadLetterResponse> Items, string? NextCursor);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DeadLetterListResponse))]
internal sealed partial class DeadLettersJsonContext : JsonSerializerContext;
