using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenLer.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Pilot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FirstSignInAt",
                table: "Jobseekers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReportKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SecretHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedByStaffId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "IX_ReportKeys_OrganizationId",
                table: "ReportKeys",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "FirstSignInAt",
                table: "Jobseekers");
        }
    }
}
