using Expertennetzwerk.SampleHost.Crm;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Expertennetzwerk.SampleHost.MigrationsPostgres;

/// <summary>
/// Hand-written: the module's free-text search index, which the EF model cannot express (on PostgreSQL a pg_trgm GIN
/// index, skipped with the unindexed fallback left working when the extension cannot be created). It changes no
/// model, so it has no designer file and the snapshot stays as it is.
/// </summary>
[DbContext(typeof(SampleCrmPostgresDbContext))]
[Migration("20261127181900_ExpertennetzwerkSearch")]
public sealed class ExpertennetzwerkSearch : Migration
{
    /// <inheritdoc />
    public override IModel TargetModel => new InitialCreate().TargetModel;

    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.AddExpertennetzwerkSearch();

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropExpertennetzwerkSearch();
}
