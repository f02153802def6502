namespace Expertennetzwerk.Module.Persistence.Dialects;

/// <summary>PostgreSQL: upserts with ON CONFLICT; search by LIKE over a pg_trgm GIN index when the extension exists.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override string Name => "postgresql";
}
