using System.Text.Json.Serialization;

namespace Expertennetzwerk.Module.HostEvents;

/// <summary>What happened, in a <see cref="ExpertennetzwerkHostEvent"/> (written by name in the outbox row).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HostEventKind>))]
public enum HostEventKind
{
    /// <summary>The broker placed the order (binding for the expert).</summary>
    OrderPlaced,

    /// <summary>The expert accepted the order.</summary>
    OrderAccepted,

    /// <summary>The expert completed the order (also a dispute resolved as completed).</summary>
    OrderCompleted,

    /// <summary>The order ended cancelled (cancelled, withdrawn by the broker, ended by a consent withdrawal, a dispute resolved as cancelled).</summary>
    OrderCancelled,

    /// <summary>Any other change of the order's state (declined, work started, information asked or given, dispute opened or resumed).</summary>
    OrderStateChanged,

    /// <summary>The data subject agreed through the consent link.</summary>
    ConsentGiven,

    /// <summary>The data subject declined through the consent link.</summary>
    ConsentDeclined,

    /// <summary>A consent was withdrawn (by link or recorded by the broker).</summary>
    ConsentWithdrawn,

    /// <summary>A message was sent in the order's thread between broker and expert.</summary>
    MessageSent,
}
