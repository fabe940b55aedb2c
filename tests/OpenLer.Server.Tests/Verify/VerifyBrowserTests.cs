using System.Net;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Server.Tests.Verify;

/// <summary>
/// Issue 11 in a real browser: a genuine and a tampered result on the Verify page, with "Every check" and "Technical
/// details" opened, at 360x740 and 1280x800 in English and Arabic: axe finds nothing serious and the document is never
/// wider than the viewport. Screenshots are kept under artifacts/screenshots.
/// </summary>
[Collection("Browser")]
public sealed class VerifyBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    [Theory]
    [InlineData("en", 360, 740)]
    [InlineData("en", 1280, 800)]
    [InlineData("ar", 360, 740)]
    [InlineData("ar", 1280, 800)]
    public async Task Genuine_and_tampered_results_fit_the_screen_with_every_detail_open(string language, int width, int height)
    {
        if (fixture.Browser is null)
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium fonts-noto-core; .ci/run does).");
        }

        var run = $"verify-{language}-{width}x{height}";
        var genuine = await fixture.App!.FirstCredentialJsonAsync();
        var tampered = JsonNode.Parse(genuine)!.AsObject();
        tampered["credentialSubject"]!["achievement"]!["name"] = "Senior Warehouse Manager of the Whole Southwest Region";

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(fixture.BaseUrl + "/verify");
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        await page.Locator("details.languages > summary").ClickAsync();
        await ClickAndWaitForNewPageAsync(page, $"details.languages a[hreflang='{language}']");
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));

        foreach (var (name, text, verdict) in new[] { ("genuine", genuine, "Genuine"), ("tampered", tampered.ToJsonString(), "NotGenuine") })
        {
            await page.FillAsync("#credential", text);
            await ClickAndWaitForNewPageAsync(page, "main form button[type=submit]");
            Assert.Equal(verdict, await page.Locator("main .result").GetAttributeAsync("data-verdict"));
            Assert.Equal(verdict == "Genuine" ? 0 : 1, await page.Locator("main .claimed").CountAsync());
            var summaries = page.Locator("main details > summary");
            Assert.True(await summaries.CountAsync() >= 2);
            for (var i = 0; i < await summaries.CountAsync(); i++)
            {
                await summaries.Nth(i).ClickAsync();
            }

            Assert.Equal(await summaries.CountAsync(), await page.Locator("main details[open]").CountAsync());
            await CheckAsync(page, run, name);
            await page.GotoAsync(fixture.BaseUrl + "/verify");
        }
    }

    private static async Task ClickAndWaitForNewPageAsync(IPage page, string selector)
    {
        var mark = Guid.NewGuid().ToString("N");
        await page.EvaluateAsync("mark => { window.openlerTestMark = mark; }", mark);
        await page.Locator(selector).ClickAsync();
        await page.WaitForFunctionAsync("mark => window.openlerTestMark !== mark && document.readyState === 'complete'", mark,
            new PageWaitForFunctionOptions { PollingInterval = 100 });
    }

    /// <summary>No horizontal overflow (document width within the viewport), axe clean, a screenshot kept.</summary>
    private static async Task CheckAsync(IPage page, string run, string step)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{run}-{step}.png"), FullPage = true });
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var wide = overflow <= 0 ? "" : await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body, body *')].filter(e => { const r = e.getBoundingClientRect(); return r.right > document.documentElement.clientWidth + 0.5 || r.left < -0.5; })
                .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().left) + '..' + Math.round(e.getBoundingClientRect().right)).join('; ')
            """);
        Assert.True(overflow <= 0, $"{step}: {overflow} px of horizontal overflow: {wide}");
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{step}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
