using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Notifications;

/// <summary>A user reads and changes only their own preferences; unset kinds are immediate.</summary>
public sealed class NotificationPreferencesTests
{
    public static TheoryData<DatabaseKind> Kinds() => new(Enum.GetValues<DatabaseKind>());

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task Preferences_default_to_immediate_and_can_be_changed_by_their_user_only(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var anna = kit.N.Broker;

        var initial = await kit.Preferences.GetAsync(anna);
        initial.Value.Should().HaveCount(Enum.GetValues<NotificationKind>().Length).And.OnlyContain(p => p.Delivery == NotificationDelivery.Immediate);

        OrderDriver.Ok(await kit.Preferences.SetAsync(anna, kit.Anna, NotificationKind.MessageReceived, NotificationDelivery.DailyDigest), "Set");
        OrderDriver.Ok(await kit.Preferences.SetAsync(anna, kit.Anna, NotificationKind.MessageReceived, NotificationDelivery.DailyDigest), "Set again");
        var after = (await kit.Preferences.GetAsync(anna)).Value;
        after.Single(p => p.Kind == NotificationKind.MessageReceived).Delivery.Should().Be(NotificationDelivery.DailyDigest);
        after.Where(p => p.Kind != NotificationKind.MessageReceived).Should().OnlyContain(p => p.Delivery == NotificationDelivery.Immediate);
        (await kit.Preferences.GetAsync(kit.N.Broker.WithUser(kit.Ben))).Value.Should().OnlyContain(p => p.Delivery == NotificationDelivery.Immediate, "Ben's are his own");

        OrderDriver.Ok(await kit.Preferences.SetAsync(anna, kit.Anna, NotificationKind.MessageReceived, NotificationDelivery.Immediate), "Set back");
        (await kit.Preferences.GetAsync(anna)).Value.Should().OnlyContain(p => p.Delivery == NotificationDelivery.Immediate);
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task Someone_elses_preferences_bad_values_and_unknown_users_are_answered_clearly(DatabaseKind kind)
    {
        await using var kit = await NotificationKit.StartAsync(kind);
        var anna = kit.N.Broker;

        var foreign = await kit.Preferences.SetAsync(anna, kit.Ben, NotificationKind.OrderPlaced, NotificationDelivery.DailyDigest);
        foreign.Status.Should().Be(ResultStatus.Refused);
        foreign.Refusal!.Code.Should().Be("notifications.only_own_preferences");
        (await kit.Preferences.SetAsync(kit.N.System, Guid.Empty, NotificationKind.OrderPlaced, NotificationDelivery.DailyDigest)).Status.Should().Be(ResultStatus.Refused);
        (await kit.Preferences.GetAsync(kit.N.System)).Status.Should().Be(ResultStatus.Refused);

        var invalid = await kit.Preferences.SetAsync(anna, kit.Anna, (NotificationKind)99, (NotificationDelivery)7);
        invalid.Status.Should().Be(ResultStatus.ValidationFailed);
        invalid.FieldErrors.Select(e => e.Field).Should().BeEquivalentTo(["kind", "delivery"]);

        var stranger = Guid.CreateVersion7();
        (await kit.Preferences.SetAsync(kit.N.Broker.WithUser(stranger), stranger, NotificationKind.OrderPlaced, NotificationDelivery.DailyDigest))
            .Status.Should().Be(ResultStatus.Forbidden, "a user who is no member of the party cannot act for it");
        (await kit.Preferences.GetAsync(kit.N.Broker.WithUser(kit.Ben))).Value.Should().OnlyContain(p => p.Delivery == NotificationDelivery.Immediate, "nothing was written");
    }
}
