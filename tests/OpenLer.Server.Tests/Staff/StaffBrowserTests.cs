using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Tests.Staff;

/// <summary>
/// The staff pages of issue 11 in Chromium (demo data): the caseload with a search, a program's edit page and the
/// revoke confirmation, in English and Arabic at 360x740 and 1280x800: no serious or critical axe violation, no
/// horizontal overflow, <c>lang</c> and <c>dir</c> right.
/// </summary>
[Collection("Browser")]
public sealed class StaffBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en", 360, 740)]
    [InlineData("en", 1280, 800)]
    [InlineData("ar", 360, 740)]
    [InlineData("ar", 1280, 800)]
    public async Task Caseload_program_edit_and_revoke_confirmation_are_accessible_and_fit(string language, int width, int height)
    {
        if (fixture.Browser is null)
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath}.");
        }

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();

        await GoAsync(page, "/account/staff-sign-in");
        await page.Locator("details.languages > summary").ClickAsync();
        await ClickAsync(page, $"details.languages a[hreflang='{language}']");
        await page.FillAsync("#email", DemoData.AdminEmail);
        await page.FillAsync("#password", DemoData.Password);
        await ClickAsync(page, "main form button[type=submit]");
        await page.FillAsync("#code", (await page.Locator("#demo-code").TextContentAsync())!.Trim());
        await ClickAsync(page, "main form button[type=submit]");

        await GoAsync(page, "/issuance?q=a");
        await CheckAsync(page, language, "caseload search");
        Assert.True(await page.Locator("table.caseload li[data-status]").CountAsync() > 0);

        await GoAsync(page, "/programs");
        await ClickAsync(page, ".card a[href^='/programs/']");
        await CheckAsync(page, language, "program edit");

        await GoAsync(page, "/issuance?status=in-wallet");
        if (await page.Locator("table.caseload a").CountAsync() == 0)
        {
            await GoAsync(page, "/issuance?status=issued");
        }

        await ClickAsync(page, "table.caseload a");
        await ClickAsync(page, "form.revoke button");
        Assert.Contains("/revoke", page.Url, StringComparison.Ordinal);
        await CheckAsync(page, language, "revoke confirmation");
    }

    private async Task GoAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(fixture.BaseUrl + path);
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
    }

    private static async Task ClickAsync(IPage page, string selector)
    {
        var mark = Guid.NewGuid().ToString("N");
        await page.EvaluateAsync("mark => { window.openlerTestMark = mark; }", mark);
        await page.Locator(selector).First.ClickAsync();
        await page.WaitForFunctionAsync("mark => window.openlerTestMark !== mark && document.readyState === 'complete'", mark,
            new PageWaitForFunctionOptions { PollingInterval = 100 });
    }

    private static async Task CheckAsync(IPage page, string language, string step)
    {
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var widest = overflow <= 0 ? "" : await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth; }).slice(-3).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().left) + '..' + Math.round(e.getBoundingClientRect().right)).join('; ')");
        Assert.True(overflow <= 0, $"{step}: the page is {overflow} px wider than the window ({widest})");
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{step}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
