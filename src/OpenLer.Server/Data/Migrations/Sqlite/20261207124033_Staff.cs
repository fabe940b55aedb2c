using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenLer.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Staff : Migration
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

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Programs",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "en");

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

            migrationBuilder.CreateIndex(
                name: "IX_ProgramTranslations_OrganizationId",
                table: "ProgramTranslations",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgramTranslations_ProgramId_Language",
                table: "ProgramTranslations",
                columns: new[] { "ProgramId", "Language" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgramTranslations");

            migrationBuilder.DropColumn(
                name: "PhoneRegion",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Programs");
        }
    }
}
