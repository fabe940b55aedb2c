using System.Globalization;
using System.Text;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// The SQL of the pilot report, for SQLite and PostgreSQL: one row per enrollment of the organization with the time it
/// reached each step (a common table expression), aggregated in the database: counts grouped by site, program, language
/// and month, and exact medians with window functions (ROW_NUMBER over each group, the middle one or two averaged).
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

    private string Double => postgres ? "double precision" : "REAL";

    private string Month(string column) => postgres ? $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM')" : $"substr({column}, 1, 7)";

    /// <summary>Whole seconds from one time to a later one (0 when the later one came first, e.g. a sign-in before the issue).</summary>
    private string Seconds(string from, string to) => postgres
        ? $"GREATEST(0, ROUND(EXTRACT(EPOCH FROM ({to} - {from}))))"
        : $"MAX(0, ROUND((julianday({to}) - julianday({from})) * 86400.0))";

    /// <summary>Whether an enrollment reached step <paramref name="step"/> (1-based) and every step before it.</summary>
    private static string Reached(int step) =>
        string.Join(" AND ", Enumerable.Range(1, step).Select(k => string.Create(CultureInfo.InvariantCulture, $"t{k} IS NOT NULL")));

    /// <summary>Counts per site, program, language and month (columns Site, Program, Language, Month, S1..S9).</summary>
    public string Counts()
    {
        var sql = new StringBuilder("WITH ").Append(PerEnrollment()).Append("\nSELECT site AS \"Site\", program AS \"Program\", lang AS \"Language\", month AS \"Month\"");
        for (var k = 1; k <= FunnelSteps.Count; k++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", SUM(CASE WHEN {Reached(k)} THEN 1 ELSE 0 END) AS \"S{k}\"");
        }

        return sql.Append("\nFROM per GROUP BY site, program, lang, month").ToString();
    }

    /// <summary>Median seconds between steps per group of <paramref name="dimension"/> and for all ('*'): columns Key, Step, Seconds.</summary>
    public string Medians(ReportDimension dimension)
    {
        string[] keys = ["site", "program", "program || '|' || month", "lang", "month"];
        var key = keys[(int)dimension];
        var steps = Enumerable.Range(2, FunnelSteps.Count - 1).Select(k => string.Create(CultureInfo.InvariantCulture,
            $"SELECT {key} AS k, {k} AS step, {Seconds($"t{k - 1}", $"t{k}")} AS s FROM per WHERE {Reached(k)}"));
        return new StringBuilder("WITH ").Append(PerEnrollment()).Append(",\nd AS (").AppendJoin("\nUNION ALL ", steps).Append(')')
            .Append(",\ndd AS (SELECT k, step, s FROM d UNION ALL SELECT '*' AS k, step, s FROM d)")
            .Append(",\nr AS (SELECT k, step, s, ROW_NUMBER() OVER (PARTITION BY k, step ORDER BY s) AS rn, COUNT(*) OVER (PARTITION BY k, step) AS n FROM dd)")
            .Append(CultureInfo.InvariantCulture, $"\nSELECT k AS \"Key\", step AS \"Step\", CAST(AVG(s) AS {Double}) AS \"Seconds\" FROM r")
            .Append(" WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2 GROUP BY k, step")
            .ToString();
    }
}
