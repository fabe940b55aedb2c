using System.Globalization;
using System.Text;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// The SQL of the pilot report, for SQLite and PostgreSQL: one row per enrollment of the organization with the time it
/// reached each step (a common table expression), read once per snapshot and aggregated in memory (<see cref="FunnelAggregates"/>).
/// </summary>
internal sealed class FunnelSql(bool postgres)
{
    private const string ShareOfCredential = "FROM \"ShareItems\" si ";

    /// <summary>
    /// The columns t1..t9: when the enrollment reached each step (before the cumulative rule). In t8 and t9 the event kind
    /// is compared as <c>"Kind" || ''</c> on purpose: with a plain comparison SQLite drives the subquery from the index on
    /// (Kind, At), scanning every interview of the organization once per credential (quadratic: the 200,000-credential
    /// benchmark never finished); the expression keeps the plan credential -> share item -> application -> events.
    /// </summary>
    private string PerEnrollment() =>
        $"""
        per AS MATERIALIZED (
          SELECT COALESCE(CAST(c."SiteId" AS {Text}), '') AS site, CAST(en."ProgramId" AS {Text}) AS program, c."Language" AS lang,
            {Month("en.\"EnrolledAt\"")} AS month,
            en."EnrolledAt" AS t1, en."CompletedAt" AS t2, cr."IssuedAt" AS t3, j."FirstSignInAt" AS t4,
            (SELECT MIN(s."CreatedAt") {ShareOfCredential}JOIN "Shares" s ON s."Id" = si."ShareId" WHERE si."CredentialId" = cr."Id") AS t5,
            (SELECT MIN(o."OpenedAt") {ShareOfCredential}JOIN "ShareOpens" o ON o."ShareId" = si."ShareId" WHERE si."CredentialId" = cr."Id") AS t6,
            (SELECT MIN(a."AppliedAt") {ShareOfCredential}JOIN "Applications" a ON a."ShareId" = si."ShareId" WHERE si."CredentialId" = cr."Id") AS t7,
            (SELECT MIN(ev."At") {ShareOfCredential}JOIN "Applications" a ON a."ShareId" = si."ShareId" JOIN "ApplicationEvents" ev ON ev."ApplicationId" = a."Id"
              WHERE si."CredentialId" = cr."Id" AND ev."Kind" || '' IN ('interviewed', 'hired')) AS t8,
            (SELECT MIN(ev."At") {ShareOfCredential}JOIN "Applications" a ON a."ShareId" = si."ShareId" JOIN "ApplicationEvents" ev ON ev."ApplicationId" = a."Id"
              WHERE si."CredentialId" = cr."Id" AND ev."Kind" || '' = 'hired') AS t9
          FROM "Enrollments" en
          JOIN "Clients" c ON c."Id" = en."ClientId" AND c."OrganizationId" = en."OrganizationId"
          LEFT JOIN "Credentials" cr ON cr."EnrollmentId" = en."Id" AND cr."OrganizationId" = en."OrganizationId" AND cr."SourceCredentialId" IS NULL
          LEFT JOIN "Jobseekers" j ON j."Id" = cr."JobseekerId"
          WHERE en."OrganizationId" = {"{0}"}
        )
        """;

    private string Text => postgres ? "text" : "TEXT";

    private string Month(string column) => postgres ? $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM')" : $"substr({column}, 1, 7)";

    /// <summary>Every enrollment of the organization: columns Site, Program, Language, Month, T1..T9 (<see cref="FunnelFactRow"/>).</summary>
    public string Facts() =>
        new StringBuilder("WITH ").Append(PerEnrollment())
            .Append("\nSELECT site AS \"Site\", program AS \"Program\", lang AS \"Language\", month AS \"Month\"")
            .AppendJoin("", Enumerable.Range(1, FunnelSteps.Count).Select(k => string.Create(CultureInfo.InvariantCulture, $", t{k} AS \"T{k}\"")))
            .Append("\nFROM per").ToString();
}
