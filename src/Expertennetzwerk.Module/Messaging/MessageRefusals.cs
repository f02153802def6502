using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Messaging;

/// <summary>The stable codes and texts of the refusals of digital messages.</summary>
public static class MessageRefusals
{
    /// <summary>The order has no thread yet: messages start when the order is placed (a draft never reaches the expert).</summary>
    public static Refusal ThreadNotOpen { get; } = new("message.thread_not_open", new LocalizedText(
        "Nachrichten zu diesem Auftrag sind erst möglich, wenn er verbindlich bestellt ist.",
        "Messages on this order are possible only once it has been placed."));

    /// <summary>The operator reads threads but does not take part in them.</summary>
    public static Refusal OperatorCannotSend { get; } = new("message.operator_cannot_send", new LocalizedText(
        "Die Netzwerkorganisation kann in dieser Unterhaltung keine Nachrichten senden.",
        "The network operator cannot send messages in this conversation."));

    /// <summary>Only the broker party and the assigned expert party take part in a thread.</summary>
    public static Refusal NotAParticipant { get; } = new("message.not_a_participant", new LocalizedText(
        "Nur das beauftragende Maklerbüro und der beauftragte Experte nehmen an dieser Unterhaltung teil.",
        "Only the ordering broker firm and the assigned expert take part in this conversation."));

    /// <summary>The operator opens messages (personal data) only with a recorded purpose.</summary>
    public static Refusal PurposeRequired { get; } = new("message.purpose_required", new LocalizedText(
        "Nachrichten sind personenbezogene Daten: Bitte geben Sie den Zweck des Zugriffs an (er wird in der Historie festgehalten).",
        "Messages are personal data: please state the purpose of your access (it is recorded in the history)."));
}
