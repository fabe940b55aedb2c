using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenLer.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Employers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LoginCodes_JobseekerId_ExpiresAt",
                table: "LoginCodes");

            migrationBuilder.RenameColumn(
                name: "JobseekerId",
                table: "LoginCodes",
                newName: "AccountId");

            migrationBuilder.AddColumn<string>(
                name: "AccountKind",
                table: "LoginCodes",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "jobseeker");

            migrationBuilder.AddColumn<DateTime>(
                name: "AcceptedAt",
                table: "Employers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CompanyId",
                table: "Employers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeclinedAt",
                table: "Employers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "InvitedAt",
                table: "Employers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApplicationEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ActorKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VacancyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JobseekerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ShareId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SuggestedByOrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SuggestedByStaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DisplayNameCipher = table.Column<string>(type: "TEXT", nullable: true),
                    ContactCipher = table.Column<string>(type: "TEXT", nullable: true),
                    SelfReportedCipher = table.Column<string>(type: "TEXT", nullable: true),
                    ShareExperience = table.Column<bool>(type: "INTEGER", nullable: false),
                    WorkAuthorizationAsked = table.Column<bool>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OutcomeAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EmployerCompanies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedByOrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmployerCompanies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EmployerUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmailIndex = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EmailCipher = table.Column<string>(type: "TEXT", nullable: true),
                    NameCipher = table.Column<string>(type: "TEXT", nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    InvitedByOrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DisabledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSignInAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmployerUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Vacancies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OccupationCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Hours = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LanguagesNeeded = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequiresWorkAuthorization = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PublicToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vacancies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VacancySkills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VacancyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VacancySkills", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VacancySkills_Vacancies_VacancyId",
                        column: x => x.VacancyId,
                        principalTable: "Vacancies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LoginCodes_AccountKind_AccountId_ExpiresAt",
                table: "LoginCodes",
                columns: new[] { "AccountKind", "AccountId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Employers_CompanyId",
                table: "Employers",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_Employers_OrganizationId_CompanyId",
                table: "Employers",
                columns: new[] { "OrganizationId", "CompanyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationEvents_ApplicationId",
                table: "ApplicationEvents",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationEvents_Kind_At",
                table: "ApplicationEvents",
                columns: new[] { "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CompanyId_Stage",
                table: "Applications",
                columns: new[] { "CompanyId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_JobseekerId",
                table: "Applications",
                column: "JobseekerId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_VacancyId_JobseekerId",
                table: "Applications",
                columns: new[] { "VacancyId", "JobseekerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EmployerUsers_CompanyId",
                table: "EmployerUsers",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_EmployerUsers_EmailIndex",
                table: "EmployerUsers",
                column: "EmailIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_CompanyId_State",
                table: "Vacancies",
                columns: new[] { "CompanyId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_PublicToken",
                table: "Vacancies",
                column: "PublicToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VacancySkills_VacancyId_Code",
                table: "VacancySkills",
                columns: new[] { "VacancyId", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationEvents");

            migrationBuilder.DropTable(
                name: "Applications");

            migrationBuilder.DropTable(
                name: "EmployerCompanies");

            migrationBuilder.DropTable(
                name: "EmployerUsers");

            migrationBuilder.DropTable(
                name: "VacancySkills");

            migrationBuilder.DropTable(
                name: "Vacancies");

            migrationBuilder.DropIndex(
                name: "IX_LoginCodes_AccountKind_AccountId_ExpiresAt",
                table: "LoginCodes");

            migrationBuilder.DropIndex(
                name: "IX_Employers_CompanyId",
                table: "Employers");

            migrationBuilder.DropIndex(
                name: "IX_Employers_OrganizationId_CompanyId",
                table: "Employers");

            migrationBuilder.DropColumn(
                name: "AccountKind",
                table: "LoginCodes");

            migrationBuilder.DropColumn(
                name: "AcceptedAt",
                table: "Employers");

            migrationBuilder.DropColumn(
                name: "CompanyId",
                table: "Employers");

            migrationBuilder.DropColumn(
                name: "DeclinedAt",
                table: "Employers");

            migrationBuilder.DropColumn(
                name: "InvitedAt",
                table: "Employers");

            migrationBuilder.RenameColumn(
                name: "AccountId",
                table: "LoginCodes",
                newName: "JobseekerId");

            migrationBuilder.CreateIndex(
                name: "IX_LoginCodes_JobseekerId_ExpiresAt",
                table: "LoginCodes",
                columns: new[] { "JobseekerId", "ExpiresAt" });
        }
    }
}
