using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Status;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Issuance.Bulk;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.StatusLists;
using OpenLer.Server.Tests.Support;
using static OpenLer.Server.Tests.Bulk.BulkHarness;

namespace OpenLer.Server.Tests.Bulk;

/// <summary>Bulk issuance end to end on SQLite and PostgreSQL: upload, preview, background job, idempotency, resumption, list rollover, the command.</summary>
public sealed class BulkIssuanceTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Staff_upload_see_row_problems_issue_in_the_background_and_the_same_file_again_issues_nothing(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db, settings: Fast());
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await ProgramAsync(app, org.Id);
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");

        var csv = Header + "\r\n"
            + "amina.bulk@example.org,Amina Bulkname,Job Readiness,2026-05-31,Forklift safety practical passed,B2,en\r\n"
            + "+1 520 555 0199,علي حسن,Job Readiness,2026-05-30,,A2,ar\r\n"
            + "carla.bulk@example.org,Carla Bulkname,Job Readiness,2026-05-29,\"=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",,\r\n"
            + "dawit.bulk@example.org,Dawit Bulkname,Forklift Expert,2026-05-29,,,\r\n"
            + "eve.bulk@example.org,Eve Bulkname,Job Readiness,29/05/2026,,,\r\n"
            + "fatima.bulk@example.org,Fatima Bulkname,Job Readiness,2026-05-28,,,es\r\n";
        byte[] file = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv)];

        var preview = await UploadPageAsync(staff, file);
        Assert.Equal("4", preview.QuerySelector("#valid")!.TextContent);
        Assert.Equal("6", preview.QuerySelector("#total")!.TextContent);
        var problems = preview.QuerySelectorAll("#problems tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains("5", problems[0], StringComparison.Ordinal);
        Assert.Contains("No program of your organization has this name.", problems[0], StringComparison.Ordinal);
        Assert.Contains("The completion date is not a date written as year-month-day", problems[1], StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<IssuedCredential>(app));

        var progress = await staff.SubmitAsync(preview, "form[action*=Issue]", new Dictionary<string, string>());
        Assert.Contains("Issuing has started", progress.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var importId = Guid.Parse(staff.Last!.RequestMessage!.RequestUri!.AbsolutePath.Split('/')[^1]);
        await FinishedAsync(app, importId, TimeSpan.FromMinutes(3));
        var done = await staff.GetAsync($"/issuance/bulk/{importId}");
        Assert.Null(done.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Equal(("4", "0", "2"), (done.QuerySelector("#issued")!.TextContent, done.QuerySelector("#skipped")!.TextContent, done.QuerySelector("#failed")!.TextContent));

        Assert.Equal(4, await VerifyAllAsync(app));
        await AssertIndexesDistinctAsync(app);
        var evidence = await app.WithScopeAsync(async s =>
        {
            var records = s.GetRequiredService<CaseRecords>();
            return (await s.GetRequiredService<AppDbContext>().Credentials.AsNoTracking().ToListAsync())
                .Select(c => (string?)JsonNode.Parse(records.CredentialJson(c))!["evidence"]?[0]?["narrative"]).ToList();
        });
        Assert.Contains("=HYPERLINK(\"https://evil.example\",\"x\")", evidence);

        var actions = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>().AsNoTracking()
            .Where(r => r.TargetId == importId.ToString("D")).OrderBy(r => r.Sequence).Select(r => r.Action).ToListAsync());
        Assert.Equal([AuditActions.BulkImportUploaded, AuditActions.BulkImportQueued, AuditActions.BulkImportStarted, AuditActions.CredentialsIssuedInBulk, AuditActions.BulkImportFinished],
            actions.Distinct().ToList());

        // The same file again: every valid row was issued already; nothing to issue, nothing issued.
        var again = await UploadPageAsync(staff, file);
        Assert.Null(again.QuerySelector("form[action*=Issue]"));
        Assert.Contains("Already issued", again.QuerySelector("#problem-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("4", again.QuerySelector("#skipped")!.TextContent);
        Assert.Equal(4, await CountAsync<IssuedCredential>(app));

        // Nothing personal in clear in the database files once the job is done (the rows' data is dropped, the rest encrypted).
        if (db == Db.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in Directory.GetFiles(app.DataFolder, "*.db*"))
            {
                var bytes = await System.IO.File.ReadAllBytesAsync(path);
                foreach (var secret in new[] { "Bulkname", "amina.bulk@example.org", "علي حسن", "+15205550199", "Forklift safety practical", "evil.example" })
                {
                    foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
                    {
                        Assert.True(bytes.AsSpan().IndexOf(encoding.GetBytes(secret)) < 0, $"{Path.GetFileName(path)} holds '{secret}' in clear");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_file_with_a_wrong_header_stores_nothing_and_says_what_is_wrong(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db, settings: Fast());
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await ProgramAsync(app, org.Id);
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");

        var page = await UploadPageAsync(staff, Encoding.UTF8.GetBytes("email,full name,course\na@example.org,A,Job Readiness\n"), HttpStatusCode.OK);
        var error = page.QuerySelector("#upload-error")!.TextContent;
        Assert.Contains("The first line must name the columns", error, StringComparison.Ordinal);
        Assert.Contains("missing: contact, name, program, completion_date", error, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#file")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await CountAsync<BulkImport>(app));
        Assert.Equal(0, await CountAsync<BulkImportRow>(app));
    }

    [Fact]
    public async Task Site_staff_cannot_reach_a_client_of_another_site_through_a_file()
    {
        using var app = new OpenLerFactory(settings: Fast());
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test", "Test-password-1", "Tucson", "Des Moines");
        await ProgramAsync(app, org.Id);
        await app.WithScopeAsync(async s =>
        {
            var site = await s.GetRequiredService<AppDbContext>().Sites.FirstAsync(x => x.Name == "Des Moines");
            return await s.GetRequiredService<Caseload>().AddClientAsync(org.Id, site.Id, "Other Site Person", "elsewhere@example.org");
        });
        await app.CreateStaffAsync(org.Id, "luis@acme.test", siteName: "Tucson");
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "luis@acme.test");

        var preview = await UploadPageAsync(staff, File("elsewhere@example.org,Other Site Person,Job Readiness,2026-05-01,,,\n" + Rows(1, 2)));
        Assert.Equal("2", preview.QuerySelector("#valid")!.TextContent);
        Assert.Contains("at another site", preview.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);

        // Another organization's upload is not found.
        var other = await app.CreateOrganizationAsync("other", "admin@other.test");
        await ProgramAsync(app, other.Id);
        var foreign = await UploadAsync(app, other.Id, File(Rows(1, 1)));
        await staff.GetAsync($"/issuance/bulk/{foreign.Id}", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_job_stopped_part_way_is_resumed_after_a_restart_and_issues_every_row_once(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        await using var shared = SharedBulkDatabase.Create(db);
        Guid orgId, importId;
        using (var first = new OpenLerFactory(db, settings: shared.Settings(Fast(worker: false, batch: 40))))
        {
            orgId = (await first.CreateOrganizationAsync("acme", "admin@acme.test")).Id;
            await ProgramAsync(first, orgId);
            importId = (await UploadAsync(first, orgId, File(Rows(1, 200)))).Id;

            // The worker stops (as at a shutdown or crash) after its first batch.
            using var stop = new CancellationTokenSource();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WithScopeAsync(s =>
                s.GetRequiredService<BulkIssuanceRunner>().RunAsync(importId, "first", job =>
                {
                    stop.Cancel();
                    return Task.CompletedTask;
                }, stop.Token)));
            var stopped = await first.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<BulkImport>().AsNoTracking().FirstAsync(i => i.Id == importId));
            Assert.Equal((BulkImportStates.Running, 40), (stopped.State, stopped.Issued));
        }

        // The next start's worker takes the job over once the stopped worker's lease ran out, and finishes it.
        using var second = new OpenLerFactory(db, settings: shared.Settings(Fast(worker: true, batch: 40)));
        var finished = await FinishedAsync(second, importId, TimeSpan.FromMinutes(5));
        Assert.Equal((200, 0, 0), (finished.Issued, finished.Skipped, finished.Failed));
        var rows = await second.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<BulkImportRow>().AsNoTracking().Where(r => r.ImportId == importId).ToListAsync());
        Assert.All(rows, r => Assert.Equal(BulkRowStates.Issued, r.State));
        Assert.All(rows, r => Assert.Null(r.PayloadCipher));
        Assert.Equal(200, rows.Select(r => r.CredentialId).Distinct().Count());
        Assert.Equal(200, await CountAsync<IssuedCredential>(second));
        Assert.Equal(200, await CountAsync<BulkIssuanceKey>(second));
        await AssertIndexesDistinctAsync(second);
        Assert.Equal(200, await VerifyAllAsync(second));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_full_list_rolls_over_to_the_next_list_signed_by_the_same_key(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db, settings: Fast(worker: false));
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await ProgramAsync(app, org.Id);

        // List 1 with every index taken but three (as after 131,069 credentials).
        int[] free = [7, 65_536, StatusIndexAllocator.ListSize - 1];
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var key = await s.GetRequiredService<OrganizationKeys>().ActiveKeyAsync(org.Id);
            var map = Enumerable.Repeat((byte)0xFF, StatusIndexAllocator.ListSize / 8).ToArray();
            foreach (var index in free)
            {
                map[index >> 3] &= (byte)~(0x80 >> (index & 7));
            }

            db.Add(new StatusListAllocation
            {
                Id = Guid.NewGuid(), OrganizationId = org.Id, Purpose = "revocation", Number = key.StatusListNumber, SigningKeyId = key.Id,
                Allocated = map, AllocatedCount = StatusIndexAllocator.ListSize - free.Length, CreatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        var import = await UploadAsync(app, org.Id, File(Rows(1, 8)));
        Assert.Equal(8, (await RunToEndAsync(app, import.Id)).Issued);
        var slots = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Credentials.AsNoTracking()
            .Select(c => new { c.StatusListNumber, c.StatusListIndex }).ToListAsync());
        Assert.Equal(free.Order(), slots.Where(x => x.StatusListNumber == 1).Select(x => x.StatusListIndex).Order());
        Assert.Equal(5, slots.Count(x => x.StatusListNumber == 2));
        Assert.Equal(8, await VerifyAllAsync(app));

        // List 2 is published, signed by the key; a revocation on it shows.
        var list = await app.Client().GetAsync("/orgs/acme/status/revocation/2");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var onTwo = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Credentials.AsNoTracking().FirstAsync(c => c.StatusListNumber == 2));
        Assert.True(await app.WithScopeAsync(s => s.GetRequiredService<CredentialIssuer>().RevokeAsync(org.Id, onTwo.Id, "test")));
        var json = JsonNode.Parse(await app.Client().GetStringAsync("/orgs/acme/status/revocation/2"))!;
        var bits = BitstringStatusList.Decode((string?)json["credentialSubject"]!["encodedList"]).Value;
        Assert.True((bits[onTwo.StatusListIndex >> 3] & (0x80 >> (onTwo.StatusListIndex & 7))) != 0);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/orgs/acme/status/revocation/3")).StatusCode);

        // A key rotation starts a list number no list has used.
        var rotated = await app.WithScopeAsync(s => s.GetRequiredService<OrganizationKeys>().RotateAsync(org.Id));
        Assert.Equal(3, rotated.StatusListNumber);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_import_completions_command_prints_progress_and_a_last_line_and_runs_again_without_issuing_twice(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db, settings: Fast(worker: false, batch: 10));
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await ProgramAsync(app, org.Id);
        var path = Path.Combine(app.DataFolder, "cohort.csv");
        await System.IO.File.WriteAllBytesAsync(path, File(Rows(1, 30) + "bad@example.org,Bad,Job Readiness,2026-13-01,,,\n=cmd|' /C calc'!A0,Bad,Job Readiness,2026-01-01,,,\n"));

        var (code, output) = await RunCommandAsync(app, path, "--organization", "acme");
        Assert.Equal(1, code);
        Assert.Contains("Read 32 rows (UTF-8): 30 to issue, 0 already issued, 2 with problems.", output, StringComparison.Ordinal);
        Assert.Contains("  32/32 rows: issued 30, skipped 0, failed 2", output, StringComparison.Ordinal);
        Assert.Matches(@"^issued 30, skipped 0, failed 2 in \d+\.\d s$", output.TrimEnd().Split('\n')[^1]);

        (code, output) = await RunCommandAsync(app, path, "--organization", "acme");
        Assert.Matches(@"^issued 0, skipped 30, failed 2 in \d+\.\d s$", output.TrimEnd().Split('\n')[^1]);
        Assert.Equal(30, await CountAsync<IssuedCredential>(app));

        Assert.Equal(2, (await RunCommandAsync(app, path, "--organization", "nobody")).Code);
        Assert.Equal(2, (await RunCommandAsync(app, "--organization", "acme")).Code);
        var wrong = Path.Combine(app.DataFolder, "wrong.csv");
        await System.IO.File.WriteAllTextAsync(wrong, "who,what\nx,y\n");
        (code, output) = await RunCommandAsync(app, wrong, "--organization", "acme");
        Assert.Equal(2, code);
        Assert.Contains("The file cannot be used: The first line must name the columns", output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunCommandAsync(OpenLerFactory app, params string[] arguments)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var code = await new ImportCompletionsCommand().RunAsync(arguments, scope.ServiceProvider, output, CancellationToken.None);
        return (code, output.ToString());
    }

    /// <summary>Posts a file to the upload page as a browser does (multipart, antiforgery token); returns the page it leads to.</summary>
    internal static async Task<IHtmlDocument> UploadPageAsync(WebSession staff, byte[] file, HttpStatusCode expected = HttpStatusCode.Found)
    {
        var page = await staff.GetAsync("/issuance/bulk");
        var form = page.QuerySelector("main form[enctype='multipart/form-data']")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(form.QuerySelector("select[name=siteId] option")!.GetAttribute("value") ?? ""), "siteId" },
            { new ByteArrayContent(file), "file", "cohort.csv" },
        };
        var response = await staff.Client.PostAsync("/issuance/bulk", content);
        Assert.Equal(expected, response.StatusCode);
        return expected == HttpStatusCode.Found
            ? await staff.GetAsync(response.Headers.Location!.OriginalString)
            : new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static Task<int> CountAsync<T>(OpenLerFactory app) where T : class =>
        app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<T>().CountAsync());
}
