namespace Expertennetzwerk.Module.Notifications;

/// <summary>How a user wants a kind of notification by mail. Digital messages are delivered either way.</summary>
public enum NotificationDelivery
{
    /// <summary>One mail right away (the default).</summary>
    Immediate,
    /// <summary>Collected into one mail a day at the network's digest time.</summary>
    DailyDigest,
}
