using Expertennetzwerk.Module.Persistence;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>Attaches the module's interceptors to a context's options.</summary>
public static class ExpertennetzwerkDbContextOptionsExtensions
{
    /// <summary>
    /// Adds the module's interceptors (SQLite connection pragmas; the outbox wake-up after a commit that wrote outbox
    /// rows; the reset of the actor check's cache after a commit that changed memberships, parties, networks or users).
    /// Call it where the host configures its own context
    /// when it uses <c>UseDbContext&lt;THostContext&gt;()</c>; the module checks at start-up that it was called.
    /// </summary>
    public static DbContextOptionsBuilder AddExpertennetzwerkInterceptors(this DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        return optionsBuilder.AddInterceptors(
            ExpertennetzwerkConnectionInterceptor.Instance,
            OutboxWakeUpInterceptor.Instance,
            OutboxCommitInterceptor.Instance);
    }
}
