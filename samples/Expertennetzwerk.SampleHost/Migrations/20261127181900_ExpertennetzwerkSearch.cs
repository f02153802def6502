using Expertennetzwerk.SampleHost.Crm;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Expertennetzwerk.SampleHost.Migrations;

/// <summary>
/// Hand-written: the module's free-text search index, which the EF model cannot express (on SQLite an FTS5 trigram
/// table kept by triggers). It changes no model, so it has no designer file and the snapshot stays as it is; its
/// target model is the one before it, which SQLite needs to rebuild a table when a later migration is reverted.
/// </summary>
[DbContext(typeof(SampleCrmDbContext))]
[Migration("20261127181900_ExpertennetzwerkSearch")]
public sealed class ExpertennetzwerkSearch : Migration
{
    /// <inheritdoc />
    public override IModel TargetModel => new InitialCreate().TargetModel;

    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.AddExpertennetzwerkSearch();

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropExpertennetzwerkSearch();
}
