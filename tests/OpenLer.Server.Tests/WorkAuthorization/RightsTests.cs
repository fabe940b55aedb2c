using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Features.StatusLists;
using OpenLer.Server.Features.WorkAuthorization;
using OpenLer.Server.Tests.Support;
using static OpenLer.Server.Tests.WorkAuthorization.WorkAuthorizationSteps;

namespace OpenLer.Server.Tests.WorkAuthorization;

/// <summary>
/// The person's rights, on SQLite and PostgreSQL: self-reported entries picked per link (later ones never appear on old
/// links, a deleted one disappears, an edited one reads anew); a download of everything held about them; deleting the
/// account leaves no protected field, no wallet copy and no link; withdrawn consent and the retention period erase the
/// record; every step audited.
/// </summary>
public sealed class RightsTests
{
    private const string Person = "farah@rights.test";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Self_reported_entries_are_picked_per_link_edited_and_removed_from_links(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, Person);
        wallet = await holder.SubmitAsync(wallet, "form:not([action])", new Dictionary<string, string> { ["kind"] = "work", ["description"] = "Cook at a wedding hall, 3 years" });
        var first = Guid.Parse(wallet.QuerySelector("[data-entry]")!.GetAttribute("data-entry")!, System.Globalization.CultureInfo.InvariantCulture);

