using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenLer.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PracticeAndGuides : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PracticeOf",
                table: "Organizations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HelpSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StaffLanguage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConsentedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    JobseekerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    JobseekerSessionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpSessions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_PracticeOf",
                table: "Organizations",
                column: "PracticeOf",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HelpSessions_ExpiresAt",
                table: "HelpSessions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_HelpSessions_TokenHash",
                table: "HelpSessions",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HelpSessions");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_PracticeOf",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "PracticeOf",
                table: "Organizations");
        }
    }
}
