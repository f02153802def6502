using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Crm;

/// <summary>
/// The same model on PostgreSQL. EF Core migrations are provider-specific (column types, identity, SQL), so the classic
/// multi-provider pattern is used: a derived context per provider, each with its own migrations folder
/// (<c>Migrations/</c> for SQLite, <c>MigrationsPostgres/</c> for this one) and its own model snapshot. Everything else
/// (the CRM tables, the module mapping) is inherited unchanged.
/// </summary>
public sealed class SampleCrmPostgresDbContext : SampleCrmDbContext
{
    public SampleCrmPostgresDbContext(DbContextOptions<SampleCrmPostgresDbContext> options)
        : base(options)
    {
    }
}
