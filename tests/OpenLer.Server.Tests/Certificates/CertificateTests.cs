using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;
using UglyToad.PdfPig;

namespace OpenLer.Server.Tests.Certificates;

/// <summary>
/// Issue 11, "Look": the holder downloads a certificate of a credential from its wallet page. Chromium prints it on one
/// page, in the holder's language and in English (English only for an English reader), naming the person, the program
/// (the organization's translation where there is one), the organization and the date; its QR code decodes to a share
/// link of that credential that opens. Only the holder gets it; without Chromium the wallet offers a printable page instead.
/// </summary>
public sealed class CertificateTests
{
    private const string Contact = "amina@certificate.test";
    private const string ArabicName = "أساسيات المستودعات";

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task The_pdf_is_one_page_in_the_holders_language_and_english_with_a_qr_of_a_share_link_that_opens(string language)
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium fonts-noto-core; .ci/run does).");
        }

        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Contact);
        await TranslateAsync(app);
        var holder = new WebSession(app.Client());
        var page = await OpenCredentialAsync(app, holder, language);
        Assert.NotNull(page.QuerySelector("#certificate-pdf"));

        var response = await PostAsync(holder, page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts", "certificate"));
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "artifacts", "certificate", $"certificate-{language}.pdf"), pdf);

        using var document = PdfDocument.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
        var pdfPage = document.GetPage(1);
        var text = string.Join(' ', pdfPage.GetWords().Select(w => w.Text));
        var compact = text.Replace(" ", "", StringComparison.Ordinal);
        foreach (var expected in new[] { "Amina Yusuf", "Warehouse Basics", "Org acme", "Certificate", "Awarded to", "Scan the code or type the link" })
        {
            Assert.True(compact.Contains(expected.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal), $"\"{expected}\" is not in the PDF: {text}");
        }

        var issued = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Credentials.Select(c => c.IssuedAt).SingleAsync());
        Assert.Contains(Languages.FormatDate(issued, Languages.Find("en"), Languages.Culture("en")).Replace(" ", "", StringComparison.Ordinal), compact, StringComparison.Ordinal);
        var arabic = Letters(ArabicName);
        if (language == "ar")
        {
            // Arabic is printed shaped and right to left: compare its letters (either order), not its glyph forms.
            var printed = Letters(text);
            Assert.True(printed.Contains(arabic, StringComparison.Ordinal) || printed.Contains(Reverse(arabic), StringComparison.Ordinal), $"the Arabic program name is not in the PDF: {text}");
        }
        else
        {
            Assert.DoesNotContain(Reverse(arabic), Letters(text), StringComparison.Ordinal);
            Assert.DoesNotContain(arabic, Letters(text), StringComparison.Ordinal);
        }

        // The QR code: a share link of this one credential, listed among the holder's links, that opens for an employer.
        string? decoded = null;
        foreach (var image in pdfPage.GetImages())
        {
            if (image.TryGetPng(out var png) && QrImages.Decode(png) is { } found)
            {
                decoded = found;
            }
        }

        Assert.NotNull(decoded);
        var link = new Uri(decoded);
        Assert.StartsWith("/s/", link.AbsolutePath, StringComparison.Ordinal);
        var opened = await new WebSession(app.Client()).GetAsync(link.AbsolutePath);
        Assert.Equal("true", opened.QuerySelector(".verdict")!.GetAttribute("data-verified"));
        Assert.Contains("Warehouse Basics", opened.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // A second download reuses the live certificate link rather than making another.
        var again = await PostAsync(holder, page);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Shares.CountAsync()));
    }

    [Fact]
    public async Task Only_the_holder_gets_the_certificate_and_a_get_goes_back_to_the_credential()
    {
        using var app = new OpenLerFactory(settings: new Dictionary<string, string?> { ["OpenLer:ChromiumPath"] = "/nonexistent/chromium" });
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Contact);
        var holder = new WebSession(app.Client());
        var page = await OpenCredentialAsync(app, holder, "en");
        var path = page.QuerySelector("#certificate-form")!.GetAttribute("action")!;

        // Another jobseeker with a credential of their own posts to Amina's certificate: 404, and no link is made.
        var staff2 = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff2, "admin@acme.test");
        var caseload = await staff2.GetAsync("/issuance");
        var client = await staff2.SubmitAsync(caseload, "main form", new Dictionary<string, string> { ["name"] = "Dawit Bekele", ["contact"] = "dawit@certificate.test" });
        client = await staff2.SubmitAsync(client, "form[action*=Enroll]", new Dictionary<string, string> { ["cohort"] = "2026 Spring" });
        client = await staff2.SubmitAsync(client, "form[action*=Complete]", new Dictionary<string, string> { ["evidence"] = "Passed.", ["englishLevel"] = "B1" });
        await staff2.SubmitAsync(client, "form[action*=Issue]", new Dictionary<string, string>());
        var dawit = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, dawit, "dawit@certificate.test");
        var own = await dawit.GetAsync(wallet.QuerySelector("a[href^='/wallet/credentials/']")!.GetAttribute("href")!);
        var token = own.QuerySelector("#certificate-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var stolen = await dawit.Client.PostAsync(path, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        var unknown = await dawit.Client.PostAsync($"/wallet/credentials/{Guid.NewGuid()}/certificate", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Shares.CountAsync()));

        // Signed out: the sign-in page, not a certificate.
        var anonymous = await app.Client().PostAsync(path, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);

        // A GET (a pasted or prefetched address) makes nothing and goes back to the credential's page.
        var get = await holder.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Equal(path[..^"/certificate".Length], get.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Without_chromium_the_wallet_says_so_and_gives_a_printable_certificate_in_arabic_and_english()
    {
        using var app = new OpenLerFactory(settings: new Dictionary<string, string?> { ["OpenLer:ChromiumPath"] = "/nonexistent/chromium" });
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Contact);
        await TranslateAsync(app);
        var holder = new WebSession(app.Client());
        var page = await OpenCredentialAsync(app, holder, "ar");
        Assert.Null(page.QuerySelector("#certificate-pdf"));
        Assert.NotNull(page.QuerySelector("#certificate-printable"));
        Assert.Contains("PDF", page.QuerySelector("#certificate-hint")!.TextContent, StringComparison.Ordinal);

        var response = await PostAsync(holder, page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var csp = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("style-src 'sha256-", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'none'", csp, StringComparison.Ordinal);
        var html = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(html.QuerySelector("#printable-notice.no-print"));
        var sections = html.QuerySelectorAll("#certificate section[data-language]");
        Assert.Equal(["ar", "en"], sections.Select(s => s.GetAttribute("lang")!));
        Assert.Equal(["rtl", "ltr"], sections.Select(s => s.GetAttribute("dir")!));
        Assert.Equal(ArabicName, sections[0].QuerySelector(".program")!.TextContent);
        Assert.Equal("Warehouse Basics", sections[0].QuerySelector(".original bdi")!.TextContent);
        Assert.Equal("en", sections[0].QuerySelector(".original bdi")!.GetAttribute("lang"));
        Assert.Equal("Warehouse Basics", sections[1].QuerySelector(".program")!.TextContent);
        Assert.Null(sections[1].QuerySelector(".original"));
        Assert.All(sections, s => Assert.Equal("Amina Yusuf", s.QuerySelector(".person")!.TextContent));
        Assert.NotEmpty(sections[0].QuerySelectorAll(".skills bdi"));
        var link = QrImages.DecodeDataUri(html.QuerySelector("#certificate-qr")!.GetAttribute("src"));
        Assert.Equal(link, html.QuerySelector("#certificate-link")!.TextContent);
    }

    /// <summary>Signs the holder in and opens their (first) credential's page in <paramref name="language"/>.</summary>
    private static async Task<IHtmlDocument> OpenCredentialAsync(OpenLerFactory app, WebSession holder, string language)
    {
        var wallet = await Journey.SignInJobseekerAsync(app, holder, Contact);
        var page = await holder.GetAsync(wallet.QuerySelector("a[href^='/wallet/credentials/']")!.GetAttribute("href")!);
        return language == "en" ? page : await holder.ChooseLanguageAsync(page, language);
    }

    /// <summary>Submits the page's certificate form as a browser does (its antiforgery token and fields); the response is not followed.</summary>
    private static async Task<HttpResponseMessage> PostAsync(WebSession holder, IHtmlDocument page)
    {
        var form = (IHtmlFormElement)page.QuerySelector("#certificate-form")!;
        var fields = form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        return await holder.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    private static Task TranslateAsync(OpenLerFactory app) =>
        app.WithScopeAsync(async s =>
        {
            var program = await s.GetRequiredService<AppDbContext>().Programs.SingleAsync();
            await s.GetRequiredService<ProgramTexts>().SaveAsync(program,
                [new("ar", ArabicName, "الرفع الآمن والجرد.", "حضر الدورة واجتاز الاختبار العملي.")]);
            return true;
        });

    /// <summary>The Arabic letters of a text, each folded to its base letter (presentation forms, as PDFs hold them, become letters).</summary>
    private static string Letters(string text) =>
        new([.. text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => c is >= '\u0621' and <= '\u064A')]);

    private static string Reverse(string text) => new([.. text.Reverse()]);
}
