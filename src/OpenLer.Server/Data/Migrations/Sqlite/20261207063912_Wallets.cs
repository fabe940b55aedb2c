using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenLer.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Wallets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Credentials_EnrollmentId",
                table: "Credentials");

            migrationBuilder.AddColumn<string>(
                name: "Format",
                table: "Credentials",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "ldp_vc");

            migrationBuilder.AddColumn<Guid>(
                name: "OfferId",
                table: "Credentials",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SourceCredentialId",
                table: "Credentials",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApiAccessTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApiKeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiAccessTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApiKeys",
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
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IssuerAccessTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuerAccessTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IssuerNonces",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuerNonces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PresentationRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedByKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TokenCipher = table.Column<string>(type: "TEXT", nullable: false),
                    RequestJson = table.Column<string>(type: "TEXT", nullable: false),
                    EncryptionKeyCipher = table.Column<string>(type: "TEXT", nullable: true),
                    Signed = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResultCipher = table.Column<string>(type: "TEXT", nullable: true),
                    LastProblem = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PresentationRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WalletOffers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JobseekerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourceCredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TokenCipher = table.Column<string>(type: "TEXT", nullable: false),
                    TxCodeHash = table.Column<string>(type: "TEXT", nullable: false),
                    ConfigurationIds = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    TxCodeAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedByKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    CodeUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExchangeChallenge = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceivedByDid = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    ReceivedProtocol = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ReceivedFormat = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    DeliveredCredentialId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WalletOffers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_EnrollmentId",
                table: "Credentials",
                column: "EnrollmentId",
                unique: true,
                filter: "\"SourceCredentialId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_OfferId",
                table: "Credentials",
                column: "OfferId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_SourceCredentialId",
                table: "Credentials",
                column: "SourceCredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiAccessTokens_TokenHash",
                table: "ApiAccessTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_OrganizationId",
                table: "ApiKeys",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuerAccessTokens_OfferId",
                table: "IssuerAccessTokens",
                column: "OfferId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuerAccessTokens_TokenHash",
                table: "IssuerAccessTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IssuerNonces_ExpiresAt",
                table: "IssuerNonces",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_IssuerNonces_Value",
                table: "IssuerNonces",
                column: "Value",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PresentationRequests_OrganizationId_CreatedAt",
                table: "PresentationRequests",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PresentationRequests_TokenHash",
                table: "PresentationRequests",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WalletOffers_JobseekerId",
                table: "WalletOffers",
                column: "JobseekerId");

            migrationBuilder.CreateIndex(
                name: "IX_WalletOffers_SourceCredentialId",
                table: "WalletOffers",
                column: "SourceCredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_WalletOffers_TokenHash",
                table: "WalletOffers",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiAccessTokens");

            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "IssuerAccessTokens");

            migrationBuilder.DropTable(
                name: "IssuerNonces");

            migrationBuilder.DropTable(
                name: "PresentationRequests");

            migrationBuilder.DropTable(
                name: "WalletOffers");

            migrationBuilder.DropIndex(
                name: "IX_Credentials_EnrollmentId",
                table: "Credentials");

            migrationBuilder.DropIndex(
                name: "IX_Credentials_OfferId",
                table: "Credentials");

            migrationBuilder.DropIndex(
                name: "IX_Credentials_SourceCredentialId",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "Format",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "OfferId",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "SourceCredentialId",
                table: "Credentials");

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_EnrollmentId",
                table: "Credentials",
                column: "EnrollmentId",
                unique: true);
        }
    }
}
