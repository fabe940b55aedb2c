using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenLer.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatusLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StatusLists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<string>(type: "text", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusLists", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StatusLists_OrganizationId_Purpose_Number",
                table: "StatusLists",
                columns: new[] { "OrganizationId", "Purpose", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatusLists");
        }
    }
}
