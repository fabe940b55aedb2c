using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;
using UglyToad.PdfPig;

namespace OpenLer.Server.Tests.Sharing;

/// <summary>
/// Issue 11 in Chromium (demo mode): Amina shares from a credential's page, opens the link's page (the Copy button, shown
/// by the one allowed script, puts the exact link on the clipboard), the printable card and the full-screen QR. Each page
/// is axe-clean (no serious or critical violation) with no horizontal overflow, in English and Arabic at 360x740 and
/// 1280x800. The card printed to PDF by Chromium (A4 and Letter) is one page whose QR image decodes back to the exact link
/// (ZXing); the print-media card and the full-screen QR as shown on screen decode to it too.
/// </summary>
[Collection("Browser")]
public sealed class ShareCardBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts", "share");

    [Theory]
    [InlineData("en", 360, 740)]
    [InlineData("en", 1280, 800)]
    [InlineData("ar", 360, 740)]
    [InlineData("ar", 1280, 800)]
    public async Task Share_card_prints_to_one_pdf_page_whose_qr_decodes_to_the_link(string language, int width, int height)
    {
        if (fixture.Browser is null)
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium fonts-noto-core; .ci/run does).");
        }

        Directory.CreateDirectory(Artifacts);
        var run = $"{language}-{width}x{height}";
        var problems = new List<string>();
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Permissions = ["clipboard-read", "clipboard-write"],
        });
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

        // Sign in as the demo's Amina, in the chosen language.
        await GoAsync(page, "/account/sign-in");
        await page.Locator("details.languages > summary").ClickAsync();
        await ClickAsync(page, $"details.languages a[hreflang='{language}']");
        await page.FillAsync("#contact", DemoData.JobseekerContacts[0]);
        await ClickAsync(page, "main form button[type=submit]");
        await page.FillAsync("#code", await DemoCodes.ReadAsync(page));
        await ClickAsync(page, "main form button[type=submit]");

        // Share from the credential's page, then open the link's own page.
        await ClickAsync(page, ".cards .card a[href^='/wallet/credentials/'] >> nth=0");
        await CheckAsync(page, run, "credential");
        await ClickAsync(page, "#share-credential");
        await CheckAsync(page, run, "sharing");
        await ClickAsync(page, "#choose-form button[type=submit]");
        await ClickAsync(page, "#create-form button[type=submit]");
        var link = (await page.Locator("#share-link").GetAttributeAsync("href"))!;
        await ClickAsync(page, "#created-manage");
        await CheckAsync(page, run, "link");
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal(link, await page.Locator("#share-url").InputValueAsync());

        // Copy: the script shows the button and writes the exact link to the clipboard.
        Assert.True(await page.Locator("#copy-link").IsVisibleAsync(), "the share script did not run");
        await page.Locator("#copy-link").ClickAsync();
        await page.Locator("#copy-status").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex(".+") }).WaitForAsync();
        Assert.Equal(link, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // The printable card: one page on A4 and on Letter, its QR image decoding to the link.
        await ClickAsync(page, "#share-card");
        await CheckAsync(page, run, "card");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.Locator("header.top").IsVisibleAsync(), "the navigation is printed");
        Assert.False(await page.Locator("#print-card").IsVisibleAsync(), "the print button is printed");
        var printed = await page.Locator("#share-card").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Artifacts, $"{run}-card-print.png") });
        Assert.Equal(link, QrImages.Decode(printed));
        foreach (var format in new[] { "A4", "Letter" })
        {
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = format, PrintBackground = true, PreferCSSPageSize = true });
            await File.WriteAllBytesAsync(Path.Combine(Artifacts, $"{run}-card-{format}.pdf"), pdf);
            Assert.Equal(link, DecodeQrInPdf(pdf, format));
        }

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // The full-screen QR for showing in person.
        await GoAsync(page, new Uri(page.Url).AbsolutePath[..^"/card".Length] + "/qr");
        await CheckAsync(page, run, "qr");
        var shown = await page.Locator("#fullscreen-qr").ScreenshotAsync();
        Assert.Equal(link, QrImages.Decode(shown));
        var box = (await page.Locator("#fullscreen-qr").BoundingBoxAsync())!;
        Assert.True(box.Width >= Math.Min(width, height) * 0.6, $"the QR is {box.Width} px wide on a {width}x{height} screen");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The PDF has one page; the QR is found among its images (PdfPig turns each into PNG) and read with ZXing.</summary>
    private static string? DecodeQrInPdf(byte[] pdf, string format)
    {
        using var document = PdfDocument.Open(pdf);
        Assert.True(document.NumberOfPages == 1, $"{format}: the card takes {document.NumberOfPages} pages");
        var images = document.GetPage(1).GetImages().ToList();
        Assert.NotEmpty(images);
        foreach (var image in images)
        {
            if (image.TryGetPng(out var png) && QrImages.Decode(png) is { } text)
            {
                return text;
            }
        }

        return null;
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
