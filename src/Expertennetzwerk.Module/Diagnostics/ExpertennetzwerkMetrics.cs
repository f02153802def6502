using System.Diagnostics;
using System.Diagnostics.Metrics;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Diagnostics;

/// <summary>
/// The module's instruments on the meter <see cref="ExpertennetzwerkDiagnostics.MeterName"/> (from the host's
/// <see cref="IMeterFactory"/> when it has one, so each service provider has its own meter): commands by trigger and
/// outcome, outbox rows delivered, retried and dead-lettered by event type, the time from a row's commit to its
/// delivery, and the number of pending outbox rows — read from the database at most once per
/// <see cref="PendingRefreshInterval"/>, however often a collector scrapes.
/// </summary>
internal sealed class ExpertennetzwerkMetrics : IDisposable
{
    /// <summary>The longest a scrape reuses the last count of pending outbox rows.</summary>
    internal static readonly TimeSpan DefaultPendingRefreshInterval = TimeSpan.FromSeconds(5);

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _commands;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _latency;
    private readonly Func<IModuleDbContextFactory?> _factory;
    private readonly TimeProvider _time;
    private readonly Lock _pendingLock = new();
    private long? _pending;
    private long _pendingReadAt = long.MinValue;

    internal ExpertennetzwerkMetrics(IMeterFactory? meters, Func<IModuleDbContextFactory?> factory, TimeProvider time)
    {
        _factory = factory;
        _time = time;
        _ownsMeter = meters is null;
        _meter = meters?.Create(ExpertennetzwerkDiagnostics.MeterName) ?? new Meter(ExpertennetzwerkDiagnostics.MeterName);
        _commands = _meter.CreateCounter<long>("expertennetzwerk.commands", "{command}", "Order commands by trigger and outcome.");
        _delivered = _meter.CreateCounter<long>("expertennetzwerk.outbox.delivered", "{row}", "Outbox rows delivered, by event type.");
        _retried = _meter.CreateCounter<long>("expertennetzwerk.outbox.retried", "{row}", "Outbox deliveries that failed and will be tried again, by event type.");
        _deadLettered = _meter.CreateCounter<long>("expertennetzwerk.outbox.dead_lettered", "{row}", "Outbox rows set aside as dead letters, by event type.");
        _latency = _meter.CreateHistogram<double>("expertennetzwerk.outbox.delivery_latency", "s", "Time from an outbox row's commit to its delivery.");
        _meter.CreateObservableGauge("expertennetzwerk.outbox.pending", ObservePending, "{row}", "Outbox rows waiting for delivery (read at most every few seconds).");
    }

    /// <summary>The meter (tests listen to this instance).</summary>
    internal Meter Meter => _meter;

    /// <summary>How long a count of pending rows is reused.</summary>
    internal TimeSpan PendingRefreshInterval { get; set; } = DefaultPendingRefreshInterval;

    /// <summary>Counts one finished order command.</summary>
    internal void CommandFinished(string trigger, ResultStatus outcome) =>
        _commands.Add(1, new TagList
        {
            { ExpertennetzwerkDiagnostics.TriggerTag, trigger },
            { ExpertennetzwerkDiagnostics.OutcomeTag, ExpertennetzwerkDiagnostics.Outcome(outcome) },
        });

    /// <summary>Counts a delivered row and records how long after its commit it went out.</summary>
    internal void Delivered(string eventType, TimeSpan sinceCommit)
    {
        var tags = new TagList { { ExpertennetzwerkDiagnostics.EventTypeTag, eventType } };
        _delivered.Add(1, tags);
        _latency.Record(Math.Max(0, sinceCommit.TotalSeconds), tags);
    }

    /// <summary>Counts a failed delivery that will be tried again.</summary>
    internal void Retried(string eventType) => _retried.Add(1, new TagList { { ExpertennetzwerkDiagnostics.EventTypeTag, eventType } });

    /// <summary>Counts a row set aside as a dead letter.</summary>
    internal void DeadLettered(string eventType) => _deadLettered.Add(1, new TagList { { ExpertennetzwerkDiagnostics.EventTypeTag, eventType } });

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private IEnumerable<Measurement<long>> ObservePending()
    {
        var count = ReadPending();
        return count is { } value ? [new Measurement<long>(value)] : [];
    }

    private long? ReadPending()
    {
        lock (_pendingLock)
        {
            var now = _time.GetTimestamp();
            if (_pending is { } cached && _pendingReadAt != long.MinValue && _time.GetElapsedTime(_pendingReadAt, now) < PendingRefreshInterval)
            {
                return cached;
            }

            try
            {
                var factory = _factory();
                if (factory is null)
                {
                    return null;
                }

                // Synchronous on purpose: an observable instrument's callback is synchronous, and this runs at most once per interval.
                using var db = factory.CreateDbContext();
                _pending = db.Set<OutboxMessage>().AsNoTracking().LongCount(m => m.Status == OutboxStatus.Pending);
                _pendingReadAt = now;
                return _pending;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The database is unreachable: report nothing rather than a stale or false count (health checks say why).
                _pendingReadAt = long.MinValue;
                return null;
            }
        }
    }
}
