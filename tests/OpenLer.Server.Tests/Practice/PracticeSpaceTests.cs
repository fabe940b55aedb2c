using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Common;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Practice;

/// <summary>
/// The practice space (issue 15) on both databases: an admin switches to practice (band and word on the page), works with a
/// practice client whose credential is named and tagged "practice", signed by the practice organization's own key and
/// shown as "Practice - not a real credential" (never genuine) on /verify, /api/verify, the share page and the wallet;
/// practice and real data never reach each other (404 both ways, site staff included); the switch and the work are
/// audited under the right organization; reset deletes only practice data.
/// </summary>
public sealed class PracticeSpaceTests
{
    private const string Admin = "admin@irc.test";
    private const string Headline = "Practice - not a real credential";

    private static async Task<IHtmlDocument> StartPracticeAsync(WebSession staff)
    {
        var page = await staff.GetAsync("/practice");
        return await staff.SubmitAsync(page, "form[action*='handler=Start']", new Dictionary<string, string>());
    }

    private static async Task<IHtmlDocument> StopPracticeAsync(WebSession staff)
    {
        var page = await staff.GetAsync("/practice");
        return await staff.SubmitAsync(page, "form[action*='handler=Stop']", new Dictionary<string, string>());
    }

    /// <summary>Adds a client on the caseload page, enrolls, completes and issues; returns the client page's path.</summary>
    private static async Task<string> AddAndIssueAsync(WebSession staff, string name, string contact)
    {
        var caseload = await staff.GetAsync("/issuance");
        var client = await staff.SubmitAsync(caseload, "#add-client-form", new Dictionary<string, string> { ["name"] = name, ["contact"] = contact });
        var path = staff.Last!.RequestMessage!.RequestUri!.AbsolutePath;
        client = await staff.SubmitAsync(client, "form[action*=Enroll]", new Dictionary<string, string> { ["cohort"] = "2026 Spring" });
        client = await staff.SubmitAsync(client, "form[action*=Complete]", new Dictionary<string, string> { ["evidence"] = "Finished the course.", ["englishLevel"] = "B1" });
        client = await staff.SubmitAsync(client, "form[action*=Issue]", new Dictionary<string, string>());
        Assert.NotNull(client.QuerySelector("form.revoke"));
        return path;
    }

