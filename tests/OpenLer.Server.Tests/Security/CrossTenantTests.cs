using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// docs/security.md WA-06 (ASVS 8.2.2, 8.4.1): the IDOR/BOLA matrix the older tests leave open. A person reads, downloads
/// or stops another person's credential and share; another organization's admin reads the audit trail and client pages;
/// made-up ids. Every answer is a 404 with no data. And no query in the server bypasses the scope (no raw SQL on people's
/// data, no IgnoreQueryFilters).
/// </summary>
public sealed class CrossTenantTests
{
    private const string X = "x.person@tenant.test";
    private const string Y = "y.person@tenant.test";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task One_person_cannot_read_download_or_stop_anothers_credentials_and_shares(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await app.CreateOrganizationAsync("other", "admin@other.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", X);
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@other.test", "Food Handler Safety", Y);

        var x = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, x, X);
        var link = await Journey.ShareAsync(x);
        var (xCredential, xShare) = await app.WithScopeAsync(async s =>
        {
            var d = s.GetRequiredService<AppDbContext>();
            var owner = await d.Credentials.Where(c => c.AchievementName == "Warehouse Basics").Select(c => new { c.Id, c.JobseekerId }).FirstAsync();
            return (owner.Id, await d.Shares.Where(sh => sh.JobseekerId == owner.JobseekerId).Select(sh => sh.Id).FirstAsync());
        });
        Assert.Equal(HttpStatusCode.OK, (await x.Client.GetAsync($"/wallet/credentials/{xCredential}")).StatusCode);

        var y = new WebSession(app.Client());
        var yWallet = await Journey.SignInJobseekerAsync(app, y, Y);
        Assert.DoesNotContain("Warehouse Basics", yWallet.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        foreach (var path in new[] { $"/wallet/credentials/{xCredential}", $"/wallet/credentials/{xCredential}?handler=download", $"/wallet/credentials/{Guid.NewGuid()}" })
        {
            var response = await y.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Warehouse Basics", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var sharing = await y.GetAsync("/sharing");
        var token = sharing.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var stop = await y.Client.PostAsync("/sharing?handler=Revoke", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("shareId", xShare.ToString())]));
        Assert.Equal(HttpStatusCode.NotFound, stop.StatusCode);
        var share = await y.Client.PostAsync("/sharing?handler=Create", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("credentialIds", xCredential.ToString()), new("days", "30")]));
        Assert.DoesNotContain("share-link", await share.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Shares.CountAsync()));

        // X's link still works for an employer.
        Assert.NotNull((await new WebSession(app.Client()).GetAsync(link)).QuerySelector("[data-verified=true]"));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Another_organizations_admin_sees_none_of_its_clients_credentials_or_audit_records(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await app.CreateOrganizationAsync("other", "admin@other.test");
        var issued = await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", X);
        var clientId = issued.ClientPath[(issued.ClientPath.LastIndexOf('/') + 1)..];
        var credentialId = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Credentials.Select(c => c.Id).FirstAsync());

        var other = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, other, "admin@other.test");
        var caseload = await other.GetAsync("/issuance");
        Assert.DoesNotContain("Amina", caseload.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var token = caseload.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // Every client-scoped handler with acme's ids, and with ids made up: 404.
        foreach (var id in new[] { clientId, Guid.NewGuid().ToString(), "00000000-0000-0000-0000-000000000001" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/issuance/clients/{id}")).StatusCode);
            foreach (var (handler, fields) in new (string, (string, string)[])[]
            {
                ("Revoke", [("credentialId", credentialId.ToString()), ("reason", "x")]),
                ("Letter", []),
                ("Enroll", [("programId", Guid.NewGuid().ToString()), ("cohort", "x")]),
                ("Issue", [("enrollmentId", Guid.NewGuid().ToString())]),
            })
            {
                var response = await other.Client.PostAsync($"/issuance/clients/{id}?handler={handler}", new FormUrlEncodedContent(
                    [new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]));
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{handler} on {id}: {response.StatusCode}");
            }
        }

        // The audit trail page of the other organization lists only its own records.
        var trail = await other.GetAsync("/organization/audit");
        var text = trail.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain(clientId, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(credentialId.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.False(await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Credentials.AnyAsync(c => c.RevokedAt != null)));
    }

    [Fact]
    public void No_server_query_bypasses_the_scope_with_raw_sql_or_ignored_filters()
    {
        var root = Path.Combine(OpenLer.Credentials.Tests.Support.SharedFolder.RepositoryRoot, "src", "OpenLer.Server");
        var pattern = new Regex(@"IgnoreQueryFilters|FromSql|SqlQuery|ExecuteSql|CreateCommand|BeginBinaryImport", RegexOptions.CultureInvariant);

        // The only raw SQL: the audit chain's advisory lock (PostgreSQL), the message queue's claim of due messages (no
        // person's data in either statement), and the pilot report's snapshot (ReportSnapshots): the funnel rows (FunnelSql:
        // every row starts from the organization's enrollments, `WHERE en."OrganizationId" = {0}`, parameterized;
        // PilotReportTests shows another organization's admin sees nothing of it) and the fingerprint (counts and latest
        // times only, kept with the snapshot and never shown). Anything new here must be reviewed for its organization and
        // site scope. Bulk issuance writes its rows with BulkRows (COPY or prepared INSERTs of entities the caller built,
        // and UPDATEs of rows by primary key: nothing is read), the start-up durability check reads SQLite's settings, and
        // SafeMigrations removes EF's migration lock row a killed process left (SQLite's __EFMigrationsLock: no data).
        var allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["Features/Audit/AuditTrail.cs"] = ["pg_advisory_xact_lock"],
            ["Data/BulkRows.cs"] = ["transaction.Connection!.CreateCommand()", "connection.BeginBinaryImportAsync(copy, cancellationToken)"],
            ["Data/DurabilityCheck.cs"] = ["db.Database.GetDbConnection().CreateCommand()"],
            ["Data/SafeMigrations.cs"] = ["await using var exists = connection.CreateCommand();", "await using var delete = connection.CreateCommand();"],
            ["Features/Messaging/MessageQueue.cs"] = ["ExecuteSqlAsync"],
            ["Features/Reports/ReportSnapshots.cs"] = ["SqlQueryRaw<FunnelFactRow>(sql.Facts(), organizationId)", "SqlQueryRaw<FingerprintRow>(Sql, organizationId)"],
        };
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                         && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                         && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l, i + 1)))
            {
                if (pattern.IsMatch(line) && !(allowed.TryGetValue(relative, out var expected) && expected.Any(e => line.Contains(e, StringComparison.Ordinal))))
                {
                    found.Add($"{relative}:{number}: {line.Trim()}");
                }
            }
        }

        Assert.True(found.Count == 0, "Raw SQL or ignored query filters:\n" + string.Join("\n", found));
    }
}
