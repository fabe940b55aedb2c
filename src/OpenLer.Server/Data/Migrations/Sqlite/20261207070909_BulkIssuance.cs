using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenLer.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BulkIssuance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BulkImportRows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PayloadCipher = table.Column<string>(type: "TEXT", nullable: true),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ProblemDetail = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkImportRows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulkImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FileHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Encoding = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TotalRows = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidRows = table.Column<int>(type: "INTEGER", nullable: false),
                    InvalidRows = table.Column<int>(type: "INTEGER", nullable: false),
                    AlreadyIssuedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    Issued = table.Column<int>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulkIssuanceKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkIssuanceKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatusListAllocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    SigningKeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Allocated = table.Column<byte[]>(type: "BLOB", nullable: false),
                    AllocatedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusListAllocations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BulkImportRows_ImportId_Line",
                table: "BulkImportRows",
                columns: new[] { "ImportId", "Line" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulkImportRows_ImportId_State_Line",
                table: "BulkImportRows",
                columns: new[] { "ImportId", "State", "Line" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkImports_OrganizationId_CreatedAt",
                table: "BulkImports",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkImports_State",
                table: "BulkImports",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_BulkIssuanceKeys_OrganizationId_Key",
                table: "BulkIssuanceKeys",
                columns: new[] { "OrganizationId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatusListAllocations_OrganizationId_Purpose_Number",
                table: "StatusListAllocations",
                columns: new[] { "OrganizationId", "Purpose", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatusListAllocations_OrganizationId_SigningKeyId",
                table: "StatusListAllocations",
                columns: new[] { "OrganizationId", "SigningKeyId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulkImportRows");

            migrationBuilder.DropTable(
                name: "BulkImports");

            migrationBuilder.DropTable(
                name: "BulkIssuanceKeys");

            migrationBuilder.DropTable(
                name: "StatusListAllocations");
        }
    }
}
