using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Expertennetzwerk.SampleHost.MigrationsPostgres
{
    /// <inheritdoc />
    public partial class CustomerTimeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crm_customer_timeline",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BrokerPartyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerRef = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Detail = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_customer_timeline", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_crm_customer_timeline_BrokerPartyId_CustomerRef_OccurredAtU~",
                table: "crm_customer_timeline",
                columns: new[] { "BrokerPartyId", "CustomerRef", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_customer_timeline_IdempotencyKey",
                table: "crm_customer_timeline",
                column: "IdempotencyKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_customer_timeline");
        }
    }
}
