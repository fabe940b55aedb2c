using Microsoft.Playwright;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Matrix;

/// <summary>
/// Issue 11 ("Must show"): screenshots of the person's journey in five languages. An app of its own (not the matrix's):
/// each journey signs the demo's Amina in with a code, and an account gets at most five codes an hour.
/// </summary>
[Collection("Browser")]
public sealed class PersonsJourneyBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// The person's whole journey at 360x740 in en, ar, fa-AF, ti and my, each step checked like the matrix and kept as a
    /// screenshot under artifacts/screenshots/journey (CI keeps artifacts/): the language chosen with the header's link, sign
    /// in with a code, the wallet, a credential, sharing it, the share link with its QR, the employer's view of the link,
    /// and the verify page's result for the credential's file.
    /// </summary>
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("fa-AF")]
    [InlineData("ti")]
    [InlineData("my")]
    public async Task The_persons_journey_is_pictured_in_five_languages(string code)
    {
        if (fixture.Browser is null)
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium fonts-noto-core; .ci/run does).");
        }

        var language = Languages.Find(code);
        Assert.Equal(code, language.Code);
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots", "journey");
        Directory.CreateDirectory(folder);
        var problems = new List<string>();
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 } };
        await using var holderContext = await NewContextAsync(options);
        await using var employerContext = await NewContextAsync(options);
        var holder = await holderContext.NewPageAsync();
        var employer = await employerContext.NewPageAsync();
        var number = 0;
        async Task StepAsync(IPage page, IResponse? response, string step)
        {
            // The screenshot first: the checks open every <details> (the language menu too).
            number++;
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{code}-360x740-{number:00}-{step}.png"), FullPage = true });
            await PageMatrix.CheckAsync(page, response, language, "journey " + step, problems);
        }

        // Sign in with a code, in the language chosen with the header's link.
        await GoAsync(holder, "/account/sign-in");
        await holder.Locator("details.languages > summary").ClickAsync();
        await StepAsync(holder, await PageMatrix.ClickAsync(holder, $"details.languages a[hreflang='{code}']"), "sign-in");
        await holder.FillAsync("#contact", DemoData.JobseekerContacts[0]);
        await StepAsync(holder, await PageMatrix.ClickAsync(holder, "main form button[type=submit]"), "code");
        await holder.FillAsync("#code", await DemoCodes.ReadAsync(holder));
        await StepAsync(holder, await PageMatrix.ClickAsync(holder, "main form button[type=submit]"), "wallet");
        Assert.Equal("/wallet", new Uri(holder.Url).AbsolutePath);

        // A credential, shared from its own page; the share link with its QR, full screen and as a printable card.
        await StepAsync(holder, await PageMatrix.ClickAsync(holder, ".cards .card a[href^='/wallet/credentials/']"), "credential");
        var credential = new Uri(holder.Url).AbsolutePath;
        await StepAsync(holder, await PageMatrix.ClickAsync(holder, "#share-credential"), "share-choose");
        await StepAsync(holder, await PageMatrix.ClickAsync(holder, "#choose-form button[type=submit]"), "share-preview");
        await StepAsync(holder, await PageMatrix.ClickAsync(holder, "#create-form button[type=submit]"), "shared");
        var link = new Uri((await holder.Locator("#share-link").GetAttributeAsync("href"))!);
        await StepAsync(holder, await PageMatrix.ClickAsync(holder, "#created-manage"), "share-link-qr");
        Assert.Equal(1, await holder.Locator("#share-qr").CountAsync());
        await StepAsync(holder, await PageMatrix.ClickAsync(holder, "#share-fullscreen"), "share-qr-full-screen");

        // The employer, in the same language, opens the link; then checks the credential's file on the verify page.
        await PageMatrix.UseLanguageAsync(employerContext, fixture.BaseUrl, language);
        await StepAsync(employer, await employer.GotoAsync(fixture.BaseUrl + link.AbsolutePath), "employer-view");
        Assert.True(await employer.Locator("[data-verified=true]").CountAsync() > 0);
        var file = await holderContext.APIRequest.GetAsync(fixture.BaseUrl + credential + "?handler=download");
        Assert.Equal(200, file.Status);
        await StepAsync(employer, await employer.GotoAsync(fixture.BaseUrl + "/verify"), "verify");
        await employer.FillAsync("#credential", await file.TextAsync());
        await StepAsync(employer, await PageMatrix.ClickAsync(employer, "main form button[type=submit]"), "verify-result");
        Assert.Equal("Genuine", await employer.Locator("main .result").GetAttributeAsync("data-verdict"));

        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems));
    }

    private Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options) => PageMatrix.NewContextAsync(fixture.Browser!, options);

    private Task GoAsync(IPage page, string path) => PageMatrix.GoAsync(page, fixture.BaseUrl, path);
}
