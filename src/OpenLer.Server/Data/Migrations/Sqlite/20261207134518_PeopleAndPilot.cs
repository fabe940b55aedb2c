using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenLer.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeopleAndPilot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PhoneRegion",
                table: "Sites",
                type: "TEXT",
                maxLength: 2,
                nullable: false,
                defaultValue: "US");

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstOpenNoticeAt",
                table: "Shares",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TokenCipher",
                table: "Shares",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Programs",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstSignInAt",
                table: "Jobseekers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProgramTranslations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgramId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Criteria = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramTranslations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgramTranslations_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedByStaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ShareItems_CredentialId",
                table: "ShareItems",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_Enrollments_OrganizationId_EnrolledAt",
                table: "Enrollments",
                columns: new[] { "OrganizationId", "EnrolledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_ShareId",
                table: "Applications",
                column: "ShareId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgramTranslations_OrganizationId",
                table: "ProgramTranslations",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgramTranslations_ProgramId_Language",
                table: "ProgramTranslations",
                columns: new[] { "ProgramId", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportKeys_OrganizationId",
                table: "ReportKeys",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgramTranslations");

            migrationBuilder.DropTable(
                name: "ReportKeys");

            migrationBuilder.DropIndex(
                name: "IX_ShareItems_CredentialId",
                table: "ShareItems");

            migrationBuilder.DropIndex(
                name: "IX_Enrollments_OrganizationId_EnrolledAt",
                table: "Enrollments");

            migrationBuilder.DropIndex(
                name: "IX_Applications_ShareId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "PhoneRegion",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "FirstOpenNoticeAt",
                table: "Shares");

            migrationBuilder.DropColumn(
                name: "TokenCipher",
                table: "Shares");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "FirstSignInAt",
                table: "Jobseekers");
        }
    }
}
