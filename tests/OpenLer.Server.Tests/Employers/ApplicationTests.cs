using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Employers;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Employers;

/// <summary>
/// Applications: a job developer's suggestion the employer cannot see until the person applies; a refusal nothing reaches;
/// outcomes the person and their organization see; withdrawal; "jobs that fit your skills"; bad applications saving
/// nothing. SQLite and PostgreSQL.
/// </summary>
public sealed class ApplicationTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_suggestion_needs_the_persons_agreement_and_outcomes_reach_the_person_and_the_organization(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var company = await EmployerHarness.EmployerAsync(app, org.Id, "Desert Logistics", "dana@desert.test");
        var warehouse = await EmployerHarness.VacancyAsync(app, company, "Warehouse Associate", false, ("2.A.1.a", 3), ("2.B.1.b", 1));
        var kitchen = await EmployerHarness.VacancyAsync(app, company, "Prep Cook", false, ("2.B.3.l", 3));
        await EmployerHarness.IssueAsync(app, org.Id, "amina@apply.test", "Amina Yusuf", "Warehouse Basics", "2.A.1.a");
        await EmployerHarness.IssueAsync(app, org.Id, "dawit@apply.test", "Dawit Bekele", "Kitchen Basics", "2.B.1.b");

        // The job developer sees the partner's open jobs and suggests one to each client.
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");
        var jobs = await staff.GetAsync("/placements");
        var clients = jobs.QuerySelectorAll($"[data-vacancy='{warehouse.Id}'] select option").ToDictionary(o => o.TextContent.Trim(), o => o.GetAttribute("value")!);
        jobs = await staff.SubmitAsync(jobs, $"[data-vacancy='{warehouse.Id}'] form", new Dictionary<string, string> { ["clientId"] = clients["Amina Yusuf"] });
        jobs = await staff.SubmitAsync(jobs, $"[data-vacancy='{warehouse.Id}'] form", new Dictionary<string, string> { ["clientId"] = clients["Dawit Bekele"] });
        var twice = await staff.SubmitAsync(jobs, $"[data-vacancy='{warehouse.Id}'] form", new Dictionary<string, string> { ["clientId"] = clients["Dawit Bekele"] }, HttpStatusCode.BadRequest);
        Assert.Contains("This client already has this job", twice.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        // The employer sees nothing of either suggestion.
        var employer = new WebSession(app.Client());
        await EmployerHarness.SignInEmployerAsync(app, employer, "dana@desert.test");
        Assert.Empty(await EmployerHarness.RankedAsync(employer, warehouse.Id));
        var suggestionIds = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<JobApplication>().Select(a => a.Id).ToListAsync());
        foreach (var id in suggestionIds)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await employer.Client.GetAsync($"/employer/applications/{id}")).StatusCode);
        }

        // Dawit says no: still nothing reaches the employer.
        var dawit = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, dawit, "dawit@apply.test");
        var mine = await dawit.GetAsync("/wallet/jobs");
        Assert.Contains("Org acme suggested this job to you", mine.QuerySelector(".suggestion")!.TextContent, StringComparison.Ordinal);
        var job = await dawit.GetAsync(mine.QuerySelector(".suggestion a")!.GetAttribute("href")!);
        await dawit.SubmitAsync(job, "form[action*=Decline]", new Dictionary<string, string>());
        Assert.Empty(await EmployerHarness.RankedAsync(employer, warehouse.Id));

        // Amina agrees by applying with her credential: now the employer sees her.
        var amina = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, amina, "amina@apply.test");
        mine = await amina.GetAsync("/wallet/jobs");
        Assert.Contains("Warehouse Associate", mine.QuerySelector(".suggestion")!.TextContent, StringComparison.Ordinal);
        await EmployerHarness.ApplyAsync(amina, warehouse, [], shareContact: true);
        var ranked = Assert.Single(await EmployerHarness.RankedAsync(employer, warehouse.Id));
        Assert.Equal("Amina Yusuf", ranked.Name);
        Assert.Equal(75.0m, ranked.Score);

        // The employer marks an outcome; she sees it in her wallet, her organization sees it per client.
        var detail = await employer.GetAsync($"/employer/applications/{ranked.ApplicationId}");
        Assert.Contains("amina@apply.test", detail.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        detail = await employer.SubmitAsync(detail, "form[action*=Outcome]", new Dictionary<string, string> { ["outcome"] = ApplicationOutcomes.Interviewed });
        Assert.Equal("Interviewed", detail.QuerySelector("#outcome")!.TextContent.Trim());
        var bad = await employer.SubmitAsync(detail, "form[action*=Outcome]", new Dictionary<string, string> { ["outcome"] = "promoted" }, HttpStatusCode.BadRequest);
        Assert.Contains("Choose seen, interviewed, hired or not selected.", bad.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        mine = await amina.GetAsync("/wallet/jobs");
        Assert.Equal(ApplicationOutcomes.Interviewed, mine.QuerySelector(".application")!.GetAttribute("data-outcome"));
        Assert.Contains("Interviewed", mine.QuerySelector(".application")!.TextContent, StringComparison.Ordinal);
        var outcomes = await staff.GetAsync("/placements/outcomes");
        var rows = outcomes.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Amina Yusuf", StringComparison.Ordinal) && r.Contains("Interviewed", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Dawit Bekele", StringComparison.Ordinal) && r.Contains("The person said no", StringComparison.Ordinal));

        // The events are kept for pilot reporting: suggested, applied, interviewed; suggested, declined.
        var events = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<ApplicationEvent>().OrderBy(e => e.At).Select(e => e.Kind).ToListAsync());
        Assert.Equal(["suggested", "suggested", "declined", "applied", "interviewed"], events);

        // Her share appears in her links, opened when the employer looked; withdrawing stops it and hides the application.
        var links = await amina.GetAsync("/sharing");
        Assert.Contains("Warehouse Associate · Desert Logistics", links.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        mine = await amina.GetAsync("/wallet/jobs");
        await amina.SubmitAsync(mine, ".application form[action*=Withdraw]", new Dictionary<string, string>());
        Assert.Empty(await EmployerHarness.RankedAsync(employer, warehouse.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await employer.Client.GetAsync($"/employer/applications/{ranked.ApplicationId}")).StatusCode);
        Assert.True(await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Shares.AllAsync(x => x.RevokedAt != null)));

        // Jobs that fit her skills: the warehouse job (her credential proves its must-have) before the kitchen job.
        var fits = (await amina.GetAsync("/wallet/jobs")).QuerySelectorAll(".fit h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Warehouse Associate", "Prep Cook"], fits);
        Assert.NotNull(kitchen);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_bad_application_saves_nothing(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var company = await EmployerHarness.EmployerAsync(app, org.Id, "Desert Logistics", "dana@desert.test");
        var vacancy = await EmployerHarness.VacancyAsync(app, company, "Warehouse Associate", false, ("2.A.1.a", 3));
        await EmployerHarness.IssueAsync(app, org.Id, "amina@bad.test", "Amina", "Warehouse Basics", "2.A.1.a");
        var (_, othersCredential) = await EmployerHarness.IssueAsync(app, org.Id, "farid@bad.test", "Farid", "Kitchen Basics", "2.B.1.b");

        // Not signed in: the job's page leads to the sign-in and back.
        var visitor = new WebSession(app.Client());
        var page = await visitor.GetAsync("/jobs/" + vacancy.PublicToken);
        var signIn = page.QuerySelector("a[href^='/account/sign-in']")!.GetAttribute("href")!;
        var signInPage = await visitor.GetAsync(signIn);
        var codePage = await visitor.SubmitAsync(signInPage, "main form", new Dictionary<string, string> { ["contact"] = "amina@bad.test" });
        await visitor.SubmitAsync(codePage, "main form", new Dictionary<string, string> { ["code"] = app.Messages.Latest("amina@bad.test")! });
        Assert.Equal("/jobs/" + vacancy.PublicToken, visitor.Last!.RequestMessage!.RequestUri!.AbsolutePath);

        var noCredential = await EmployerHarness.ApplyAsync(visitor, vacancy, [], credentials: [], expected: HttpStatusCode.BadRequest);
        Assert.Contains("Choose at least one credential.", noCredential.QuerySelector("#apply-error")!.TextContent, StringComparison.Ordinal);
        var notMine = await EmployerHarness.ApplyAsync(visitor, vacancy, [], credentials: [othersCredential], expected: HttpStatusCode.BadRequest);
        Assert.Contains("not in your wallet", notMine.QuerySelector("#apply-error")!.TextContent, StringComparison.Ordinal);
        var notAsked = await EmployerHarness.ApplyAsync(visitor, vacancy, ["2.B.3.l"], expected: HttpStatusCode.BadRequest);
        Assert.Contains("You can only report skills this job asks for.", notAsked.QuerySelector("#apply-error")!.TextContent, StringComparison.Ordinal);
        var noName = await EmployerHarness.ApplyAsync(visitor, vacancy, [], displayName: " ", expected: HttpStatusCode.BadRequest);
        Assert.NotNull(noName.QuerySelector("#apply-error"));
        var counts = await app.WithScopeAsync(async s =>
        {
            var data = s.GetRequiredService<AppDbContext>();
            return (await data.Set<JobApplication>().CountAsync(), await data.Shares.CountAsync());
        });
        Assert.Equal((0, 0), counts);

        // Applying twice keeps one application.
        await EmployerHarness.ApplyAsync(visitor, vacancy, []);
        var again = await visitor.GetAsync("/jobs/" + vacancy.PublicToken);
        Assert.Null(again.QuerySelector("#apply-form"));
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<JobApplication>().CountAsync()));

        // A closed job takes no application, and its page says so.
        await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<JobVacancy>().ExecuteUpdateAsync(u => u.SetProperty(v => v.State, VacancyStates.Closed)));
        var closed = await new WebSession(app.Client()).GetAsync("/jobs/" + vacancy.PublicToken, HttpStatusCode.Gone);
        Assert.Contains("This job is no longer open.", closed.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Client.GetAsync("/jobs/not-a-real-token-at-all")).StatusCode);
    }
}
