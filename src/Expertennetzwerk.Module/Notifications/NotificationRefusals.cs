using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Notifications;

/// <summary>The refusals of the notification preferences.</summary>
public static class NotificationRefusals
{
    /// <summary>A user may read and change only their own preferences (and the system or a customer has none).</summary>
    public static Refusal OnlyOwnPreferences { get; } = new(
        "notifications.only_own_preferences",
        new LocalizedText(
            "Sie können nur Ihre eigenen Benachrichtigungseinstellungen ändern.",
            "You can only change your own notification settings."));
}
