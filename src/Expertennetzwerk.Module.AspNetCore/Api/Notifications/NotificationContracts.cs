using System.Text.Json;
using System.Text.Json.Serialization;
using Expertennetzwerk.Module.Notifications;

namespace Expertennetzwerk.Module.AspNetCore.Api.Notifications;

// The wire shapes of the notification-preference endpoints.

internal sealed record NotificationPreferenceRequest(NotificationDelivery? Delivery);

internal sealed record NotificationPreferenceResponse(NotificationKind Kind, NotificationDelivery Delivery);

internal sealed record NotificationPreferencesResponse(IReadOnlyList<NotificationPreferenceResponse> Items);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(NotificationPreferenceRequest))]
[JsonSerializable(typeof(NotificationPreferencesResponse))]
internal sealed partial class NotificationsJsonContext : JsonSerializerContext;
