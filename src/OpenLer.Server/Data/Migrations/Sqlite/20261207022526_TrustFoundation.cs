using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenLer.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrustFoundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Clients_Jobseekers_JobseekerId",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_LoginCodes_JobseekerId",
                table: "LoginCodes");

            migrationBuilder.DropIndex(
                name: "IX_Jobseekers_Contact",
                table: "Jobseekers");

            migrationBuilder.DropIndex(
                name: "IX_Clients_OrganizationId_JobseekerId",
                table: "Clients");



            migrationBuilder.DropColumn(
                name: "Used",
                table: "LoginCodes");

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "LoginCodes",
                type: "INTEGER",
                nullable: false, defaultValue: 0);

            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "Jobseekers");

            migrationBuilder.AddColumn<string>(
                name: "NameCipher",
                table: "Jobseekers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.DropColumn(
                name: "FailedCodeAttempts",
                table: "Jobseekers");

            migrationBuilder.AddColumn<bool>(
                name: "Notifications",
                table: "Jobseekers",
                type: "INTEGER",
                nullable: false, defaultValue: true);

            migrationBuilder.AlterColumn<string>(
                name: "Description",
                table: "SelfReported",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "DescriptionCipher",
                table: "SelfReported",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "JobseekerId",
                table: "LoginCodes",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "BindingHash",
                table: "LoginCodes",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAt",
                table: "LoginCodes",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "CreatedByStaffId",
                table: "LoginCodes",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "LoginCodes",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "OrganizationId",
                table: "LoginCodes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UsedAt",
                table: "LoginCodes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "DisplayName",
                table: "Jobseekers",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<string>(
                name: "Contact",
                table: "Jobseekers",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedAt",
                table: "Jobseekers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactCipher",
                table: "Jobseekers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactIndex",
                table: "Jobseekers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactKind",
                table: "Jobseekers",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "CreatedByOrganizationId",
                table: "Jobseekers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSignInAt",
                table: "Jobseekers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EvidenceCipher",
                table: "Enrollments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Json",
                table: "Credentials",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "HolderDid",
                table: "Credentials",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JsonCipher",
                table: "Credentials",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SigningKeyId",
                table: "Credentials",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "JobseekerId",
                table: "Clients",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "ContactCipher",
                table: "Clients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactIndex",
                table: "Clients",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Clients",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Link",
                table: "Clients",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameCipher",
                table: "Clients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DisabledAt",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MustChangePassword",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AccountNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JobseekerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SeenAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditRecords",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    TargetKind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    TargetId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditRecords", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "ClientInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JobseekerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeclinedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientInvitations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<Guid>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    WrappedKey = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Fragment = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PublicKeyMultibase = table.Column<string>(type: "TEXT", nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", nullable: false),
                    StatusListNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SignInThrottles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LockedUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInThrottles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StaffSiteGrants",
                columns: table => new
                {
                    StaffUserId = table.Column<string>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffSiteGrants", x => new { x.StaffUserId, x.SiteId });
                });

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Ticket = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IdleMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Device = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WalletKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JobseekerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Did = table.Column<string>(type: "TEXT", nullable: false),
                    PublicKeyMultibase = table.Column<string>(type: "TEXT", nullable: false),
                    PrivateKeyCipher = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WalletKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SelfReported_JobseekerId",
                table: "SelfReported",
                column: "JobseekerId");

            migrationBuilder.CreateIndex(
                name: "IX_LoginCodes_ExpiresAt",
                table: "LoginCodes",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_LoginCodes_JobseekerId_ExpiresAt",
                table: "LoginCodes",
                columns: new[] { "JobseekerId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Jobseekers_ContactIndex",
                table: "Jobseekers",
                column: "ContactIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Clients_OrganizationId_ContactIndex",
                table: "Clients",
                columns: new[] { "OrganizationId", "ContactIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Clients_OrganizationId_JobseekerId",
                table: "Clients",
                columns: new[] { "OrganizationId", "JobseekerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_OrganizationId_SiteId",
                table: "Clients",
                columns: new[] { "OrganizationId", "SiteId" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountNotices_JobseekerId_SeenAt",
                table: "AccountNotices",
                columns: new[] { "JobseekerId", "SeenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_OrganizationId_At",
                table: "AuditRecords",
                columns: new[] { "OrganizationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_TargetKind_TargetId",
                table: "AuditRecords",
                columns: new[] { "TargetKind", "TargetId" });

            migrationBuilder.CreateIndex(
                name: "IX_ClientInvitations_ClientId",
                table: "ClientInvitations",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientInvitations_JobseekerId_ExpiresAt",
                table: "ClientInvitations",
                columns: new[] { "JobseekerId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DataKeys_Scope_Purpose_CreatedAt",
                table: "DataKeys",
                columns: new[] { "Scope", "Purpose", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationKeys_OrganizationId_Fragment",
                table: "OrganizationKeys",
                columns: new[] { "OrganizationId", "Fragment" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignInThrottles_WindowStart",
                table: "SignInThrottles",
                column: "WindowStart");

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_ExpiresAt",
                table: "UserSessions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_Kind_SubjectId",
                table: "UserSessions",
                columns: new[] { "Kind", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_WalletKeys_CredentialId",
                table: "WalletKeys",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_WalletKeys_Did",
                table: "WalletKeys",
                column: "Did",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WalletKeys_JobseekerId",
                table: "WalletKeys",
                column: "JobseekerId");

            migrationBuilder.AddForeignKey(
                name: "FK_Clients_Jobseekers_JobseekerId",
                table: "Clients",
                column: "JobseekerId",
                principalTable: "Jobseekers",
                principalColumn: "Id");

            // Each organization's existing key becomes its first signing key (key-1, status list 1).
            migrationBuilder.Sql("INSERT INTO \"OrganizationKeys\" (\"Id\", \"OrganizationId\", \"Fragment\", \"PublicKeyMultibase\", \"ProtectedPrivateKey\", \"StatusListNumber\", \"CreatedAt\") SELECT \"Id\", \"Id\", 'key-1', \"PublicKeyMultibase\", \"ProtectedPrivateKey\", 1, \"CreatedAt\" FROM \"Organizations\"");

            // Old sign-in codes (unbound) and the clear-text outbox of codes are removed.
            migrationBuilder.Sql("DELETE FROM \"LoginCodes\"");
            migrationBuilder.Sql("DELETE FROM \"Outbox\"");

            migrationBuilder.DropColumn(
                name: "ProtectedPrivateKey",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "PublicKeyMultibase",
                table: "Organizations");

            // The audit trail is append-only: the database refuses UPDATE and DELETE on it.
            migrationBuilder.Sql("CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON \"AuditRecords\" BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON \"AuditRecords\" BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_records_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_records_no_delete;");

            migrationBuilder.DropForeignKey(
                name: "FK_Clients_Jobseekers_JobseekerId",
                table: "Clients");

            migrationBuilder.DropTable(
                name: "AccountNotices");

            migrationBuilder.DropTable(
                name: "AuditRecords");

            migrationBuilder.DropTable(
                name: "ClientInvitations");

            migrationBuilder.DropTable(
                name: "DataKeys");

            migrationBuilder.DropTable(
                name: "OrganizationKeys");

            migrationBuilder.DropTable(
                name: "SignInThrottles");

            migrationBuilder.DropTable(
                name: "StaffSiteGrants");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropTable(
                name: "WalletKeys");

            migrationBuilder.DropIndex(
                name: "IX_SelfReported_JobseekerId",
                table: "SelfReported");

            migrationBuilder.DropIndex(
                name: "IX_LoginCodes_ExpiresAt",
                table: "LoginCodes");

            migrationBuilder.DropIndex(
                name: "IX_LoginCodes_JobseekerId_ExpiresAt",
                table: "LoginCodes");

            migrationBuilder.DropIndex(
                name: "IX_Jobseekers_ContactIndex",
                table: "Jobseekers");

            migrationBuilder.DropIndex(
                name: "IX_Clients_OrganizationId_ContactIndex",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_OrganizationId_JobseekerId",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_OrganizationId_SiteId",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "DescriptionCipher",
                table: "SelfReported");

            migrationBuilder.DropColumn(
                name: "BindingHash",
                table: "LoginCodes");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "LoginCodes");

            migrationBuilder.DropColumn(
                name: "CreatedByStaffId",
                table: "LoginCodes");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "LoginCodes");

            migrationBuilder.DropColumn(
                name: "OrganizationId",
                table: "LoginCodes");

            migrationBuilder.DropColumn(
                name: "UsedAt",
                table: "LoginCodes");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "Jobseekers");

            migrationBuilder.DropColumn(
                name: "ContactCipher",
                table: "Jobseekers");

            migrationBuilder.DropColumn(
                name: "ContactIndex",
                table: "Jobseekers");

            migrationBuilder.DropColumn(
                name: "ContactKind",
                table: "Jobseekers");

            migrationBuilder.DropColumn(
                name: "CreatedByOrganizationId",
                table: "Jobseekers");

            migrationBuilder.DropColumn(
                name: "LastSignInAt",
                table: "Jobseekers");

            migrationBuilder.DropColumn(
                name: "EvidenceCipher",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "HolderDid",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "JsonCipher",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "SigningKeyId",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "ContactCipher",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "ContactIndex",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "Link",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "NameCipher",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "DisabledAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "MustChangePassword",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "LoginCodes");

            migrationBuilder.AddColumn<bool>(
                name: "Used",
                table: "LoginCodes",
                type: "INTEGER",
                nullable: false, defaultValue: false);

            migrationBuilder.DropColumn(
                name: "Notifications",
                table: "Jobseekers");

            migrationBuilder.AddColumn<int>(
                name: "FailedCodeAttempts",
                table: "Jobseekers",
                type: "INTEGER",
                nullable: false, defaultValue: 0);

            migrationBuilder.DropColumn(
                name: "NameCipher",
                table: "Jobseekers");

            migrationBuilder.AddColumn<DateTime>(
                name: "LockedUntil",
                table: "Jobseekers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Description",
                table: "SelfReported",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedPrivateKey",
                table: "Organizations",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PublicKeyMultibase",
                table: "Organizations",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<Guid>(
                name: "JobseekerId",
                table: "LoginCodes",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "DisplayName",
                table: "Jobseekers",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Contact",
                table: "Jobseekers",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Json",
                table: "Credentials",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "JobseekerId",
                table: "Clients",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_LoginCodes_JobseekerId",
                table: "LoginCodes",
                column: "JobseekerId");

            migrationBuilder.CreateIndex(
                name: "IX_Jobseekers_Contact",
                table: "Jobseekers",
                column: "Contact",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Clients_OrganizationId_JobseekerId",
                table: "Clients",
                columns: new[] { "OrganizationId", "JobseekerId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Clients_Jobseekers_JobseekerId",
                table: "Clients",
                column: "JobseekerId",
                principalTable: "Jobseekers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
