using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Hosting;

/// <summary>What a host calls on its built service provider: check the module's wiring, prepare its database.</summary>
public static class ExpertennetzwerkServiceProviderExtensions
{
    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> when storage, the customer directory, the model mapping, the
    /// interceptors or a mail sender are missing, or <see cref="OptionsValidationException"/> for invalid options. Runs at host start;
    /// call it yourself where no generic host runs.
    /// </summary>
    public static void ValidateExpertennetzwerk(this IServiceProvider services) => ExpertennetzwerkConfigurationCheck.Validate(services);

    /// <summary>
    /// Checks the module's wiring, then — holding a lock that every instance on the same database takes — applies the
    /// storage context's migrations (or, for a context without migrations, creates its schema and the search index),
    /// checks that none is left pending, and runs <paramref name="afterMigrations"/> (e.g. the host's seed) under the
    /// same lock. Instances that start together wait for each other and find the work done; an instance killed half-way
    /// leaves nothing that blocks the next start (migrations run in a transaction; the lock dies with its process).
    /// The lock is a session-level advisory lock on PostgreSQL and an OS file lock on <c>&lt;database file&gt;.prepare.lock</c>
    /// for a SQLite file; other providers rely on EF Core's own migration lock. In production prefer applying
    /// migrations as a deployment step (<c>dotnet ef database update</c> or a migration bundle) before the instances
    /// start: this call then finds nothing to apply.
    /// </summary>
    /// <param name="services">The host's root services (after <c>AddExpertennetzwerk(...)</c> chose the storage).</param>
    /// <param name="afterMigrations">Work that must also happen once per database, such as seeding; it must be idempotent.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock and the work.</param>
    /// <exception cref="InvalidOperationException">The wiring is incomplete, or migrations are still pending afterwards.</exception>
    public static Task PrepareExpertennetzwerkDatabaseAsync(
        this IServiceProvider services,
        Func<IServiceProvider, CancellationToken, Task>? afterMigrations = null,
        CancellationToken cancellationToken = default) =>
        ExpertennetzwerkDatabasePreparation.PrepareAsync(services, afterMigrations, cancellationToken);
}