    private static Task<Organization> PracticeOfAsync(OpenLerFactory app, Guid org) =>
        app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Organizations.AsNoTracking().SingleAsync(o => o.PracticeOf == org));

    private static Task<string> CredentialJsonAsync(OpenLerFactory app, Guid org) =>
        app.WithScopeAsync(async s =>
        {
            var credential = await s.GetRequiredService<AppDbContext>().Credentials.AsNoTracking().SingleAsync(c => c.OrganizationId == org && c.SourceCredentialId == null);
            return s.GetRequiredService<CaseRecords>().CredentialJson(credential);
        });

    private static async Task<JsonObject> ApiVerifyAsync(OpenLerFactory app, string json)
    {
        var response = await app.Client().PostAsync("/api/verify", new StringContent(json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static string Verdict(IHtmlDocument page) => page.QuerySelector("main .result")!.GetAttribute("data-verdict")!;

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Practice_SwitchIssueVerifyShare_NeverGenuine_ApartFromRealWork(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("irc", Admin, "Test-password-1", "Tucson", "Des Moines");
        var staff = new WebSession(app.Client());

        // Real work first: a real client with a real credential.
        var real = await Journey.IssueAsync(app, staff, Admin, "Job Readiness", "real@example.org");
        var realJson = await CredentialJsonAsync(app, org.Id);
        Assert.Null(new CaseloadPage(await staff.GetAsync("/issuance")).Band);

        // Switch: the band and the word on every page.
        var caseload = await StartPracticeAsync(staff);
        Assert.Equal("/issuance", staff.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        var band = new CaseloadPage(caseload).Band;
        Assert.NotNull(band);
        Assert.Contains("Practice", band, StringComparison.Ordinal);
        Assert.Contains("practising", caseload.Body!.ClassName, StringComparison.Ordinal);
        Assert.NotNull(new CaseloadPage(await staff.GetAsync("/programs")).Band);
        var practice = await PracticeOfAsync(app, org.Id);
        Assert.Equal("Practice - Org irc", practice.Name);
        Assert.Equal(2, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Sites.CountAsync(x => x.OrganizationId == practice.Id)));

        // In practice the real client is unknown (404), and the caseload shows no real client.
        await staff.GetAsync(real.ClientPath, HttpStatusCode.NotFound);
        Assert.DoesNotContain(real.ClientPath, (await staff.GetAsync("/issuance")).Body!.InnerHtml, StringComparison.Ordinal);

        // A practice client and credential (the mirrored program).
        var practicePath = await AddAndIssueAsync(staff, "Trainee Person", "trainee@example.org");
        var practiceJson = await CredentialJsonAsync(app, practice.Id);
        var credential = JsonNode.Parse(practiceJson)!.AsObject();
        Assert.Equal("Practice: Job Readiness", (string?)credential["name"]);
        Assert.Equal("Practice: Job Readiness", (string?)credential["credentialSubject"]!["achievement"]!["name"]);
        Assert.Equal(["practice"], credential["credentialSubject"]!["achievement"]!["tag"]!.AsArray().Select(t => (string?)t));
        Assert.Equal("Practice - Org irc", (string?)credential["issuer"]!["name"]);
        Assert.NotEqual((string?)JsonNode.Parse(realJson)!["issuer"]!["id"], (string?)credential["issuer"]!["id"]);
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Clients.CountAsync(c => c.OrganizationId == practice.Id)));

        // Its own key signed it: the proof holds, yet every verifier says practice, never genuine.
        var api = await ApiVerifyAsync(app, practiceJson);
        Assert.False((bool)api["verified"]!);
        Assert.True((bool)api["practice"]!);
        Assert.Contains(api["checks"]!.AsArray(), c => (string?)c!["name"] == CheckNames.Proof && (string?)c["status"] == "Passed");
        Assert.Contains(api["checks"]!.AsArray(), c => (string?)c!["name"] == CheckNames.IssuerTrust && (string?)c["status"] == "Failed");
        var realApi = await ApiVerifyAsync(app, realJson);
        Assert.True((bool)realApi["verified"]!);
        Assert.False((bool)realApi["practice"]!);

        var visitor = new WebSession(app.Client());
        var verified = await visitor.SubmitAsync(await visitor.GetAsync("/verify"), "main form", new Dictionary<string, string> { ["credential"] = practiceJson });
        Assert.Equal("Practice", Verdict(verified));
        Assert.Contains(Headline, verified.QuerySelector("main .verdict")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("genuine", verified.QuerySelector("main .result-head")!.TextContent, StringComparison.OrdinalIgnoreCase);

        // The trainee's wallet card and the share page an employer opens.
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, "trainee@example.org");
        Assert.Contains(Headline, wallet.QuerySelector(".cards .practice-mark")!.TextContent, StringComparison.Ordinal);
        var share = await Journey.ShareAsync(holder);
        var opened = await new WebSession(app.Client()).GetAsync(share);
        Assert.Equal("Practice", Verdict(opened));
        Assert.Contains(Headline, opened.QuerySelector("main .verdict")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("genuine", opened.QuerySelector("main .result-head")!.TextContent, StringComparison.OrdinalIgnoreCase);

        // Back to real work: the practice client is unknown (404), the real one is there again, no band.
        await StopPracticeAsync(staff);
        Assert.Null(new CaseloadPage(await staff.GetAsync("/issuance")).Band);
        await staff.GetAsync(practicePath, HttpStatusCode.NotFound);
        await staff.GetAsync(real.ClientPath);

        // Audited: the switch under the real organization, the practice work under the practice one, never the real one.
        var audit = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>().AsNoTracking().ToListAsync());
        Assert.Contains(audit, r => r.Action == AuditActions.PracticeStarted && r.OrganizationId == org.Id && r.TargetId == practice.Id.ToString());
        Assert.Contains(audit, r => r.Action == AuditActions.PracticeEnded && r.OrganizationId == org.Id);
        var practiceClientId = practicePath.Split('/')[^1];
        Assert.Contains(audit, r => r.Action == AuditActions.ClientAdded && r.OrganizationId == practice.Id);
        Assert.DoesNotContain(audit, r => r.OrganizationId == org.Id && r.TargetId == practiceClientId);
        Assert.Contains(audit, r => r.Action == AuditActions.CredentialIssued && r.OrganizationId == practice.Id);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Reset_DeletesOnlyPracticeData_AfterConfirmation(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("irc", Admin, "Test-password-1", "Tucson");
        var staff = new WebSession(app.Client());
        await Journey.IssueAsync(app, staff, Admin, "Job Readiness", "real@example.org");
        var realHolder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, realHolder, "real@example.org");
        await Journey.ShareAsync(realHolder);

        await StartPracticeAsync(staff);
        var practice = await PracticeOfAsync(app, org.Id);
        await AddAndIssueAsync(staff, "Trainee One", "trainee1@example.org");
        await AddAndIssueAsync(staff, "Trainee Two", "trainee2@example.org");
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, "trainee1@example.org");
        await Journey.ShareAsync(holder);

        async Task<int[]> CountsAsync(Guid id) => await app.WithScopeAsync(async s =>
        {
            var data = s.GetRequiredService<AppDbContext>();
            var credentials = data.Credentials.Where(c => c.OrganizationId == id).Select(c => c.Id);
            return new[]
            {
                await data.Clients.CountAsync(c => c.OrganizationId == id),
                await data.Enrollments.CountAsync(e => e.OrganizationId == id),
                await data.Credentials.CountAsync(c => c.OrganizationId == id),
                await data.ShareItems.CountAsync(i => i.CredentialId != null && credentials.Contains(i.CredentialId.Value)),
            };
        });

        var realBefore = await CountsAsync(org.Id);
        Assert.Equal([1, 1, 1, 1], realBefore);
        Assert.Equal(new[] { 2, 2, 2, 1 }, await CountsAsync(practice.Id));
        var sharesBefore = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Shares.CountAsync());

        // One click asks first; nothing is deleted until the confirmation.
        var page = await staff.GetAsync("/practice");
        var confirm = await staff.SubmitAsync(page, "form[action*='handler=Reset']", new Dictionary<string, string>());
        Assert.NotNull(confirm.QuerySelector("#practice-reset-confirm"));
        Assert.Equal(new[] { 2, 2, 2, 1 }, await CountsAsync(practice.Id));
        await staff.SubmitAsync(confirm, "form[action*='handler=Reset']", new Dictionary<string, string>());

        Assert.Equal(new[] { 0, 0, 0, 0 }, await CountsAsync(practice.Id));
        Assert.Equal(realBefore, await CountsAsync(org.Id));
        Assert.Equal(sharesBefore - 1, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Shares.CountAsync()));
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Programs.CountAsync(p => p.OrganizationId == practice.Id)));
        var audit = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>().AsNoTracking().ToListAsync());
        Assert.Contains(audit, r => r.Action == AuditActions.PracticeReset && r.OrganizationId == practice.Id);

        // Reset refuses a real organization outright.
        Assert.False(await app.WithScopeAsync(s => s.GetRequiredService<OpenLer.Server.Features.Practice.PracticeSpaces>().ResetAsync(org.Id)));
        Assert.Equal(realBefore, await CountsAsync(org.Id));

        // Still in practice, practice goes on with a fresh space.
        await AddAndIssueAsync(staff, "Trainee Three", "trainee3@example.org");
        Assert.Equal(new[] { 1, 1, 1, 0 }, await CountsAsync(practice.Id));
    }

    [Fact]
    public async Task SiteStaff_InPractice_SeePracticeOnly_AndBackNoPractice()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("irc", Admin, "Test-password-1", "Tucson");
        var admin = new WebSession(app.Client());
        var real = await Journey.IssueAsync(app, admin, Admin, "Job Readiness", "real@example.org");
        await app.CreateStaffAsync(org.Id, "luis@irc.test", AppClaims.SpecialistRole, "Tucson");
        var luis = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, luis, "luis@irc.test");
        await luis.GetAsync(real.ClientPath);

        await StartPracticeAsync(luis);
        Assert.NotNull(new CaseloadPage(await luis.GetAsync("/issuance")).Band);
        await luis.GetAsync(real.ClientPath, HttpStatusCode.NotFound);
        var practicePath = await AddAndIssueAsync(luis, "Trainee Person", "trainee@example.org");

        // The admin, in real work, cannot open it; Luis, back in real work, neither.
        await admin.GetAsync(practicePath, HttpStatusCode.NotFound);
        await StopPracticeAsync(luis);
        await luis.GetAsync(practicePath, HttpStatusCode.NotFound);
        await luis.GetAsync(real.ClientPath);
    }

    [Fact]
    public async Task Viewer_MayNotPractise_AndOrganizationSettingsAreClosedInPractice()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("irc", Admin, "Test-password-1", "Tucson");
        await app.CreateStaffAsync(org.Id, "viewer@irc.test", AppClaims.ViewerRole, "Tucson");
        var viewer = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, viewer, "viewer@irc.test");
        var page = await viewer.GetAsync("/practice");
        Assert.Null(page.QuerySelector("form[action*='handler=Start']"));
        Assert.Null((await viewer.GetAsync("/issuance")).QuerySelector("#menu-practice"));

        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, Admin);
        Assert.Equal("Practice", (await admin.GetAsync("/issuance")).QuerySelector("#menu-practice")!.TextContent.Trim());
        await StartPracticeAsync(admin);
        Assert.Equal("Back to real work", (await admin.GetAsync("/issuance")).QuerySelector("#menu-practice")!.TextContent.Trim());
        await admin.GetAsync("/organization", HttpStatusCode.Found);
        Assert.Equal("/practice?closed=true", admin.Last!.Headers.Location!.OriginalString);
        await admin.GetAsync("/organization/api-keys", HttpStatusCode.Found);
        await admin.GetAsync("/organization/employers", HttpStatusCode.Found);
        var closed = await admin.FollowAsync();
        Assert.NotNull(closed.QuerySelector("#practice-band"));
        await StopPracticeAsync(admin);
        await admin.GetAsync("/organization");
        Assert.Equal("/organization", admin.Last!.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task PracticeIssuer_IsOnNoTrustList()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("irc", Admin, "Test-password-1", "Tucson");
        var (realDid, practiceDid) = await app.WithScopeAsync(async s =>
        {
            var keys = s.GetRequiredService<OpenLer.Server.Features.Organizations.OrganizationKeys>();
            var practice = await s.GetRequiredService<OpenLer.Server.Features.Practice.PracticeSpaces>().EnsureAsync(org.Id);
            return (keys.Identity(org, await keys.ActiveKeyAsync(org.Id)).Did, keys.Identity(practice, await keys.ActiveKeyAsync(practice.Id)).Did);
        });
        Assert.NotEqual(realDid, practiceDid);
        var trust = await app.WithScopeAsync(async s =>
        {
            var list = new OpenLer.Server.Features.Verify.DeploymentTrustList(s.GetRequiredService<AppDbContext>(), s.GetRequiredService<Microsoft.Extensions.Options.IOptions<DeploymentOptions>>().Value);
            return (await list.CheckAsync(realDid), await list.CheckAsync(practiceDid));
        });
        Assert.Equal(CheckStatus.Passed, trust.Item1.Status);
        Assert.Equal(CheckStatus.Failed, trust.Item2.Status);
        Assert.Equal(ErrorCodes.UntrustedIssuer, trust.Item2.Code);
    }

    /// <summary>The practice band of a page, or null.</summary>
    private sealed class CaseloadPage(IHtmlDocument page)
    {
        public string? Band => page.QuerySelector("#practice-band")?.TextContent;
    }

    /// <summary>
    /// Identity re-reads the staff member's sign-in from the database now and then (the security stamp check) and builds a
    /// new principal: practice mode must survive that. Here the check runs on every request.
    /// </summary>
    [Fact]
    public async Task Practice_SurvivesTheSignInBeingRefreshed()
    {
        using var app = new OpenLerFactory(Db.Sqlite, configure: services =>
            services.Configure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
        await app.CreateOrganizationAsync("irc", Admin, "Test-password-1", "Tucson");
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, Admin);

        await StartPracticeAsync(staff);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(new CaseloadPage(await staff.GetAsync("/issuance")).Band);
        }

        await StopPracticeAsync(staff);
        Assert.Null(new CaseloadPage(await staff.GetAsync("/issuance")).Band);
    }
}
