using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Expertennetzwerk.SampleHost.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BrokerPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerRef = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_customer_timeline", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_crm_customer_timeline_BrokerPartyId_CustomerRef_OccurredAtUtc",
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
