namespace Expertennetzwerk.Module.Notifications;

/// <summary>A user's choice for one <see cref="NotificationKind"/>; a kind without a row is <see cref="NotificationDelivery.Immediate"/>.</summary>
public sealed class NotificationPreference
{
    /// <summary>Creates a preference.</summary>
    public NotificationPreference(Guid networkId, Guid userId, NotificationKind kind, NotificationDelivery delivery, DateTimeOffset updatedAt)
    {
        NetworkId = networkId;
        UserId = userId;
        Kind = kind;
        Delivery = delivery;
        UpdatedAt = updatedAt;
    }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>The user.</summary>
    public Guid UserId { get; private set; }

    /// <summary>The kind of notification.</summary>
    public NotificationKind Kind { get; private set; }

    /// <summary>Immediate or daily digest.</summary>
    public NotificationDelivery Delivery { get; internal set; }

    /// <summary>When it was last set.</summary>
    public DateTimeOffset UpdatedAt { get; internal set; }
}
