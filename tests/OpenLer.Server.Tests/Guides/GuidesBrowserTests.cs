using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Features.Guides;
using UglyToad.PdfPig;

namespace OpenLer.Server.Tests.Guides;

/// <summary>
/// Issue 15 in Chromium: the guide list and every guide are axe-clean (no serious or critical violation) with no
/// horizontal overflow in English and Arabic at 360x740 and 1280x800, and each guide printed to PDF by Chromium is one
/// page on A4 and on Letter, without the site's navigation.
/// </summary>
[Collection("Browser")]
public sealed class GuidesBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts", "guides");

    [Theory]
    [InlineData("en", 360, 740)]
    [InlineData("en", 1280, 800)]
    [InlineData("ar", 360, 740)]
    [InlineData("ar", 1280, 800)]
    public async Task Every_guide_is_accessible_and_prints_on_one_page(string language, int width, int height)
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
        await GoAsync(page, "/guides");
        await page.Locator("details.languages > summary").ClickAsync();
        await page.Locator($"details.languages a[hreflang='{language}']").ClickAsync();
        await page.WaitForURLAsync("**/guides");
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));
        await CheckAsync(page, run, "index");

        foreach (var guide in GuideCatalog.All)
        {
            await GoAsync(page, "/guides/" + guide.Slug);
            await CheckAsync(page, run, guide.Slug);
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            Assert.False(await page.Locator("header.top").IsVisibleAsync(), "the navigation is printed");
            foreach (var format in new[] { "A4", "Letter" })
            {
                var pdf = await page.PdfAsync(new PagePdfOptions { Format = format, PrintBackground = true, PreferCSSPageSize = true });
                await File.WriteAllBytesAsync(Path.Combine(Artifacts, $"{run}-{guide.Slug}-{format}.pdf"), pdf);
                using var document = PdfDocument.Open(pdf);
                Assert.True(document.NumberOfPages == 1, $"{guide.Slug} ({format}, {language}) prints on {document.NumberOfPages} pages");
                var words = document.GetPage(1).GetWords().Count();
                Assert.True(words > 30, $"{guide.Slug} ({format}, {language}): only {words} words printed");
            }

            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        }
    }

    private async Task GoAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(fixture.BaseUrl + path);
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
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
