using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Expertennetzwerk.SampleHost.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crm_customers",
                columns: table => new
                {
                    BrokerPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerRef = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CompanyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Street = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_customers", x => new { x.BrokerPartyId, x.CustomerRef });
                });

            migrationBuilder.CreateTable(
                name: "enw_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_documents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enw_networks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrderNumberPrefix = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OperatorPartyId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_networks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enw_order_documentation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_order_documentation", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enw_order_history",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FromState = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ToState = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_order_history", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enw_order_number_counters",
                columns: table => new
                {
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    LastValue = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_order_number_counters", x => new { x.NetworkId, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "enw_order_state_counts",
                columns: table => new
                {
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_order_state_counts", x => new { x.NetworkId, x.Role, x.PartyId, x.State });
                });

            migrationBuilder.CreateTable(
                name: "enw_orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BrokerPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExpertPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssignedExpertPartyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerRef = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CustomerDisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CustomerSnapshotJson = table.Column<string>(type: "TEXT", nullable: false),
                    FormDataJson = table.Column<string>(type: "TEXT", nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 240, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    IsOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    DisputedFromState = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    ProgressStep = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DocumentationCount = table.Column<int>(type: "INTEGER", nullable: false),
                    HistoryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PlacedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_orders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enw_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Recipients = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PayloadJson = table.Column<string>(type: "TEXT", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enw_parties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BrokerKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Approval = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    VatStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TaxId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_parties", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enw_party_memberships",
                columns: table => new
                {
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_party_memberships", x => new { x.NetworkId, x.UserId, x.PartyId });
                });

            migrationBuilder.CreateTable(
                name: "enw_service_categories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NameGerman = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEnglish = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_service_categories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enw_service_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    RequiredPermission = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PriceCents = table.Column<long>(type: "INTEGER", nullable: false),
                    RevenueShareCents = table.Column<long>(type: "INTEGER", nullable: false),
                    FeeKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FeeValue = table.Column<long>(type: "INTEGER", nullable: false),
                    AcceptWithinBusinessDays = table.Column<int>(type: "INTEGER", nullable: false),
                    CompleteWithinBusinessDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgressSteps = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FormDefinitionJson = table.Column<string>(type: "TEXT", nullable: false),
                    DataCategoriesJson = table.Column<string>(type: "TEXT", nullable: false),
                    TemplatesJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_service_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enw_services",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExpertPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublishedVersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_services", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enw_users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enw_order_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_order_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enw_order_attachments_enw_order_documentation_DocumentationId",
                        column: x => x.DocumentationId,
                        principalTable: "enw_order_documentation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "enw_party_registrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Permission = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RegisterNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enw_party_registrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enw_party_registrations_enw_parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "enw_parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_crm_customers_NetworkId_BrokerPartyId_LastName",
                table: "crm_customers",
                columns: new[] { "NetworkId", "BrokerPartyId", "LastName" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_documents_NetworkId_CreatedAt",
                table: "enw_documents",
                columns: new[] { "NetworkId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_order_attachments_DocumentationId",
                table: "enw_order_attachments",
                column: "DocumentationId");

            migrationBuilder.CreateIndex(
                name: "IX_enw_order_documentation_NetworkId_OrderId_At",
                table: "enw_order_documentation",
                columns: new[] { "NetworkId", "OrderId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_order_history_NetworkId_OrderId_Sequence",
                table: "enw_order_history",
                columns: new[] { "NetworkId", "OrderId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enw_orders_NetworkId_AssignedExpertPartyId_IsOpen_UpdatedAt_Id",
                table: "enw_orders",
                columns: new[] { "NetworkId", "AssignedExpertPartyId", "IsOpen", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_orders_NetworkId_AssignedExpertPartyId_UpdatedAt_Id",
                table: "enw_orders",
                columns: new[] { "NetworkId", "AssignedExpertPartyId", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_orders_NetworkId_BrokerPartyId_CustomerRef",
                table: "enw_orders",
                columns: new[] { "NetworkId", "BrokerPartyId", "CustomerRef" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_orders_NetworkId_BrokerPartyId_State_UpdatedAt_Id",
                table: "enw_orders",
                columns: new[] { "NetworkId", "BrokerPartyId", "State", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_orders_NetworkId_BrokerPartyId_UpdatedAt_Id",
                table: "enw_orders",
                columns: new[] { "NetworkId", "BrokerPartyId", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_orders_NetworkId_Number",
                table: "enw_orders",
                columns: new[] { "NetworkId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enw_orders_NetworkId_State_UpdatedAt_Id",
                table: "enw_orders",
                columns: new[] { "NetworkId", "State", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_orders_NetworkId_UpdatedAt_Id",
                table: "enw_orders",
                columns: new[] { "NetworkId", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_outbox_IdempotencyKey",
                table: "enw_outbox",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enw_outbox_Status_DueAt",
                table: "enw_outbox",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_parties_NetworkId_Kind",
                table: "enw_parties",
                columns: new[] { "NetworkId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_party_memberships_NetworkId_PartyId",
                table: "enw_party_memberships",
                columns: new[] { "NetworkId", "PartyId" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_party_registrations_PartyId",
                table: "enw_party_registrations",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_enw_service_categories_NetworkId_Key",
                table: "enw_service_categories",
                columns: new[] { "NetworkId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enw_service_versions_NetworkId_ServiceId_VersionNumber",
                table: "enw_service_versions",
                columns: new[] { "NetworkId", "ServiceId", "VersionNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enw_services_NetworkId_CategoryId",
                table: "enw_services",
                columns: new[] { "NetworkId", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_services_NetworkId_ExpertPartyId",
                table: "enw_services",
                columns: new[] { "NetworkId", "ExpertPartyId" });

            migrationBuilder.CreateIndex(
                name: "IX_enw_users_NetworkId_Email",
                table: "enw_users",
                columns: new[] { "NetworkId", "Email" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_customers");

            migrationBuilder.DropTable(
                name: "enw_documents");

            migrationBuilder.DropTable(
                name: "enw_networks");

            migrationBuilder.DropTable(
                name: "enw_order_attachments");

            migrationBuilder.DropTable(
                name: "enw_order_history");

            migrationBuilder.DropTable(
                name: "enw_order_number_counters");

            migrationBuilder.DropTable(
                name: "enw_order_state_counts");

            migrationBuilder.DropTable(
                name: "enw_orders");

            migrationBuilder.DropTable(
                name: "enw_outbox");

            migrationBuilder.DropTable(
                name: "enw_party_memberships");

            migrationBuilder.DropTable(
                name: "enw_party_registrations");

            migrationBuilder.DropTable(
                name: "enw_service_categories");

            migrationBuilder.DropTable(
                name: "enw_service_versions");

            migrationBuilder.DropTable(
                name: "enw_services");

            migrationBuilder.DropTable(
                name: "enw_users");

            migrationBuilder.DropTable(
                name: "enw_order_documentation");

            migrationBuilder.DropTable(
                name: "enw_parties");
        }
    }
}
