using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Expertennetzwerk.SampleHost.Migrations
{
    /// <inheritdoc />
    public partial class OutboxDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FirstAttemptAt",
                table: "enw_outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastAttemptAt",
                table: "enw_outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_enw_outbox_NetworkId_Status_LastAttemptAt_Id",
                table: "enw_outbox",
                columns: new[] { "NetworkId", "Status", "LastAttemptAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_enw_outbox_NetworkId_Status_LastAttemptAt_Id",
                table: "enw_outbox");

            migrationBuilder.DropColumn(
                name: "FirstAttemptAt",
                table: "enw_outbox");

            migrationBuilder.DropColumn(
                name: "LastAttemptAt",
                table: "enw_outbox");
        }
    }
}
