using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Employers;
using OpenLer.Server.Features.WorkAuthorization;
using OpenLer.Server.Tests.Support;
using OpenLer.Server.Tests.WorkAuthorization;

namespace OpenLer.Server.Tests.Employers;

/// <summary>
/// Issue 12's work-authorization gate with issue 10's credential, on SQLite and PostgreSQL: a person who includes their
/// work authorization (a key-binding presentation made for the application's link) meets the gate and the employer sees
/// "verified yes" and nothing else of it (not on the page, not in the CSV, not in the LER-RS export); a person who leaves it
/// out is listed after; once the organization revokes the credential the next view says "could not be verified" and the
/// gate is not met; a forged choice (another person's credential, a fact beyond the two allowed) saves nothing.
/// </summary>
public sealed class WorkAuthorizationGateTests
{
    private const string A = "2.A.1.a"; // must-have (3)
    private const string B = "2.B.1.b"; // important (2)

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_verified_work_authorization_meets_the_gate_and_shows_only_yes_until_it_is_revoked(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var company = await EmployerHarness.EmployerAsync(app, org.Id, "Desert Logistics", "dana@desert.test");
        var vacancy = await EmployerHarness.VacancyAsync(app, company, "Room Attendant", true, (A, 3), (B, 2));

        // Amina proves the must-have only (score 60); Farid proves both (score 100). Both hold a work authorization.
        var (amina, _) = await EmployerHarness.IssueAsync(app, org.Id, "amina@gate.test", "Amina", "Program amina", A);
        var (farid, _) = await EmployerHarness.IssueAsync(app, org.Id, "farid@gate.test", "Farid", "Program farid", A, B);
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");
        var aminaClient = await ClientPathAsync(app, amina);
        await WorkAuthorizationSteps.RecordAndIssueAsync(staff, aminaClient);
        await WorkAuthorizationSteps.RecordAndIssueAsync(staff, await ClientPathAsync(app, farid), WorkAuthorizationSteps.Ead(aNumber: "A135792468"));
        var aminaWork = await Query(app, d => d.Set<IssuedWorkAuthorization>().Where(c => c.JobseekerId == amina).Select(c => c.Id).SingleAsync());
        var faridWork = await Query(app, d => d.Set<IssuedWorkAuthorization>().Where(c => c.JobseekerId == farid).Select(c => c.Id).SingleAsync());

        // Farid's page offers his own work authorization, off by default, in plain words.
        var faridSession = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, faridSession, "farid@gate.test");
        var apply = await faridSession.GetAsync("/jobs/" + vacancy.PublicToken);
        var box = apply.QuerySelector("input[name=workAuthorizationId]") as AngleSharp.Html.Dom.IHtmlInputElement;
        Assert.NotNull(box);
        Assert.Equal(faridWork.ToString(), box.Value);
        Assert.False(box.IsChecked);
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)apply.QuerySelector("input[name=workAuthorizationFacts]")!).IsChecked);
        Assert.Contains("“authorized to work: yes”", apply.QuerySelector("#work-authorization")!.TextContent, StringComparison.Ordinal);

        // Forged choices: another person's credential, a fact beyond the two allowed, two credentials. Nothing is saved.
        var forged = new[]
        {
            (new Dictionary<string, string> { ["workAuthorizationId"] = aminaWork.ToString() }, "not in your wallet"),
            (new Dictionary<string, string> { ["workAuthorizationId"] = faridWork.ToString(), ["workAuthorizationFacts"] = "a_number" }, "only whether you may work"),
            (new Dictionary<string, string> { ["workAuthorizationId"] = faridWork.ToString(), ["workAuthorizationFacts"] = "valid_until\u001fdocument_number" }, "only whether you may work"),
            (new Dictionary<string, string> { ["workAuthorizationId"] = $"{faridWork}\u001f{aminaWork}" }, "Choose one work authorization."),
        };
        foreach (var (fields, message) in forged)
        {
            var refused = await EmployerHarness.ApplyAsync(faridSession, vacancy, [], expected: HttpStatusCode.BadRequest, extra: fields);
            Assert.Contains(message, refused.QuerySelector("#apply-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal((0, 0, 0), await Query(app, async d => (await d.Set<JobApplication>().CountAsync(), await d.Shares.CountAsync(), await d.ShareItems.CountAsync())));

        // Farid applies without ticking the box; Amina ticks it and "valid until".
        await EmployerHarness.ApplyAsync(faridSession, vacancy, []);
        var aminaSession = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, aminaSession, "amina@gate.test");
        await EmployerHarness.ApplyAsync(aminaSession, vacancy, [], extra: new Dictionary<string, string>
        {
            ["workAuthorizationId"] = aminaWork.ToString(),
            ["workAuthorizationFacts"] = "valid_until",
        });
        var items = await Query(app, d => d.ShareItems.Where(i => i.Kind == ShareItemKinds.WorkAuthorization).ToListAsync());
        var item = Assert.Single(items);
        Assert.Equal((aminaWork, "authorized_to_work,valid_until"), (item.CredentialId!.Value, item.Facts!));

        // The employer: Amina (verified yes) ranks before Farid (higher score, not disclosed).
        var employer = new WebSession(app.Client());
        await EmployerHarness.SignInEmployerAsync(app, employer, "dana@desert.test");
        var ranked = await EmployerHarness.RankedAsync(employer, vacancy.Id);
        Assert.Equal(["Amina", "Farid"], ranked.Select(r => r.Name));
        Assert.Equal([60.0m, 100.0m], ranked.Select(r => r.Score));
        var year = DateTime.UtcNow.AddYears(1).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Work authorization: verified yes (valid until", ranked[0].Text, StringComparison.Ordinal);
        Assert.Contains("Work authorization: not disclosed", ranked[1].Text, StringComparison.Ordinal);

        var detail = await employer.GetAsync($"/employer/applications/{ranked[0].ApplicationId}");
        var line = detail.QuerySelector("#work-authorization")!;
        Assert.Equal("yes", line.GetAttribute("data-work-authorization"));
        Assert.Contains("verified yes (valid until", line.TextContent, StringComparison.Ordinal);
        Assert.Contains(year, line.TextContent, StringComparison.Ordinal);
        var list = await employer.GetAsync($"/employer/vacancies/{vacancy.Id}/applicants");
        var csv = await employer.Client.GetStringAsync($"/employer/vacancies/{vacancy.Id}/applicants?handler=Csv");
        var lerRs = await employer.Client.GetStringAsync($"/employer/applications/{ranked[0].ApplicationId}?handler=LerRs");
        Assert.Contains("yes", csv, StringComparison.Ordinal);
        foreach (var (where, text) in new[] { ("page", detail.DocumentElement.OuterHtml), ("list", list.DocumentElement.OuterHtml), ("csv", csv), ("ler-rs", lerRs) })
        {
            foreach (var hidden in new[] { WorkAuthorizationSteps.ANumber, "246813579", WorkAuthorizationSteps.DocumentNumber, "Asylee", "asylee", "I-766", "a_number", "document_number", "status_category" })
            {
                Assert.False(text.Contains(hidden, StringComparison.Ordinal), $"{where} shows {hidden}");
            }
        }

        // The category code (short enough to occur by chance inside a token) is looked for in the words of the pages.
        Assert.DoesNotContain("A05", detail.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("A05", list.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // The organization revokes Amina's work authorization: the next view says it could not be verified, and the gate is not met.
        var page = await staff.GetAsync(WorkAuthorizationSteps.PageOf(aminaClient));
        await staff.SubmitAsync(page, ".credential-row form[action*=Revoke]", new Dictionary<string, string>());
        detail = await employer.GetAsync($"/employer/applications/{ranked[0].ApplicationId}");
        line = detail.QuerySelector("#work-authorization")!;
        Assert.Equal("notverified", line.GetAttribute("data-work-authorization"));
        Assert.Contains("could not be verified", line.TextContent, StringComparison.Ordinal);
        Assert.Contains("revoked", line.TextContent, StringComparison.OrdinalIgnoreCase);
        ranked = await EmployerHarness.RankedAsync(employer, vacancy.Id);
        Assert.Equal(["Farid", "Amina"], ranked.Select(r => r.Name));
        Assert.Contains("Work authorization: could not be verified", ranked[1].Text, StringComparison.Ordinal);
        Assert.Contains("not disclosed or no", await employer.Client.GetStringAsync($"/employer/vacancies/{vacancy.Id}/applicants?handler=Csv"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Without_a_credential_the_page_says_how_to_get_one_and_a_job_that_does_not_ask_takes_none(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var company = await EmployerHarness.EmployerAsync(app, org.Id, "Desert Logistics", "dana@desert.test");
        var asks = await EmployerHarness.VacancyAsync(app, company, "Room Attendant", true, (A, 3));
        var doesNotAsk = await EmployerHarness.VacancyAsync(app, company, "Volunteer", false, (A, 3));
        var (amina, _) = await EmployerHarness.IssueAsync(app, org.Id, "amina@none.test", "Amina", "Program amina", A);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, "amina@none.test");
        var apply = await holder.GetAsync("/jobs/" + asks.PublicToken);
        Assert.Null(apply.QuerySelector("input[name=workAuthorizationId]"));
        Assert.Contains("The organization that helps you can record your document", apply.QuerySelector("#no-work-authorization")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("You can still apply now", apply.QuerySelector("#work-authorization")!.TextContent, StringComparison.Ordinal);

        // With a credential, a job that does not ask for it neither offers it nor takes it.
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");
        await WorkAuthorizationSteps.RecordAndIssueAsync(staff, await ClientPathAsync(app, amina));
        var work = await Query(app, d => d.Set<IssuedWorkAuthorization>().Select(c => c.Id).SingleAsync());
        var other = await holder.GetAsync("/jobs/" + doesNotAsk.PublicToken);
        Assert.Null(other.QuerySelector("#work-authorization"));
        var refused = await EmployerHarness.ApplyAsync(holder, doesNotAsk, [], expected: HttpStatusCode.BadRequest,
            extra: new Dictionary<string, string> { ["workAuthorizationId"] = work.ToString() });
        Assert.Contains("does not ask for work authorization", refused.QuerySelector("#apply-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Query(app, d => d.Shares.CountAsync()));

        // Applying without it to the job that asks: listed, "not disclosed".
        await EmployerHarness.ApplyAsync(holder, asks, []);
        var employer = new WebSession(app.Client());
        await EmployerHarness.SignInEmployerAsync(app, employer, "dana@desert.test");
        var ranked = Assert.Single(await EmployerHarness.RankedAsync(employer, asks.Id));
        Assert.Contains("Work authorization: not disclosed", ranked.Text, StringComparison.Ordinal);
        var detail = await employer.GetAsync($"/employer/applications/{ranked.ApplicationId}");
        Assert.Equal("notdisclosed", detail.QuerySelector("#work-authorization")!.GetAttribute("data-work-authorization"));
    }

    private static async Task<string> ClientPathAsync(OpenLerFactory app, Guid jobseekerId) =>
        "/issuance/clients/" + await Query(app, d => d.Clients.Where(c => c.JobseekerId == jobseekerId).Select(c => c.Id).SingleAsync());

    private static Task<T> Query<T>(OpenLerFactory app, Func<AppDbContext, Task<T>> query) =>
        app.WithScopeAsync(s => query(s.GetRequiredService<AppDbContext>()));
}
