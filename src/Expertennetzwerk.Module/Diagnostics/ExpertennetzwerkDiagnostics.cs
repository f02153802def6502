using System.Diagnostics;
using System.Runtime.CompilerServices;
using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Diagnostics;

/// <summary>
/// The names a host subscribes to for the module's traces and metrics: one <see cref="ActivitySource"/> and one
/// <see cref="System.Diagnostics.Metrics.Meter"/>, both named <see cref="SourceName"/> (e.g. OpenTelemetry's
/// <c>AddSource(ExpertennetzwerkDiagnostics.SourceName)</c> and <c>AddMeter(ExpertennetzwerkDiagnostics.MeterName)</c>).
/// Every use case is one activity tagged with its outcome; tags carry ids, names of use cases and outcomes only, never
/// personal data or secrets.
/// </summary>
public static class ExpertennetzwerkDiagnostics
{
    /// <summary>The name of the module's <see cref="ActivitySource"/>.</summary>
    public const string SourceName = "Expertennetzwerk.Module";

    /// <summary>The name of the module's meter.</summary>
    public const string MeterName = "Expertennetzwerk.Module";

    /// <summary>Activity tag: the use case's outcome (<see cref="ResultStatus"/> by name).</summary>
    public const string OutcomeTag = "expertennetzwerk.outcome";

    /// <summary>Activity tag: the network the actor acts in.</summary>
    public const string NetworkTag = "expertennetzwerk.network.id";

    /// <summary>Activity tag: the kind of party that acts (Broker, Expert, Operator, DataSubject, System).</summary>
    public const string PartyKindTag = "expertennetzwerk.party.kind";

    /// <summary>Activity and counter tag: the workflow trigger of a command.</summary>
    public const string TriggerTag = "expertennetzwerk.trigger";

    /// <summary>Activity tag: the order a command works on.</summary>
    public const string OrderTag = "expertennetzwerk.order.id";

    /// <summary>Counter tag: an outbox row's event type.</summary>
    public const string EventTypeTag = "expertennetzwerk.event_type";

    /// <summary>The activity source of the use cases (listened to by name).</summary>
    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts the activity of one use case, named <c>{Service}.{Method}</c> (no listener: nothing is allocated). Its outcome tag is set by the <see cref="Result"/> the use case creates last (see
    /// <see cref="RecordOutcome"/>); dispose it when the use case returns.
    /// </summary>
    /// <param name="actor">Who acts (null for a data subject's link before its token checked out).</param>
    /// <param name="useCase">The use case's method (filled in by the compiler).</param>
    /// <typeparam name="TService">The application service whose use case runs.</typeparam>
    internal static Activity? StartUseCase<TService>(Actor? actor, [CallerMemberName] string useCase = "")
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(UseCaseName(typeof(TService).Name, useCase));
        if (activity is { IsAllDataRequested: true } && actor is not null)
        {
            activity.SetTag(NetworkTag, actor.NetworkId);
            activity.SetTag(PartyKindTag, actor.PartyKind.ToString());
        }

        return activity;
    }

    /// <summary>
    /// Starts the activity of one order command (<c>Order.{trigger}</c>), run by the order unit of work for every
    /// feature's command on an order.
    /// </summary>
    internal static Activity? StartCommand(Actor actor, string trigger, Guid orderId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("Order." + trigger);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(NetworkTag, actor.NetworkId);
            activity.SetTag(PartyKindTag, actor.PartyKind.ToString());
            activity.SetTag(TriggerTag, trigger);
            activity.SetTag(OrderTag, orderId);
        }

        return activity;
    }

    /// <summary>Tags <paramref name="activity"/> with the outcome its use case returned.</summary>
    internal static void Finish(Activity? activity, ResultStatus status) => activity?.SetTag(OutcomeTag, Outcome(status));

    /// <summary>
    /// Tags the current use-case activity with <paramref name="status"/>; every <see cref="Result"/> calls it when it is
    /// created, so the one a use case returns (created last) decides. A nested use case has its own activity.
    /// </summary>
    internal static void RecordOutcome(ResultStatus status)
    {
        if (Activity.Current is { } current && ReferenceEquals(current.Source, Source))
        {
            current.SetTag(OutcomeTag, Outcome(status));
            if (status == ResultStatus.Ok)
            {
                current.SetStatus(ActivityStatusCode.Unset);
            }
        }
    }

    /// <summary>The outcome's tag value (the status's name, without allocating).</summary>
    internal static string Outcome(ResultStatus status) => status switch
    {
        ResultStatus.Ok => "Ok",
        ResultStatus.NotFound => "NotFound",
        ResultStatus.Refused => "Refused",
        ResultStatus.ValidationFailed => "ValidationFailed",
        ResultStatus.Conflict => "Conflict",
        ResultStatus.Forbidden => "Forbidden",
        _ => status.ToString(),
    };

    /// <summary>The activity name of a use case: <c>{Service}.{Method}</c> without the <c>Async</c> suffix.</summary>
    internal static string UseCaseName(string service, string member) =>
        service + "." + (member.EndsWith("Async", StringComparison.Ordinal) ? member[..^5] : member);
}
