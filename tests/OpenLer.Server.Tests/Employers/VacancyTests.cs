using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Employers;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Employers;

/// <summary>
/// Posting a vacancy without JavaScript: search an O*NET occupation by an alternate title, get its skills proposed, change,
/// add and remove skills, publish; and bad input (an unknown O*NET code, a vacancy with no skills) answered with a clear
/// message and nothing half-saved. SQLite and PostgreSQL.
/// </summary>
public sealed class VacancyTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Employer_posts_a_vacancy_from_an_occupation_and_bad_input_saves_nothing(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await EmployerHarness.EmployerAsync(app, org.Id, "Desert Logistics", "dana@desert.test");
        var employer = new WebSession(app.Client());
        await EmployerHarness.SignInEmployerAsync(app, employer, "dana@desert.test");

        // Search by an alternate title: "order picker" is one of Stockers and Order Fillers' other titles.
        var search = await employer.GetAsync("/employer/vacancies/new?q=order+picker");
        var first = search.QuerySelectorAll("li.occupation").First(li => li.TextContent.Contains("Stockers and Order Fillers", StringComparison.Ordinal));
        Assert.Contains("Order Picker", first.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
        var choose = first.QuerySelector("a.button")!.GetAttribute("href")!;
        var form = await employer.GetAsync(choose);
        Assert.Equal("53-7065.00", form.QuerySelector("input[name=occupation]")!.GetAttribute("value"));

        // An unknown O*NET code, in the link or posted: a clear message, nothing saved.
        var unknownGet = await employer.GetAsync("/employer/vacancies/new?occupation=99-9999.99", HttpStatusCode.BadRequest);
        Assert.Contains("That is not an O*NET occupation we know", unknownGet.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var unknownPost = await employer.SubmitAsync(form, "main form[method=post]", new Dictionary<string, string> { ["occupation"] = "99-9999.99", ["title"] = "Ghost job" }, HttpStatusCode.BadRequest);
        Assert.Contains("99-9999.99", unknownPost.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<JobVacancy>().CountAsync()));

        var vacancyPage = await employer.SubmitAsync(form, "main form[method=post]", new Dictionary<string, string> { ["title"] = "Order Picker", ["place"] = "Des Moines", ["hours"] = "Days" });
        var proposed = vacancyPage.QuerySelectorAll("tr[data-skill]").Select(r => r.GetAttribute("data-skill")!).ToList();
        Assert.Contains("2.A.1.b", proposed); // Active Listening: O*NET's most important skill for this occupation
        Assert.True(proposed.Count >= 5, string.Join(",", proposed));
        var path = employer.Last!.RequestMessage!.RequestUri!.AbsolutePath;

        // Categories: Active Listening becomes a must-have; one proposal is removed.
        vacancyPage = await employer.SubmitAsync(vacancyPage, "#skills-form", new Dictionary<string, string> { ["category[2.A.1.b]"] = "3" });
        Assert.Equal("3", vacancyPage.QuerySelector("tr[data-skill='2.A.1.b'] select option[selected]")!.GetAttribute("value"));
        vacancyPage = await employer.SubmitAsync(vacancyPage, "#skills-form", new Dictionary<string, string> { ["remove"] = proposed[^1] });
        Assert.Null(vacancyPage.QuerySelector($"tr[data-skill='{proposed[^1]}']"));

        // The searchable picker works without JavaScript: search, then add with a category.
        var found = await employer.GetAsync(path + "?skill=operation+control");
        var add = found.QuerySelector("form.add-skill:has(input[value='2.B.3.h'])");
        Assert.NotNull(add);
        vacancyPage = await employer.SubmitAsync(found, "form.add-skill:has(input[value='2.B.3.h'])", new Dictionary<string, string> { ["category"] = "2" });
        Assert.Equal("2", vacancyPage.QuerySelector("tr[data-skill='2.B.3.h'] select option[selected]")!.GetAttribute("value"));

        // An unknown skill code posted directly, or a category outside 1-3: refused, nothing changed.
        var before = await SkillsAsync(app);
        var badSkill = await employer.SubmitAsync(found, "form.add-skill", new Dictionary<string, string> { ["code"] = "9.Z.9.z" }, HttpStatusCode.BadRequest);
        Assert.Contains("That is not an O*NET skill or knowledge area we know", badSkill.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var badCategory = await employer.SubmitAsync(vacancyPage, "#skills-form", new Dictionary<string, string> { ["category[2.A.1.b]"] = "7" }, HttpStatusCode.BadRequest);
        Assert.Contains("Choose must-have, important or nice-to-have", badCategory.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await SkillsAsync(app));

        // Publish: the link and QR appear, and the job's page shows the skills.
        vacancyPage = await employer.SubmitAsync(vacancyPage, "form[action*=Publish]", new Dictionary<string, string>());
        var link = vacancyPage.QuerySelector("#vacancy-link")!.GetAttribute("href")!;
        Assert.StartsWith("data:image/png;base64,", vacancyPage.QuerySelector(".qr img")!.GetAttribute("src"), StringComparison.Ordinal);
        var anonymous = new WebSession(app.Client());
        var job = await anonymous.GetAsync(new Uri(link).AbsolutePath);
        Assert.Contains("Order Picker", job.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(job.QuerySelector("a[href^='/account/sign-in?ReturnUrl=']"));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_vacancy_with_no_skills_cannot_be_published_nor_can_an_open_one_lose_its_last_skill(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var company = await EmployerHarness.EmployerAsync(app, org.Id, "Desert Logistics", "dana@desert.test");
        var draft = await EmployerHarness.VacancyAsync(app, company, "Empty job", false);
        await app.WithScopeAsync(async s =>
        {
            var data = s.GetRequiredService<AppDbContext>();
            await data.Set<JobVacancy>().Where(v => v.Id == draft.Id).ExecuteUpdateAsync(u => u.SetProperty(v => v.State, VacancyStates.Draft));
            return true;
        });
        var employer = new WebSession(app.Client());
        await EmployerHarness.SignInEmployerAsync(app, employer, "dana@desert.test");
        var page = await employer.GetAsync($"/employer/vacancies/{draft.Id}");
        Assert.Contains("This job has no skills yet", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var refused = await employer.SubmitAsync(page, "form[action*=Publish]", new Dictionary<string, string>(), HttpStatusCode.BadRequest);
        Assert.Contains("Add at least one skill before you publish this vacancy.", refused.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(VacancyStates.Draft, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<JobVacancy>().Where(v => v.Id == draft.Id).Select(v => v.State).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await new WebSession(app.Client()).Client.GetAsync("/jobs/" + draft.PublicToken)).StatusCode);

        var open = await EmployerHarness.VacancyAsync(app, company, "One skill", false, ("2.A.1.a", 3));
        page = await employer.GetAsync($"/employer/vacancies/{open.Id}");
        var last = await employer.SubmitAsync(page, "#skills-form", new Dictionary<string, string> { ["remove"] = "2.A.1.a" }, HttpStatusCode.BadRequest);
        Assert.Contains("A published vacancy needs at least one skill.", last.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<VacancySkillRow>().CountAsync(r => r.VacancyId == open.Id)));
    }

    private static Task<string> SkillsAsync(OpenLerFactory app) =>
        app.WithScopeAsync(async s => string.Join(";", (await s.GetRequiredService<AppDbContext>().Set<VacancySkillRow>().AsNoTracking().ToListAsync())
            .OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => $"{r.Code}={r.Category}")));
}
