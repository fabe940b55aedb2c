using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Employers;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Employers;

/// <summary>
/// Employer accounts: an organization admin invites a hiring manager through the pages; they sign in with an e-mail code
/// into their own session; one company never sees another's vacancies or applications (404 for every id); an employer
/// already on OpenLER decides whether to work with a second organization; codes are bound, counted and throttled like
/// jobseekers'. SQLite and PostgreSQL.
/// </summary>
public sealed class EmployerAccountTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Admin_invites_an_employer_who_signs_in_with_an_e_mail_code(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, "admin@acme.test");
        var page = await admin.GetAsync("/organization/employers");
        page = await admin.SubmitAsync(page, "form[action*=Employer]", new Dictionary<string, string> { ["employerName"] = "Desert Logistics", ["employerContact"] = "Hiring team" });
        Assert.Contains("No account yet.", page.QuerySelector(".employer")!.TextContent, StringComparison.Ordinal);

        // A bad e-mail saves nothing.
        var bad = await admin.SubmitAsync(page, ".employer form[action*=Invite]", new Dictionary<string, string> { ["personName"] = "Dana", ["email"] = "not an address" }, HttpStatusCode.BadRequest);
        Assert.Contains("Type the hiring manager's e-mail address.", bad.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<EmployerCompany>().CountAsync()));

        page = await admin.SubmitAsync(page, ".employer form[action*=Invite]", new Dictionary<string, string> { ["personName"] = "Dana Miller", ["email"] = " Dana@Desert.test " });
        Assert.Contains("Working together", page.QuerySelector(".employer")!.TextContent, StringComparison.Ordinal);

        // The e-mail is stored only encrypted and as a blind index.
        var user = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<EmployerUser>().AsNoTracking().SingleAsync());
        Assert.DoesNotContain("desert.test", user.EmailCipher + user.EmailIndex + user.NameCipher, StringComparison.OrdinalIgnoreCase);

        // Unknown address: the same answer, and no code goes anywhere.
        var stranger = new WebSession(app.Client());
        var unknown = await stranger.SubmitAsync(await stranger.GetAsync("/employer/sign-in"), "main form", new Dictionary<string, string> { ["email"] = "nobody@desert.test" });
        Assert.Contains("If this is your account, we sent you a code", unknown.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(app.Messages.Latest("nobody@desert.test", "employer-code"));

        // The right code from another browser does not work: it is bound to the browser that asked.
        var employer = new WebSession(app.Client());
        var codePage = await employer.SubmitAsync(await employer.GetAsync("/employer/sign-in"), "main form", new Dictionary<string, string> { ["email"] = "dana@desert.test" });
        var code = app.Messages.Latest("dana@desert.test", "employer-code")!;
        var thief = new WebSession(app.Client());
        var stolen = await thief.SubmitAsync(await thief.GetAsync("/employer/code"), "main form", new Dictionary<string, string> { ["email"] = "dana@desert.test", ["code"] = code });
        Assert.NotNull(stolen.QuerySelector("#code-error"));

        var home = await employer.SubmitAsync(codePage, "main form", new Dictionary<string, string> { ["code"] = code });
        Assert.Equal("/employer", employer.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Desert Logistics", home.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(employer.CookieValue(new CookieNames(new OpenLer.Server.Infrastructure.DeploymentOptions()).Employer));

        // A used code does not work twice; staff and jobseeker pages stay closed to the employer session.
        var again = await thief.SubmitAsync(await thief.GetAsync("/employer/code"), "main form", new Dictionary<string, string> { ["email"] = "dana@desert.test", ["code"] = code });
        Assert.NotNull(again.QuerySelector("#code-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await employer.Client.GetAsync("/issuance")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await employer.Client.GetAsync("/wallet")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await thief.Client.GetAsync("/employer")).StatusCode);

        var audit = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>().Select(r => r.Action).ToListAsync());
        Assert.Contains(AuditActions.EmployerInvited, audit);
        Assert.Contains(AuditActions.EmployerSignIn, audit);
        Assert.Contains(AuditActions.EmployerSignInFailed, audit);

        // Signing out ends the server-side session: the copied cookie stops working.
        var cookie = employer.SetCookies.Last(c => c.Contains("openler.employer=", StringComparison.Ordinal)).Split(';')[0];
        var signedIn = await employer.GetAsync("/employer");
        await employer.SubmitAsync(signedIn, "form.signout", new Dictionary<string, string>());
        var copy = app.Client();
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Redirect, (await copy.GetAsync("/employer")).StatusCode);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Another_company_gets_404_for_every_vacancy_and_application_id(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var desert = await EmployerHarness.EmployerAsync(app, org.Id, "Desert Logistics", "dana@desert.test");
        await EmployerHarness.EmployerAsync(app, org.Id, "Prairie Foods", "pat@prairie.test");
        var vacancy = await EmployerHarness.VacancyAsync(app, desert, "Warehouse Associate", false, ("2.A.1.a", 3));
        await EmployerHarness.IssueAsync(app, org.Id, "amina@tenant.test", "Amina", "Warehouse Basics", "2.A.1.a");
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, "amina@tenant.test");
        await EmployerHarness.ApplyAsync(holder, vacancy, []);
        var applicationId = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<JobApplication>().Select(a => a.Id).SingleAsync());

        var dana = new WebSession(app.Client());
        await EmployerHarness.SignInEmployerAsync(app, dana, "dana@desert.test");
        await dana.GetAsync($"/employer/vacancies/{vacancy.Id}");
        await dana.GetAsync($"/employer/applications/{applicationId}");

        var pat = new WebSession(app.Client());
        var home = await EmployerHarness.SignInEmployerAsync(app, pat, "pat@prairie.test");
        Assert.DoesNotContain("Warehouse Associate", home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        foreach (var path in new[]
        {
            $"/employer/vacancies/{vacancy.Id}", $"/employer/vacancies/{vacancy.Id}/applicants", $"/employer/vacancies/{vacancy.Id}/applicants?handler=Csv",
            $"/employer/applications/{applicationId}", $"/employer/applications/{applicationId}?handler=LerRs", $"/employer/applications/{applicationId}?handler=Resume&lang=en",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await pat.Client.GetAsync(path)).StatusCode);
        }

        // Changes by posting the forms directly: 404, nothing changed.
        var own = await pat.GetAsync("/employer");
        var token = own.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var (path, fields) in new (string, KeyValuePair<string, string>[])[]
        {
            ($"/employer/vacancies/{vacancy.Id}?handler=Close", []),
            ($"/employer/vacancies/{vacancy.Id}?handler=Add", [new("code", "2.B.1.b")]),
            ($"/employer/vacancies/{vacancy.Id}?handler=Skills", [new("remove", "2.A.1.a")]),
            ($"/employer/applications/{applicationId}?handler=Outcome", [new("outcome", "hired")]),
        })
        {
            var response = await pat.Client.PostAsync(path, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var stored = await app.WithScopeAsync(async s =>
        {
            var data = s.GetRequiredService<AppDbContext>();
            return (await data.Set<JobVacancy>().Include(v => v.Skills).SingleAsync(), await data.Set<JobApplication>().SingleAsync());
        });
        Assert.Equal(VacancyStates.Open, stored.Item1.State);
        Assert.Single(stored.Item1.Skills);
        Assert.Equal(ApplicationOutcomes.None, stored.Item2.Outcome);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_employer_on_OpenLER_decides_whether_to_work_with_a_second_organization(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var first = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var second = await app.CreateOrganizationAsync("other", "admin@other.test");
        var company = await EmployerHarness.EmployerAsync(app, first.Id, "Desert Logistics", "dana@desert.test");
        var vacancy = await EmployerHarness.VacancyAsync(app, company, "Warehouse Associate", false, ("2.A.1.a", 3));

        // The second organization invites the same hiring manager: it is only a request.
        var other = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, other, "admin@other.test");
        var page = await other.SubmitAsync(await other.GetAsync("/organization/employers"), "form[action*=Employer]", new Dictionary<string, string> { ["employerName"] = "Desert Logistics (Tucson)" });
        page = await other.SubmitAsync(page, ".employer form[action*=Invite]", new Dictionary<string, string> { ["personName"] = "Dana", ["email"] = "dana@desert.test" });
        Assert.Contains("already uses OpenLER", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Asked: waiting for their answer.", page.QuerySelector(".employer")!.TextContent, StringComparison.Ordinal);
        var jobs = await other.GetAsync("/placements");
        Assert.Null(jobs.QuerySelector($"[data-vacancy='{vacancy.Id}']"));
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<EmployerUser>().CountAsync()));

        // The company agrees on its own page; then the second organization sees its open jobs.
        var dana = new WebSession(app.Client());
        var home = await EmployerHarness.SignInEmployerAsync(app, dana, "dana@desert.test");
        Assert.Contains("Org other asks to work with you", home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        home = await dana.SubmitAsync(home, "form[action*=Answer]", new Dictionary<string, string>());
        Assert.Contains("Org acme", home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Org other", home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        jobs = await other.GetAsync("/placements");
        Assert.NotNull(jobs.QuerySelector($"[data-vacancy='{vacancy.Id}']"));

        // A company's user adds a colleague; an address that already has an account cannot be taken by anyone.
        var team = await dana.SubmitAsync(await dana.GetAsync("/employer/team"), "form[action*=Add]", new Dictionary<string, string> { ["name"] = "Sam", ["email"] = "sam@desert.test" });
        Assert.Contains("sam@desert.test", team.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var taken = await dana.SubmitAsync(team, "form[action*=Add]", new Dictionary<string, string> { ["name"] = "Dana again", ["email"] = "dana@desert.test" }, HttpStatusCode.BadRequest);
        Assert.NotNull(taken.QuerySelector("#team-error"));

        // Disabling the colleague ends their sessions at once.
        var sam = new WebSession(app.Client());
        await EmployerHarness.SignInEmployerAsync(app, sam, "sam@desert.test");
        team = await dana.GetAsync("/employer/team");
        var samId = await app.WithScopeAsync(async s =>
        {
            var records = s.GetRequiredService<EmployerRecords>();
            var users = await s.GetRequiredService<AppDbContext>().Set<EmployerUser>().ToListAsync();
            return users.Single(u => records.Email(u) == "sam@desert.test").Id;
        });
        await dana.SubmitAsync(team, $"form[action*=Disable]:has(input[value='{samId}'])", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await sam.Client.GetAsync("/employer")).StatusCode);
        var refused = new WebSession(app.Client());
        await refused.SubmitAsync(await refused.GetAsync("/employer/sign-in"), "main form", new Dictionary<string, string> { ["email"] = "sam@desert.test" });
        Assert.Equal(1, app.Messages.All.Count(m => m.Kind == "employer-code" && m.Contact == "sam@desert.test"));
    }
}
