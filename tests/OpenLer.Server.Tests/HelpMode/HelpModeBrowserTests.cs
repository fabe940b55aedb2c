using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Tests.HelpMode;

/// <summary>
/// Issue 15 in Chromium (demo mode), English and Arabic at 360x740: the demo's specialist starts "help a client on this
/// device" from the staff menu, the client agrees in the consent step, signs in with their own code and sees the banner on
/// every page; "Finish and sign out" gives the device back to the staff member, who can no longer open the wallet. Every
/// page is axe-clean (no serious or critical violation) with no horizontal overflow.
/// </summary>
[Collection("Browser")]
public sealed class HelpModeBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts", "help-mode");

    [Theory]
    [InlineData("en", 360, 740)]
    [InlineData("ar", 360, 740)]
    public async Task A_caseworker_helps_a_client_on_their_device_and_finishes(string language, int width, int height)
    {
        if (fixture.Browser is null)
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium fonts-noto-core; .ci/run does).");
        }

        Directory.CreateDirectory(Artifacts);
        var run = $"{language}-{width}x{height}";
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();

        // The specialist signs in (no second step for specialists in the demo) in the chosen language.
        await GoAsync(page, "/account/staff-sign-in");
        await page.Locator("details.languages > summary").ClickAsync();
        await ClickAsync(page, $"details.languages a[hreflang='{language}']");
        await page.FillAsync("#email", DemoData.SpecialistEmail);
        await page.FillAsync("#password", DemoData.Password);
        await ClickAsync(page, "main form button[type=submit]");
        if (await page.Locator("#demo-code").CountAsync() > 0)
        {
            await page.FillAsync("#code", (await page.Locator("#demo-code").TextContentAsync())!.Trim());
            await ClickAsync(page, "main form button[type=submit]");
        }

        await ClickAsync(page, "main a[href='/help-mode/start']");
        await CheckAsync(page, run, "01-start");
        await ClickAsync(page, "#help-start");
        Assert.EndsWith("/help-mode/consent", page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator("#help-banner").IsVisibleAsync());
        await CheckAsync(page, run, "02-consent");
        await page.Locator("#agreed").CheckAsync();
        await ClickAsync(page, "#consent-agree");
        Assert.EndsWith("/account/sign-in", page.Url, StringComparison.Ordinal);
        await CheckAsync(page, run, "03-sign-in");

        // The client signs in with their own code (demo mode shows it on the page, as their phone would).
        await page.FillAsync("#contact", DemoData.JobseekerContacts[0]);
        await ClickAsync(page, "main form button[type=submit]");
        for (var i = 0; i < 50 && await page.Locator("#demo-code").CountAsync() == 0; i++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        await page.FillAsync("#code", (await page.Locator("#demo-code").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).Trim());
        await ClickAsync(page, "main form button[type=submit]");
        Assert.Contains("/wallet", page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator("#help-banner").IsVisibleAsync(), "no banner on the wallet");
        await CheckAsync(page, run, "04-wallet");
        await GoAsync(page, "/sharing");
        Assert.True(await page.Locator("#help-banner").IsVisibleAsync(), "no banner on the sharing page");
        await CheckAsync(page, run, "05-sharing");

        // One tap finishes: back to the caseload, and the wallet is closed to the staff member.
        await ClickAsync(page, "#help-finish");
        Assert.EndsWith("/issuance", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#help-banner").CountAsync());
        await CheckAsync(page, run, "06-caseload");
        await page.GotoAsync(fixture.BaseUrl + "/wallet");
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
    }

    private async Task GoAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(fixture.BaseUrl + path);
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
    }

    /// <summary>Clicks and waits for the new document (marks the old one first, as <see cref="BrowserTests"/> does).</summary>
    private static async Task ClickAsync(IPage page, string selector)
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
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, $"{run}-{step}.png"), FullPage = true });
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{step}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{step}: the page is {overflow} px wider than the viewport");
    }
}
