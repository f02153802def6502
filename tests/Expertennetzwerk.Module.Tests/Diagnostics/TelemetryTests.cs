using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Outbox;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Expertennetzwerk.Module.Tests.Diagnostics;

/// <summary>
/// The module's traces and metrics as a host reads them by name: an activity per use case with its outcome, commands
/// counted by trigger and outcome, outbox deliveries, retries and dead letters, the commit-to-delivery latency, and the
/// pending rows — read from the database at most once per refresh interval.
/// </summary>
public sealed class TelemetryTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Use_cases_are_activities_with_their_outcome_and_commands_are_counted_by_trigger_and_outcome(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var activities = new ConcurrentQueue<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ExpertennetzwerkDiagnostics.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem(ExpertennetzwerkDiagnostics.NetworkTag), n.NetworkId))
                {
                    activities.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);
        using var meters = new MeasurementRecorder(host);

        var orderId = await host.OrderInAsync("Placed");
        (await host.Orders.AcceptAsync(n.Expert, orderId)).IsOk.Should().BeTrue();
        (await host.Orders.AcceptAsync(n.Expert, orderId)).Status.Should().Be(ResultStatus.Refused);
        (await host.Queries.GetOrderAsync(n.Broker, orderId)).IsOk.Should().BeTrue();
        (await host.Queries.GetOrderAsync(n.OtherBroker, orderId)).Status.Should().Be(ResultStatus.NotFound);
        (await host.Queries.GetOrderAsync(n.Broker.WithUser(Guid.CreateVersion7()), orderId)).Status.Should().Be(ResultStatus.Forbidden);

        var seen = activities.Select(a => (a.OperationName, Outcome: a.GetTagItem(ExpertennetzwerkDiagnostics.OutcomeTag) as string)).ToList();
        seen.Should().Contain(("ExpertOrderService.CreateDraft", "Ok"));
        seen.Should().Contain(("Order.Place", "Ok"));
        seen.Should().Contain(("Order.Accept", "Ok")).And.Contain(("Order.Accept", "Refused"));
        seen.Where(s => s.OperationName == "ExpertOrderQueries.GetOrder").Select(s => s.Outcome).Should().BeEquivalentTo(["Ok", "NotFound", "Forbidden"]);
        activities.Should().OnlyContain(a => a.GetTagItem(ExpertennetzwerkDiagnostics.OutcomeTag) != null, "every use case ends with an outcome");
        var place = activities.First(a => a.OperationName == "Order.Place");
        place.GetTagItem(ExpertennetzwerkDiagnostics.OrderTag).Should().Be(orderId);
        place.GetTagItem(ExpertennetzwerkDiagnostics.TriggerTag).Should().Be("Place");
        place.GetTagItem(ExpertennetzwerkDiagnostics.PartyKindTag).Should().Be("Broker");

        meters.Sum("expertennetzwerk.commands", ("Place", "Ok")).Should().Be(1);
        meters.Sum("expertennetzwerk.commands", ("Accept", "Ok")).Should().Be(1);
        meters.Sum("expertennetzwerk.commands", ("Accept", "Refused")).Should().Be(1);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Outbox_deliveries_retries_dead_letters_latency_and_a_pending_gauge_with_a_floor(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, builder =>
        {
            builder.Services.AddSingleton<ScriptedMailSender>();
            builder.Services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<ScriptedMailSender>()));
        });
        var sender = host.Services.GetRequiredService<ScriptedMailSender>();
        // One mail fails once, chosen by its subject: the dispatcher sends a batch in parallel, so the first call may be any row.
        var failedOnce = 0;
        sender.Behaviour = (_, mail) =>
            mail.To[0].Address.EndsWith("@invalid.example", StringComparison.Ordinal) ? new PermanentDeliveryException("550 refused")
            : mail.Subject == "Auftrag ok:0" && Interlocked.Exchange(ref failedOnce, 1) == 0 ? new IOException("451 later")
            : null;
        using var meters = new MeasurementRecorder(host);

        await host.EnqueueMailsAsync(3, "ok");
        await host.EnqueueMailsAsync(1, "dead", _ => "nobody@invalid.example");
        meters.Observe().Should().Be(4, "four rows wait");

        await host.EnqueueMailsAsync(2, "later");
        meters.Observe().Should().Be(4, "the count is reused within the refresh interval, whatever the scrape rate");
        host.Time.Advance(ExpertennetzwerkMetrics.DefaultPendingRefreshInterval);
        meters.Observe().Should().Be(6);

        await host.DrainAsync(host.Dispatcher("telemetry"));

        meters.Sum("expertennetzwerk.outbox.delivered", eventType: OutboxEventTypes.Mail).Should().Be(5);
        meters.Sum("expertennetzwerk.outbox.retried", eventType: OutboxEventTypes.Mail).Should().Be(1);
        meters.Sum("expertennetzwerk.outbox.dead_lettered", eventType: OutboxEventTypes.Mail).Should().Be(1);
        var latencies = meters.Values("expertennetzwerk.outbox.delivery_latency", OutboxEventTypes.Mail);
        latencies.Should().HaveCount(5, "one per delivered mail (the dead letter's notice to the operator is a row of its own type)");
        latencies.Should().Contain(v => v > 0, "the retried row went out after its backoff, seconds after its commit");
        latencies.Should().OnlyContain(v => v >= 0);

        host.Time.Advance(ExpertennetzwerkMetrics.DefaultPendingRefreshInterval);
        meters.Observe().Should().Be(0);
    }

    /// <summary>Listens to the meter of one host's services only (each service provider has its own).</summary>
    private sealed class MeasurementRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
        private long? _lastPending;

        public MeasurementRecorder(ModuleHost host)
        {
            var meter = host.Services.GetRequiredService<ExpertennetzwerkMetrics>().Meter;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (instrument.Name == "expertennetzwerk.outbox.pending")
                {
                    _lastPending = value;
                    return;
                }

                _measurements.Enqueue((instrument.Name, value, ToDictionary(tags)));
            });
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, ToDictionary(tags))));
            _listener.Start();
        }

        /// <summary>Collects the observable gauge once (as a scrape would) and answers the pending rows it reported.</summary>
        public long? Observe()
        {
            _lastPending = null;
            _listener.RecordObservableInstruments();
            return _lastPending;
        }

        public double Sum(string instrument, (string Trigger, string Outcome)? command = null, string? eventType = null) =>
            _measurements.Where(m => m.Instrument == instrument
                                     && (command is null || (Equals(m.Tags[ExpertennetzwerkDiagnostics.TriggerTag], command.Value.Trigger)
                                                             && Equals(m.Tags[ExpertennetzwerkDiagnostics.OutcomeTag], command.Value.Outcome)))
                                     && (eventType is null || Equals(m.Tags[ExpertennetzwerkDiagnostics.EventTypeTag], eventType)))
                .Sum(m => m.Value);

        public List<double> Values(string instrument, string eventType) =>
            _measurements.Where(m => m.Instrument == instrument && Equals(m.Tags[ExpertennetzwerkDiagnostics.EventTypeTag], eventType)).Select(m => m.Value).ToList();

        public void Dispose() => _listener.Dispose();

        private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                result[tag.Key] = tag.Value;
            }

            return result;
        }
    }
}
