using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Badges;

/// <summary>
/// The badge in Chromium (demo data) at 360x740, in English and Arabic: the program edit page with its badge controls, the
/// badge page, and the wallet's credential page with the badge and its download. No serious or critical axe violation,
/// no horizontal overflow, and the badge image actually loads under the page's policy.
/// </summary>
[Collection("Browser")]
public sealed class BadgeBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Badge_controls_and_the_wallet_badge_are_accessible_and_fit_at_360_px(string language)
    {
        if (fixture.Browser is null)
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath}.");
        }

        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 } };
        await using var staffContext = await fixture.Browser.NewContextAsync(options);
        staffContext.SetDefaultTimeout(120_000);
        staffContext.SetDefaultNavigationTimeout(120_000);
        var staff = await staffContext.NewPageAsync();
        await GoAsync(staff, "/account/staff-sign-in");
        await staff.Locator("details.languages > summary").ClickAsync();
        await ClickAsync(staff, $"details.languages a[hreflang='{language}']");
        await staff.FillAsync("#email", DemoData.AdminEmail);
        await staff.FillAsync("#password", DemoData.Password);
        await ClickAsync(staff, "main form button[type=submit]");
        await staff.FillAsync("#code", (await staff.Locator("#demo-code").TextContentAsync())!.Trim());
        await ClickAsync(staff, "main form button[type=submit]");

        await GoAsync(staff, "/programs");
        await ClickAsync(staff, ".card a[href^='/programs/']");
        await CheckAsync(staff, language, "program edit");
        Assert.True(await LoadedAsync(staff, "#badge-preview"), "the badge preview loads on the edit page");
        Assert.Equal(1, await staff.Locator("#badge-file").CountAsync());
        Assert.Equal(1, await staff.Locator("#badge-colour-value").CountAsync());

        await GoAsync(staff, new Uri(staff.Url).AbsolutePath + "/badge");
        await CheckAsync(staff, language, "badge page");

        await using var holderContext = await fixture.Browser.NewContextAsync(options);
        holderContext.SetDefaultTimeout(120_000);
        holderContext.SetDefaultNavigationTimeout(120_000);
        var holder = await holderContext.NewPageAsync();
        await GoAsync(holder, "/account/sign-in");
        await holder.Locator("details.languages > summary").ClickAsync();
        await ClickAsync(holder, $"details.languages a[hreflang='{language}']");
        await holder.FillAsync("#contact", DemoData.JobseekerContacts[0]);
        await ClickAsync(holder, "main form button[type=submit]");
        await holder.FillAsync("#code", await DemoCodes.ReadAsync(holder));
        await ClickAsync(holder, "main form button[type=submit]");
        await CheckAsync(holder, language, "wallet");
        Assert.True(await LoadedAsync(holder, ".cards .badge-image"), "the badge loads in the wallet list");
        await ClickAsync(holder, ".cards .card a[href^='/wallet/credentials/']");
        await CheckAsync(holder, language, "wallet credential");
        Assert.True(await LoadedAsync(holder, "#badge-image"), "the badge loads on the credential page");
        Assert.Equal(1, await holder.Locator("#download-badge").CountAsync());
    }

    private static Task<bool> LoadedAsync(IPage page, string selector) =>
        page.Locator(selector).First.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");

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