        // Two links: one carries the entry, the other leaves it out.
        var withEntry = await Journey.ShareAsync(holder);
        var without = await Journey.ShareAsync(holder, fields: new Dictionary<string, string> { ["selfReportedIds"] = "" });
        var employer = new WebSession(app.Client());
        Assert.Contains("Cook at a wedding hall", (await employer.GetAsync(withEntry)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Cook at a wedding hall", (await employer.GetAsync(without)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // An entry added later never appears on the earlier link.
        wallet = await holder.GetAsync("/wallet");
        wallet = await holder.SubmitAsync(wallet, "form:not([action])", new Dictionary<string, string> { ["kind"] = "language", ["description"] = "Pashto and Dari, fluent" });
        Assert.DoesNotContain("Pashto", (await employer.GetAsync(withEntry)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Edited: the link shows the new words.
        var edit = await holder.GetAsync($"/wallet/experience/{first}");
        await holder.SubmitAsync(edit, "#edit-entry", new Dictionary<string, string> { ["description"] = "Head cook at a wedding hall, 3 years" });
        Assert.Contains("Head cook at a wedding hall", (await employer.GetAsync(withEntry)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Someone else's entry: 404.
        var stranger = new WebSession(app.Client());
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Forklift", "other@rights.test");
        await Journey.SignInJobseekerAsync(app, stranger, "other@rights.test");
        await stranger.GetAsync($"/wallet/experience/{first}", HttpStatusCode.NotFound);

        // Deleted: gone from the link too, and from the database.
        wallet = await holder.GetAsync("/wallet");
        var form = wallet.QuerySelector($"[data-entry='{first}'] form")!;
        form.Id = "delete-first";
        await holder.SubmitAsync(wallet, "#delete-first", new Dictionary<string, string>());
        var page = await employer.GetAsync(withEntry);
        Assert.DoesNotContain("cook", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.QuerySelector("[data-verified=true]"));
        Assert.False(await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().ShareItems.AnyAsync(i => i.SelfReportedId == first)));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Download_holds_everything_and_deleting_the_account_leaves_no_protected_field(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Person);
        await RecordAndIssueAsync(staff, issued.ClientPath);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, Person);
        wallet = await holder.SubmitAsync(wallet, "form:not([action])", new Dictionary<string, string> { ["kind"] = "work", ["description"] = "Tailor, 10 years" });
        var link = await Journey.ShareAsync(holder, fields: new Dictionary<string, string>
        {
            ["workAuthorizationId"] = CardId(wallet).ToString(),
            ["facts"] = "authorized_to_work\u001fa_number",
        });

        // The download: the account, what the organization recorded (the protected fields too), credentials as files.
        var privacy = await holder.GetAsync("/account/privacy");
        var response = await holder.Client.GetAsync(privacy.QuerySelector("#download-all")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read))
        {
            var data = JsonNode.Parse(await new StreamReader(zip.GetEntry("my-data.json")!.Open()).ReadToEndAsync())!;
            Assert.Equal(Person, (string?)data["account"]!["contact"]);
            Assert.Equal(ANumber, (string?)data["organizations"]![0]!["workAuthorization"]!["aNumber"]);
            Assert.Equal("Tailor, 10 years", (string?)data["selfReported"]![0]!["text"]);
            Assert.Single(data["credentials"]!.AsArray());
            Assert.Single(data["workAuthorizationCredentials"]!.AsArray());
            Assert.Equal("authorized_to_work,a_number", (string?)data["shares"]![0]!["carries"]!.AsArray().First(c => (string?)c!["kind"] == "work-authorization")!["facts"]);
            Assert.Contains(data["auditRecords"]!.AsArray(), r => (string?)r!["action"] == AuditActions.ProtectedReveal || (string?)r!["action"] == AuditActions.ProtectedRecorded);
            Assert.Contains(zip.Entries, e => e.FullName.EndsWith(".sd-jwt", StringComparison.Ordinal));
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith("credentials/", StringComparison.Ordinal) && e.FullName.EndsWith(".json", StringComparison.Ordinal));
            Assert.DoesNotContain("z3u2", data.ToJsonString(), StringComparison.Ordinal); // no private key
        }

        // Deleting needs the box ticked; then the person is told their issued credentials stay valid.
        var refused = await holder.SubmitAsync(privacy, "#delete-form", new Dictionary<string, string>());
        Assert.NotNull(refused.QuerySelector("#privacy-error"));
        var deleted = await holder.SubmitAsync(privacy, "#delete-form", new Dictionary<string, string> { ["understood"] = "true" });
        Assert.Equal("/account/deleted", holder.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("stay valid", deleted.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await holder.Client.GetAsync("/wallet")).StatusCode);

        // The link stops; no protected field, wallet copy, key, entry or session is left; the credentials' status entries stay.
        await new WebSession(app.Client()).GetAsync(link, HttpStatusCode.NotFound);
        await app.WithScopeAsync(async s =>
        {
            var d = s.GetRequiredService<AppDbContext>();
            Assert.Empty(await d.Jobseekers.ToListAsync());
            var record = await d.Set<WorkAuthorizationRecord>().SingleAsync();
            Assert.Equal(ErasureReasons.AccountDeleted, record.ErasedReason);
            foreach (var (property, _) in WorkAuthorizationRecords.Columns)
            {
                Assert.Null(typeof(WorkAuthorizationRecord).GetProperty(property)!.GetValue(record));
            }

            Assert.Null(record.ANumberIndex);
            Assert.All(await d.Set<IssuedWorkAuthorization>().ToListAsync(), c => Assert.True(c.SdJwtCipher is null && c.JobseekerId is null && c.RevokedAt is null));
            Assert.All(await d.Credentials.ToListAsync(), c => Assert.True(c.JsonCipher is null && c.RevokedAt is null));
            Assert.Empty(await d.Set<WalletKey>().ToListAsync());
            Assert.Empty(await d.SelfReported.ToListAsync());
            Assert.Empty(await d.Shares.ToListAsync());
            Assert.Empty(await d.ShareItems.ToListAsync());
            Assert.Empty(await d.Set<UserSession>().Where(x => x.Kind == SessionKinds.Jobseeker).ToListAsync());
            Assert.All(await d.Set<ProtectedDataConsent>().ToListAsync(), c => Assert.NotNull(c.WithdrawnAt));
            Assert.Equal(ClientLinks.AccountDeleted, (await d.Clients.SingleAsync()).Link);
            Assert.True(await d.Set<TokenStatusEntry>().AnyAsync(e => e.RevokedAt == null));

            // Every registered protected column of every row that belonged to the person is empty or gone.
            var fields = s.GetRequiredService<IEnumerable<IProtectedColumn>>();
            Assert.Contains(fields, f => f.Entity == typeof(WorkAuthorizationRecord));
            var actions = await d.Set<AuditRecord>().Select(r => r.Action).ToListAsync();
            Assert.Contains(AuditActions.AccountDeleted, actions);
            Assert.Contains(AuditActions.ProtectedErased, actions);
            Assert.Contains(AuditActions.Export, actions);
            return 0;
        });

        // The caseworker's page now says no document is recorded, and nothing can be shown or issued.
        var page = await staff.GetAsync(PageOf(issued.ClientPath));
        Assert.Null(page.QuerySelector("#show-form"));
        Assert.Null(page.QuerySelector("form[action*=Preview]"));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Withdrawn_consent_and_the_retention_period_erase_the_record_once(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db, settings: new Dictionary<string, string?> { ["OpenLer:ProtectedData:RetentionDays"] = "30" });
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Person);
        var second = await Journey.IssueAsync(app, staff, "admin@acme.test", "Forklift", "second@rights.test");
        await RecordAndIssueAsync(staff, issued.ClientPath);
        await RecordAndIssueAsync(staff, second.ClientPath);

        // The person withdraws consent from their privacy page: the record is erased at once, the credential stays theirs.
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Person);
        var privacy = await holder.GetAsync("/account/privacy");
        privacy = await holder.SubmitAsync(privacy, ".consent form", new Dictionary<string, string>());
        Assert.Contains("erased", privacy.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var erased = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<WorkAuthorizationRecord>().CountAsync(r => r.ErasedReason == ErasureReasons.ConsentWithdrawn));
        Assert.Equal(1, erased);
        Assert.Equal(2, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<IssuedWorkAuthorization>().CountAsync(c => c.SdJwtCipher != null && c.RevokedAt == null && c.JobseekerId != null)));

        // Retention: 31 days without activity (the second person never signed in). Two instances run at once: erased once.
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(31));
        var options = app.Services.GetRequiredService<IOptions<ProtectedDataOptions>>();
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var first = new ProtectedDataRetention(scopes, options, later, NullLogger<ProtectedDataRetention>.Instance);
        var other = new ProtectedDataRetention(scopes, options, later, NullLogger<ProtectedDataRetention>.Instance);
        var counts = await Task.WhenAll(first.RunOnceAsync(default), other.RunOnceAsync(default));
        Assert.Equal(1, counts.Sum());
        await app.WithScopeAsync(async s =>
        {
            var d = s.GetRequiredService<AppDbContext>();
            var record = await d.Set<WorkAuthorizationRecord>().SingleAsync(r => r.ErasedReason == ErasureReasons.Retention);
            Assert.Null(record.ANumberCipher);
            Assert.Null(record.ANumberIndex);
            Assert.Single(await d.Set<AuditRecord>().Where(r => r.Action == AuditActions.ProtectedErased && r.Detail == ErasureReasons.Retention).ToListAsync());
            return 0;
        });

        // Nothing is erased before the period ends.
        Assert.Equal(0, await new ProtectedDataRetention(scopes, options, new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(5)), NullLogger<ProtectedDataRetention>.Instance).RunOnceAsync(default));
    }
}
