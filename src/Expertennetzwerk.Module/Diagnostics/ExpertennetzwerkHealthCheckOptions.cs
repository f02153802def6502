namespace Expertennetzwerk.Module.Diagnostics;

/// <summary>When the module's health check reports Degraded (see <c>AddExpertennetzwerkHealthChecks()</c>).</summary>
public sealed class ExpertennetzwerkHealthCheckOptions
{
    /// <summary>More outbox rows waiting for delivery than this → Degraded (default 1,000).</summary>
    public int OutboxBacklogThreshold { get; set; } = 1_000;

    /// <summary>More dead-lettered outbox rows than this → Degraded (default 0: any dead letter needs the operator).</summary>
    public int DeadLetterThreshold { get; set; }
}
