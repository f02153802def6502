namespace Expertennetzwerk.Module.Notifications;

/// <summary>How a user gets one kind of notification.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Delivery">Immediate or daily digest (Immediate when never set).</param>
public sealed record NotificationPreferenceView(NotificationKind Kind, NotificationDelivery Delivery);
