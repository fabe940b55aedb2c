using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;
using UglyToad.PdfPig;

namespace OpenLer.Server.Tests.Certificates;

/// <summary>
/// Issue 11 in Chromium (demo mode): the demo's Amina opens a credential in her wallet at 360x740, in English and Arabic;
/// the page with its "Certificate (PDF)" button is axe-clean (no serious or critical violation) with no horizontal
/// overflow and the right <c>lang</c>/<c>dir</c>; pressing the button downloads a one-page PDF.
/// </summary>
[Collection("Browser")]
public sealed class CertificateBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts", "certificate");

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Wallet_credential_page_with_the_certificate_button_is_accessible_at_360_and_downloads_a_pdf(string language)
    {
        if (fixture.Browser is null)
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium fonts-noto-core; .ci/run does).");
        }

        Directory.CreateDirectory(Artifacts);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();

        var signIn = await page.GotoAsync(fixture.BaseUrl + "/account/sign-in");
        Assert.Equal((int)HttpStatusCode.OK, signIn!.Status);
        await page.Locator("details.languages > summary").ClickAsync();
        await ClickAsync(page, $"details.languages a[hreflang='{language}']");
        await page.FillAsync("#contact", DemoData.JobseekerContacts[0]);
        await ClickAsync(page, "main form button[type=submit]");
        await page.FillAsync("#code", await DemoCodes.ReadAsync(page));
        await ClickAsync(page, "main form button[type=submit]");
        await ClickAsync(page, ".cards .card a[href^='/wallet/credentials/'] >> nth=0");

        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.True(await page.Locator("#certificate-pdf").IsVisibleAsync(), "the certificate button is not shown");
        Assert.Equal("certificate-hint", await page.Locator("#certificate-pdf").GetAttributeAsync("aria-describedby"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, $"{language}-360x740-credential.png"), FullPage = true });
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the viewport");

        // The button posts the form; the browser saves the PDF it answers with.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#certificate-pdf").ClickAsync());
        var saved = Path.Combine(Artifacts, $"{language}-browser-{download.SuggestedFilename}");
        await download.SaveAsAsync(saved);
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(await File.ReadAllBytesAsync(saved));
        Assert.Equal(1, pdf.NumberOfPages);
        Assert.Contains("Certificate", pdf.GetPage(1).Text, StringComparison.Ordinal);
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
}
