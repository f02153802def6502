using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Expertennetzwerk.SampleHost.Migrations
{
    /// <inheritdoc />
    public partial class DigitalMessagesAndNotificationPreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "enw_message_read_marks",
                columns: table => new
                {
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReadUpToSequence = table.Column<int>(type: "INTEGER", nullable: false),
                    ReadCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_message_read_marks", x => new { x.NetworkId, x.PartyId, x.UserId, x.OrderId });
                });

            migrationBuilder.CreateTable(
                name: "enw_message_thread_counts",
                columns: table => new
                {
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastReceivedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_message_thread_counts", x => new { x.NetworkId, x.PartyId, x.OrderId });
                });

            migrationBuilder.CreateTable(
                name: "enw_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    SenderUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SenderPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SenderPartyKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecipientPartyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecipientName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecipientAddress = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AttachmentCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enw_notification_preferences",
                columns: table => new
                {
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Delivery = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_notification_preferences", x => new { x.NetworkId, x.UserId, x.Kind });
                });

            migrationBuilder.CreateTable(
                name: "enw_message_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_message_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enw_message_attachments_enw_messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "enw_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_enw_message_attachments_MessageId",
                table: "enw_message_attachments",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_enw_messages_NetworkId_OrderId_Sequence",
                table: "enw_messages",
                columns: new[] { "NetworkId", "OrderId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enw_messages_NetworkId_RecipientPartyId_SentAt_Id",
                table: "enw_messages",
                columns: new[] { "NetworkId", "RecipientPartyId", "SentAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "enw_message_attachments");

            migrationBuilder.DropTable(
                name: "enw_message_read_marks");

            migrationBuilder.DropTable(
                name: "enw_message_thread_counts");

            migrationBuilder.DropTable(
                name: "enw_notification_preferences");

            migrationBuilder.DropTable(
                name: "enw_messages");
        }
    }
}
