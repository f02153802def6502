using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Expertennetzwerk.SampleHost.Migrations
{
    /// <inheritdoc />
    public partial class ServiceVersionReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ConcurrencyStamp",
                table: "enw_services",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "CreatedByUserId",
                table: "enw_service_versions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectionReason",
                table: "enw_service_versions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReviewedAt",
                table: "enw_service_versions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReviewedByUserId",
                table: "enw_service_versions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConcurrencyStamp",
                table: "enw_services");

            migrationBuilder.DropColumn(
                name: "CreatedByUserId",
                table: "enw_service_versions");

            migrationBuilder.DropColumn(
                name: "RejectionReason",
                table: "enw_service_versions");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "enw_service_versions");

            migrationBuilder.DropColumn(
                name: "ReviewedByUserId",
                table: "enw_service_versions");
        }
    }
}
