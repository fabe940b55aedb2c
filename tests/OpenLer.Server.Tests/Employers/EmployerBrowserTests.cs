using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Features.Employers;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Employers;

/// <summary>
/// Issue 12 in a real browser (the demo, Chromium, no JavaScript in the app): the demo employer signs in with the code the
/// demo outbox shows, posts a vacancy from an O*NET occupation and publishes it; two jobseekers apply through its link with
/// their two credentials; the employer sees the ranked, explained list and marks an outcome, which the applicant then sees.
/// English and Arabic, 360x740 and 1280x800; every page passes axe (no serious or critical violation), has no horizontal
/// overflow, and is saved as a screenshot under artifacts/screenshots. In the "Browser" collection: browser tests run one
/// class at a time, so two Chromiums do not share the machine's two cores.
/// </summary>
[Collection("Browser")]
public sealed class EmployerBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    [Theory]
    [InlineData("en", 360, 740)]
    [InlineData("en", 1280, 800)]
    [InlineData("ar", 360, 740)]
    [InlineData("ar", 1280, 800)]
    public async Task Employer_posts_a_vacancy_jobseekers_apply_and_the_employer_ranks_and_decides(string language, int width, int height)
    {
        if (fixture.Browser is null)
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium fonts-noto-core; .ci/run does).");
        }

        var run = $"employer-{language}-{width}x{height}";
        var problems = new List<string>();
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } };

        // The employer signs in with the code the demo outbox shows.
        await using var employerContext = await fixture.Browser.NewContextAsync(options);
        var employer = await NewPageAsync(employerContext, problems);
        await GoAsync(employer, "/employer/sign-in", run, "01-sign-in", language);
        await employer.FillAsync("#email", EmployersDemo.EmployerEmail);
        await SubmitAsync(employer, "main form button[type=submit]", run, "02-code");
        var code = await DemoCodes.ReadAsync(employer);
        Assert.Matches("^[0-9]{6}$", code);
        await employer.FillAsync("#code", code);
        await SubmitAsync(employer, "main form button[type=submit]", run, "03-home");
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await employer.Locator("html").GetAttributeAsync("dir"));

        // A vacancy from an O*NET occupation found by title; its proposed skills, one made a must-have; published.
        await GoAsync(employer, "/employer/vacancies/new", run, "04-new", null);
        await employer.FillAsync("#q", "warehouse");
        await SubmitAsync(employer, "form[method=get] button[type=submit]", run, "05-occupations");
        await ClickAndWaitForNewPageAsync(employer, "a.button[href*='occupation=53-7065.00']");
        await CheckAsync(employer, run, "06-describe");
        await employer.FillAsync("#title", "Warehouse Associate " + run);
        await employer.FillAsync("#place", "Des Moines");
        await SubmitAsync(employer, "main form[method=post] button[type=submit]", run, "07-skills");
        Assert.True(await employer.Locator("tr[data-skill]").CountAsync() >= 5);
        await employer.Locator("select[name='category[2.A.1.b]']").SelectOptionAsync("3");
        await SubmitAsync(employer, "#skills-form > button[type=submit]", run, "08-skills-saved");
        await SubmitAsync(employer, "form[action*=Publish] button", run, "09-published");
        var link = new Uri((await employer.Locator("#vacancy-link").GetAttributeAsync("href"))!);

        // Two jobseekers apply through the link with both of their credentials.
        foreach (var (contact, step) in new[] { (DemoData.JobseekerContacts[0], "10-amina"), (DemoData.JobseekerContacts[2], "11-dawit") })
        {
            await using var holderContext = await fixture.Browser.NewContextAsync(options);
            var holder = await NewPageAsync(holderContext, problems);
            await GoAsync(holder, link.AbsolutePath, run, step + "-job", language);
            await ClickAndWaitForNewPageAsync(holder, "a.button[href^='/account/sign-in']");
            await holder.FillAsync("#contact", contact);
            await SubmitAsync(holder, "main form button[type=submit]", run, step + "-code");
            var jobseekerCode = await DemoCodes.ReadAsync(holder);
            await holder.FillAsync("#code", jobseekerCode);
            await SubmitAsync(holder, "main form button[type=submit]", run, step + "-apply");
            Assert.Equal(link.AbsolutePath, new Uri(holder.Url).AbsolutePath);
            Assert.Equal(2, await holder.Locator("#apply-form input[name=credentialIds]:checked").CountAsync());
            if (contact == DemoData.JobseekerContacts[0])
            {
                // The job requires work authorization and the demo's Amina holds one: she includes it (off by default).
                Assert.Equal(0, await holder.Locator("#apply-form input[name=workAuthorizationId]:checked").CountAsync());
                await holder.CheckAsync("#apply-form input[name=workAuthorizationId]");
            }

            await SubmitAsync(holder, "#apply-form > button[type=submit]", run, step + "-applied");
            Assert.Equal("/wallet/jobs", new Uri(holder.Url).AbsolutePath);
        }

        // The ranked, explained list; the employer marks the first applicant interviewed.
        var vacancyPath = new Uri(employer.Url).AbsolutePath;
        await GoAsync(employer, vacancyPath + "/applicants", run, "12-applicants", null);
        Assert.Equal(2, await employer.Locator("li.applicant").CountAsync());
        Assert.True(await employer.Locator("li.applicant").First.Locator("li[data-evidence=verified]").CountAsync() > 0);
        Assert.True(await employer.Locator("li.applicant").First.Locator(".proof").CountAsync() > 0);
        Assert.Equal(1, await employer.Locator("li.applicant [data-work-authorization=yes]").CountAsync());
        await ClickAndWaitForNewPageAsync(employer, "li.applicant >> nth=0 >> h2 a");
        await CheckAsync(employer, run, "13-application");
        await employer.Locator("#outcome-select").SelectOptionAsync(ApplicationOutcomes.Interviewed);
        await SubmitAsync(employer, "form[action*=Outcome] button", run, "14-marked");
        Assert.Equal(language == "ar" ? "أُجريت مقابلة" : "Interviewed", (await employer.Locator("#outcome").TextContentAsync())!.Trim());
        await GoAsync(employer, "/employer/team", run, "15-team", null);
        await GoAsync(employer, "/employer", run, "16-home", null);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task<IPage> NewPageAsync(IBrowserContext context, List<string> problems)
    {
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add("console: " + message.Text);
            }
        };
        return page;
    }

    private async Task GoAsync(IPage page, string path, string run, string step, string? language)
    {
        var response = await page.GotoAsync(fixture.BaseUrl + path);
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        if (language is not null)
        {
            await page.Locator("details.languages > summary").ClickAsync();
            await ClickAndWaitForNewPageAsync(page, $"details.languages a[hreflang='{language}']");
        }

        await CheckAsync(page, run, step);
    }

    private static async Task SubmitAsync(IPage page, string button, string run, string step)
    {
        await ClickAndWaitForNewPageAsync(page, button);
        await CheckAsync(page, run, step);
    }

    /// <summary>Clicks and waits for the next document to finish loading (as BrowserTests does).</summary>
    private static async Task ClickAndWaitForNewPageAsync(IPage page, string selector)
    {
        var mark = Guid.NewGuid().ToString("N");
        await page.EvaluateAsync("mark => { window.openlerTestMark = mark; }", mark);
        await page.Locator(selector).ClickAsync();
        await page.WaitForFunctionAsync("mark => window.openlerTestMark !== mark && document.readyState === 'complete'", mark,
            new PageWaitForFunctionOptions { PollingInterval = 100 });
    }

    /// <summary>axe: no serious or critical violation; no horizontal overflow; a screenshot kept as a test artifact.</summary>
    private static async Task CheckAsync(IPage page, string run, string step)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{run}-{step}.png"), FullPage = true });
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var wide = overflow <= 0 ? "" : await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body, body *')].filter(e => { const r = e.getBoundingClientRect(); return r.right > document.documentElement.clientWidth + 0.5 || r.left < -0.5 || e.scrollWidth > e.clientWidth + 1; })
                .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().left) + '..' + Math.round(e.getBoundingClientRect().right) + ' sw' + e.scrollWidth + ' cw' + e.clientWidth).join('; ')
            """);
        Assert.True(overflow <= 0, $"{step}: {overflow} px of horizontal overflow at {page.Url}: {wide}");
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{step}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
