using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Tests.Practice;

/// <summary>
/// The practice space in Chromium (demo data), in English and Arabic at 360x740 and 1280x800: the demo admin switches to
/// practice from the staff menu, adds a practice client and issues a practice credential under the band and the word
/// (also when printed), switches back (no band), opens the pilot report and downloads its CSV. Every page: no serious or
/// critical axe violation, no horizontal overflow, <c>lang</c> and <c>dir</c> right.
/// </summary>
[Collection("Browser")]
public sealed class PracticeBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en", 360, 740)]
    [InlineData("en", 1280, 800)]
    [InlineData("ar", 360, 740)]
    [InlineData("ar", 1280, 800)]
    public async Task Admin_practises_issues_switches_back_and_downloads_the_report(string language, int width, int height)
    {
        if (fixture.Browser is null)
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath}.");
        }

        var word = language == "ar" ? "تدريب" : "Practice";
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

        // The staff menu's "Practice", then the switch.
        await GoAsync(page, "/issuance");
        Assert.Equal(0, await page.Locator("#practice-band").CountAsync());
        Assert.Equal(word, (await page.Locator("#menu-practice").TextContentAsync())!.Trim());
        await ClickAsync(page, "#menu-practice");
        await CheckAsync(page, language, "practice page");
        await ClickAsync(page, "#practice-start");
        Assert.EndsWith("/issuance", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await AssertBandAsync(page, word);
        await CheckAsync(page, language, "practice caseload");

        // A practice client, enrolled, completed and issued.
        var contact = $"practice-{language}-{width}@example.org";
        await page.FillAsync("#name", "Trainee " + width);
        await page.FillAsync("#contact", contact);
        await ClickAsync(page, "#add-client-form button[type=submit]");
        Assert.Contains("/issuance/clients/", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#cohort", "Practice cohort");
        await ClickAsync(page, "form[action*='handler=Enroll'] button");
        await ClickAsync(page, "form[action*='handler=Complete'] button");
        await ClickAsync(page, "form[action*='handler=Issue'] button");
        Assert.Equal(1, await page.Locator("form.revoke").CountAsync());
        Assert.Contains("Practice: ", await page.Locator("main").TextContentAsync() ?? "", StringComparison.Ordinal);
        await AssertBandAsync(page, word);
        await CheckAsync(page, language, "practice client with a practice credential");

        // On paper too.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.True(await page.Locator("#practice-band").IsVisibleAsync());
        Assert.Contains(word, await page.Locator("#practice-band .practice-word").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // Back to real work: no band; the report and its CSV.
        await GoAsync(page, "/practice");
        await ClickAsync(page, "#practice-stop");
        Assert.Equal(0, await page.Locator("#practice-band").CountAsync());
        await GoAsync(page, "/organization/report");
        Assert.Equal(0, await page.Locator("#practice-band").CountAsync());
        await CheckAsync(page, language, "report");
        var href = await page.Locator("a[href*='handler=Csv']").First.GetAttributeAsync("href");
        var csv = await context.APIRequest.GetAsync(fixture.BaseUrl + href);
        Assert.Equal((int)HttpStatusCode.OK, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"], StringComparison.Ordinal);
        var header = (await csv.TextAsync()).TrimStart('\uFEFF').Split("\r\n")[0];
        Assert.True(header.Split(',').Length >= 10, header);
    }

    private static async Task AssertBandAsync(IPage page, string word)
    {
        Assert.True(await page.Locator("#practice-band").IsVisibleAsync());
        Assert.Contains(word, await page.Locator("#practice-band").TextContentAsync() ?? "", StringComparison.Ordinal);
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
        Assert.True(overflow <= 0, $"{step}: the page is {overflow} px wider than the window");
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{step}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
