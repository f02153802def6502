using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Persistence.Dialects;
using Microsoft.EntityFrameworkCore.Infrastructure;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>Schema helpers for a context without migrations (tests, the module-owned context).</summary>
public static class ExpertennetzwerkDatabaseFacadeExtensions
{
    /// <summary>
    /// Creates the schema of the context when it does not exist (<c>EnsureCreated</c>) and the module's search index.
    /// Hosts with migrations use <c>migrationBuilder.AddExpertennetzwerkSearch()</c> instead. Not safe when several
    /// instances start together on one database: call <c>services.PrepareExpertennetzwerkDatabaseAsync()</c>, which runs
    /// this (or the migrations) under a lock.
    /// </summary>
    public static async Task EnsureExpertennetzwerkCreatedAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var context = database.GetService<ICurrentDbContext>().Context;
        var names = StoreNames.For(context.Model);
        foreach (var sql in SearchIndexSql.Create(database.ProviderName, names.TablePrefix, names.Schema))
        {
            await database.ExecuteSqlRawAsync(sql, cancellationToken).ConfigureAwait(false);
        }
    }
}
