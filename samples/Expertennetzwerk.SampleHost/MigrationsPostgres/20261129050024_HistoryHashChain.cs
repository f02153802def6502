using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Expertennetzwerk.SampleHost.MigrationsPostgres
{
    /// <inheritdoc />
    public partial class HistoryHashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "HistoryHead",
                table: "enw_orders",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Hash",
                table: "enw_order_history",
                type: "bytea",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HistoryHead",
                table: "enw_orders");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "enw_order_history");
        }
    }
}
