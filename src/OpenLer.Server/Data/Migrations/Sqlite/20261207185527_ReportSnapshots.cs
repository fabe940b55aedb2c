using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenLer.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportSnapshots",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BuildMilliseconds = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSnapshots", x => x.OrganizationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Shares_CreatedAt",
                table: "Shares",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ShareOpens_OpenedAt",
                table: "ShareOpens",
                column: "OpenedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Jobseekers_FirstSignInAt",
                table: "Jobseekers",
                column: "FirstSignInAt");

            migrationBuilder.CreateIndex(
                name: "IX_Enrollments_OrganizationId_CompletedAt",
                table: "Enrollments",
                columns: new[] { "OrganizationId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_OrganizationId_IssuedAt",
                table: "Credentials",
                columns: new[] { "OrganizationId", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_AppliedAt",
                table: "Applications",
                column: "AppliedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationEvents_At",
                table: "ApplicationEvents",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_Shares_CreatedAt",
                table: "Shares");

            migrationBuilder.DropIndex(
                name: "IX_ShareOpens_OpenedAt",
                table: "ShareOpens");

            migrationBuilder.DropIndex(
                name: "IX_Jobseekers_FirstSignInAt",
                table: "Jobseekers");

            migrationBuilder.DropIndex(
                name: "IX_Enrollments_OrganizationId_CompletedAt",
                table: "Enrollments");

            migrationBuilder.DropIndex(
                name: "IX_Credentials_OrganizationId_IssuedAt",
                table: "Credentials");

            migrationBuilder.DropIndex(
                name: "IX_Applications_AppliedAt",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_ApplicationEvents_At",
                table: "ApplicationEvents");
        }
    }
}
