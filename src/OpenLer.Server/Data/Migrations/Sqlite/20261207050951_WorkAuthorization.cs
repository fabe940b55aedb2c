using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenLer.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkAuthorization : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Label",
                table: "Shares",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "LabelCipher",
                table: "Shares",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Nonce",
                table: "Shares",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<Guid>(
                name: "CredentialId",
                table: "ShareItems",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "Facts",
                table: "ShareItems",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "ShareItems",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PresentationCipher",
                table: "ShareItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SelfReportedId",
                table: "ShareItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DrainedAt",
                table: "DataKeys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationReasonCipher",
                table: "Credentials",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProtectedDataConsents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TextVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectedDataConsents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TokenStatusEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ListNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AllocatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenStatusEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkAuthorizationCredentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    JobseekerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SigningKeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HolderDid = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SdJwtCipher = table.Column<string>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    WalletRemovedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkAuthorizationCredentials", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkAuthorizationRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConsentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StatusCategoryCipher = table.Column<string>(type: "TEXT", nullable: true),
                    DocumentTypeCipher = table.Column<string>(type: "TEXT", nullable: true),
                    EadCategoryCipher = table.Column<string>(type: "TEXT", nullable: true),
                    DocumentNumberCipher = table.Column<string>(type: "TEXT", nullable: true),
                    ANumberCipher = table.Column<string>(type: "TEXT", nullable: true),
                    ANumberIndex = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ValidUntilCipher = table.Column<string>(type: "TEXT", nullable: true),
                    SeenOnCipher = table.Column<string>(type: "TEXT", nullable: true),
                    SeenByCipher = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastActivityAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ErasedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ErasedReason = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkAuthorizationRecords", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Shares_JobseekerId",
                table: "Shares",
                column: "JobseekerId");

            migrationBuilder.CreateIndex(
                name: "IX_ShareItems_SelfReportedId",
                table: "ShareItems",
                column: "SelfReportedId");

            migrationBuilder.CreateIndex(
                name: "IX_ProtectedDataConsents_OrganizationId_ClientId",
                table: "ProtectedDataConsents",
                columns: new[] { "OrganizationId", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_TokenStatusEntries_CredentialId",
                table: "TokenStatusEntries",
                column: "CredentialId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TokenStatusEntries_OrganizationId_ListNumber_Index",
                table: "TokenStatusEntries",
                columns: new[] { "OrganizationId", "ListNumber", "Index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkAuthorizationCredentials_JobseekerId",
                table: "WorkAuthorizationCredentials",
                column: "JobseekerId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkAuthorizationCredentials_OrganizationId_ClientId",
                table: "WorkAuthorizationCredentials",
                columns: new[] { "OrganizationId", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkAuthorizationRecords_ErasedAt_LastActivityAt",
                table: "WorkAuthorizationRecords",
                columns: new[] { "ErasedAt", "LastActivityAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkAuthorizationRecords_OrganizationId_ANumberIndex",
                table: "WorkAuthorizationRecords",
                columns: new[] { "OrganizationId", "ANumberIndex" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkAuthorizationRecords_OrganizationId_ClientId",
                table: "WorkAuthorizationRecords",
                columns: new[] { "OrganizationId", "ClientId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProtectedDataConsents");

            migrationBuilder.DropTable(
                name: "TokenStatusEntries");

            migrationBuilder.DropTable(
                name: "WorkAuthorizationCredentials");

            migrationBuilder.DropTable(
                name: "WorkAuthorizationRecords");

            migrationBuilder.DropIndex(
                name: "IX_Shares_JobseekerId",
                table: "Shares");

            migrationBuilder.DropIndex(
                name: "IX_ShareItems_SelfReportedId",
                table: "ShareItems");

            migrationBuilder.DropColumn(
                name: "LabelCipher",
                table: "Shares");

            migrationBuilder.DropColumn(
                name: "Nonce",
                table: "Shares");

            migrationBuilder.DropColumn(
                name: "Facts",
                table: "ShareItems");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "ShareItems");

            migrationBuilder.DropColumn(
                name: "PresentationCipher",
                table: "ShareItems");

            migrationBuilder.DropColumn(
                name: "SelfReportedId",
                table: "ShareItems");

            migrationBuilder.DropColumn(
                name: "DrainedAt",
                table: "DataKeys");

            migrationBuilder.DropColumn(
                name: "RevocationReasonCipher",
                table: "Credentials");

            migrationBuilder.AlterColumn<string>(
                name: "Label",
                table: "Shares",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "CredentialId",
                table: "ShareItems",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
