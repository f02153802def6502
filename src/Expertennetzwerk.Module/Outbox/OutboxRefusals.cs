using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Outbox;

/// <summary>The refusals of <see cref="OutboxAdministration"/>.</summary>
public static class OutboxRefusals
{
    /// <summary>Only the network's operator administers the outbox.</summary>
    public static Refusal OperatorOnly { get; } = new(
        "outbox.operator_only",
        new LocalizedText(
            "Nur die Netzwerkorganisation kann nicht zustellbare Benachrichtigungen einsehen und erneut senden.",
            "Only the network operator can see and re-send undeliverable notifications."));

    /// <summary>The row is not dead-lettered (it is pending or was delivered).</summary>
    public static Refusal NotDeadLettered { get; } = new(
        "outbox.not_dead_lettered",
        new LocalizedText(
            "Diese Benachrichtigung ist nicht als unzustellbar abgelegt.",
            "This notification is not dead-lettered."));
}
