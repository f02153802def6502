using Expertennetzwerk.Module.Persistence.Dialects;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore.Migrations;

/// <summary>Database objects the module wants beyond the EF model, for the host's migrations.</summary>
public static class ExpertennetzwerkMigrationBuilderExtensions
{
    /// <summary>
    /// Adds the free-text search index over order number and customer name: an FTS5 trigram table with triggers on
    /// SQLite, a pg_trgm GIN index on PostgreSQL (when the extension can be created). Call it in a migration after the
    /// one that creates the module's tables; without it search still works, unindexed.
    /// </summary>
    public static MigrationBuilder AddExpertennetzwerkSearch(this MigrationBuilder migrationBuilder, string tablePrefix = "enw_", string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var sql in SearchIndexSql.Create(migrationBuilder.ActiveProvider, tablePrefix, schema))
        {
            migrationBuilder.Sql(sql, suppressTransaction: false);
        }

        return migrationBuilder;
    }

    /// <summary>Removes what <see cref="AddExpertennetzwerkSearch"/> created (for a migration's <c>Down</c>).</summary>
    public static MigrationBuilder DropExpertennetzwerkSearch(this MigrationBuilder migrationBuilder, string tablePrefix = "enw_", string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var sql in SearchIndexSql.Drop(migrationBuilder.ActiveProvider, tablePrefix, schema))
        {
            migrationBuilder.Sql(sql);
        }

        return migrationBuilder;
    }
}
