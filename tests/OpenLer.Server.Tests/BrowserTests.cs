using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests;

/// <summary>The app on a real Kestrel port (127.0.0.1, dynamic) in demo mode, and one headless Chromium for the browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public OpenLerFactory? App { get; private set; }
    public IPlaywright? Playwright { get; private set; }
    public IBrowser? Browser { get; private set; }
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        App = new OpenLerFactory(Db.Sqlite, kestrel: true, new Dictionary<string, string?>
        {
            ["OpenLer:Demo"] = "true",
            ["OpenLer:AllowInsecureCookies"] = "true",

            // The runs of one class (languages x sizes) sign the same demo people in within a minute; the resend spacing
            // itself is tested by the trust tests.
            ["OpenLer:CodeResendSeconds"] = "0",

            // The language matrix opens ~170 pages (and the share page 28 times) from one address within a minute or two;
            // the limits themselves are tested by the security tests.
            ["OpenLer:RateLimits:Public:Permits"] = "5000",
            ["OpenLer:RateLimits:ShareOpen:Permits"] = "1000",

            // The signed-in matrix (Matrix/LanguageMatrixBrowserTests) opens ~60 pages in 14 languages per size with one
            // session per audience, and walks the sign-in steps (a code, a password) once per language.
            ["OpenLer:RateLimits:SignedIn:Permits"] = "10000",
            ["OpenLer:RateLimits:CodeRequest:Permits"] = "1000",
            ["OpenLer:RateLimits:PasswordAttempt:Permits"] = "1000",
        });
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

/// <summary>
/// A real browser: staff issue, the jobseeker signs in with a code (read from the demo outbox on screen) and shares, the
/// employer opens the link and sees "verified"; at 360x740 and 1280x800, in English and Arabic. Every page of the journey is
/// checked with axe (no serious or critical violation) and saved as a screenshot under artifacts/screenshots.
/// </summary>
[Collection("Browser")]
public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    [Theory]
    [InlineData("en", 360, 740)]
    [InlineData("en", 1280, 800)]
    [InlineData("ar", 360, 740)]
    [InlineData("ar", 1280, 800)]
    public async Task Issue_sign_in_share_and_verify_in_a_real_browser(string language, int width, int height)
    {
        if (fixture.Browser is null)
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium fonts-noto-core; .ci/run does).");
        }

        var run = $"{language}-{width}x{height}";
        var contact = $"browser-{language}-{width}@example.org";
        var problems = new List<string>();
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } };

        // Staff: sign in, add a client, enroll, record completion, issue.
        await using var staffContext = await fixture.Browser.NewContextAsync(options);
        var staff = await NewPageAsync(staffContext, problems);
        await GoAsync(staff, "/account/staff-sign-in", run, "01-staff-sign-in", language);
        await staff.FillAsync("#email", DemoData.AdminEmail);
        await staff.FillAsync("#password", DemoData.Password);
        await SubmitAsync(staff, "main form", run, "02-second-step");
        var second = (await staff.Locator("#demo-code").TextContentAsync())!.Trim();
        Assert.Matches("^[0-9]{6}$", second);
        await staff.FillAsync("#code", second);
        await SubmitAsync(staff, "main form", run, "02b-caseload");
        await staff.FillAsync("#name", "Browser Client " + run);
        await staff.FillAsync("#contact", contact);
        await SubmitAsync(staff, "#add-client-form", run, "03-client");
        await staff.FillAsync("#cohort", "2026 Winter");
        await SubmitAsync(staff, "form[action*=Enroll]", run, "04-enrolled");
        await staff.Locator("form[action*=Complete] textarea").FillAsync("Completed all sessions.");
        await staff.Locator("form[action*=Complete] select").SelectOptionAsync("B1");
        await SubmitAsync(staff, "form[action*=Complete]", run, "05-completed");
        await SubmitAsync(staff, "form[action*=Issue]", run, "06-issued");
        Assert.Equal(1, await staff.Locator("form.revoke").CountAsync());
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await staff.Locator("html").GetAttributeAsync("dir"));
        await GoAsync(staff, "/programs", run, "06b-programs", null);
        await GoAsync(staff, "/organization", run, "06c-organization", null);
        await GoAsync(staff, "/organization/audit", run, "06d-audit", null);
        await GoAsync(staff, "/account/sessions", run, "06e-sessions", null);

        // Jobseeker: sign in with the code the demo outbox shows, see the card, share.
        await using var holderContext = await fixture.Browser.NewContextAsync(options);
        var holder = await NewPageAsync(holderContext, problems);
        await GoAsync(holder, "/account/sign-in", run, "07-sign-in", language);
        await holder.FillAsync("#contact", contact);
        await SubmitAsync(holder, "main form", run, "08-code");
        var code = await DemoCodes.ReadAsync(holder);
        Assert.Matches("^[0-9]{6}$", code);
        await holder.FillAsync("#code", code);
        await SubmitAsync(holder, "main form", run, "09-wallet");
        Assert.Equal(1, await holder.Locator(".cards .card").CountAsync());
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await holder.Locator("html").GetAttributeAsync("dir"));
        await ClickAndWaitForNewPageAsync(holder, ".cards .card a[href^='/wallet/credentials/'] >> nth=0");
        await CheckAsync(holder, run, "10-credential");
        await GoAsync(holder, "/sharing", run, "11-sharing", null);
        await SubmitAsync(holder, "#choose-form", run, "11b-preview");
        await SubmitAsync(holder, "#create-form", run, "12-shared");
        var link = new Uri((await holder.Locator("#share-link").GetAttributeAsync("href"))!);

        // Employer: no account, opens the link, sees "verified".
        await using var employerContext = await fixture.Browser.NewContextAsync(options);
        var employer = await NewPageAsync(employerContext, problems);
        await GoAsync(employer, link.AbsolutePath, run, "13-employer", language);
        Assert.Equal(1, await employer.Locator("[data-verified=true]").CountAsync());
        Assert.Equal(0, await employer.Locator("[data-verified=false]").CountAsync());
        var expected = language == "ar" ? "موثَّقة" : "Verified";
        Assert.Contains(expected, await employer.Locator("[data-verified=true]").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await employer.Locator("html").GetAttributeAsync("dir"));
        await GoAsync(employer, "/", run, "14-home", null);
        await GoAsync(employer, "/verify", run, "15-verify", null);
        await GoAsync(employer, "/about", run, "16-about", null);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Issue 10 in a real browser: the caseworker records consent and a document and issues the work authorization; the
    /// person shares it with a choice of facts (the A-number besides the defaults) after the preview; the employer reads
    /// only those facts, verified. English and Arabic, 360x740 and 1280x800, axe-clean at every step.
    /// </summary>
    [Theory]
    [InlineData("en", 360, 740)]
    [InlineData("en", 1280, 800)]
    [InlineData("ar", 360, 740)]
    [InlineData("ar", 1280, 800)]
    public async Task Work_authorization_is_recorded_issued_shared_with_chosen_facts_and_read(string language, int width, int height)
    {
        if (fixture.Browser is null)
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium fonts-noto-core; .ci/run does).");
        }

        var run = $"wa-{language}-{width}x{height}";
        var contact = $"wa-{language}-{width}@example.org";
        const string aNumber = "A135792468";
        const string documentNumber = "LIN1234567890";
        var problems = new List<string>();
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } };

        // The caseworker: a new client, consent first, the document, the preview, issue.
        await using var staffContext = await fixture.Browser.NewContextAsync(options);
        var staff = await NewPageAsync(staffContext, problems);
        await GoAsync(staff, "/account/staff-sign-in", run, "01-staff-sign-in", language);
        await staff.FillAsync("#email", DemoData.AdminEmail);
        await staff.FillAsync("#password", DemoData.Password);
        await SubmitAsync(staff, "main form", run, "02-second-step");
        await staff.FillAsync("#code", (await staff.Locator("#demo-code").TextContentAsync())!.Trim());
        await SubmitAsync(staff, "main form", run, "03-caseload");
        await staff.FillAsync("#name", "WA Client " + run);
        await staff.FillAsync("#contact", contact);
        await SubmitAsync(staff, "#add-client-form", run, "04-client");
        await ClickAndWaitForNewPageAsync(staff, "#work-authorization-link");
        await CheckAsync(staff, run, "05-consent");
        Assert.Equal(0, await staff.Locator("#record-form").CountAsync());
        await staff.Locator("#agreed").CheckAsync();
        await SubmitAsync(staff, "#consent-form", run, "06-record-form");
        await staff.Locator("#status-asylee").CheckAsync();
        await staff.Locator("[id='document-I-766']").CheckAsync();
        await staff.FillAsync("#eadCategory", "a5");
        await staff.FillAsync("#documentNumber", documentNumber);
        await staff.FillAsync("#aNumber", aNumber);
        await staff.FillAsync("#validUntil", DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await staff.Locator("#showsAuthorization").CheckAsync();
        await SubmitAsync(staff, "#record-form", run, "07-recorded");
        Assert.DoesNotContain(aNumber, await staff.ContentAsync(), StringComparison.Ordinal);
        await SubmitAsync(staff, "form[action*=Preview]", run, "08-preview");
        Assert.Contains(aNumber, await staff.Locator("#preview").TextContentAsync(), StringComparison.Ordinal);
        await SubmitAsync(staff, "#issue-form", run, "09-issued");
        Assert.Equal(1, await staff.Locator(".credential-row .verified").CountAsync());
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await staff.Locator("html").GetAttributeAsync("dir"));

        // The person: signs in, reads the card, shares with the A-number besides the defaults, after the preview.
        await using var holderContext = await fixture.Browser.NewContextAsync(options);
        var holder = await NewPageAsync(holderContext, problems);
        await GoAsync(holder, "/account/sign-in", run, "10-sign-in", language);
        await holder.FillAsync("#contact", contact);
        await SubmitAsync(holder, "main form", run, "11-code");
        await holder.FillAsync("#code", await DemoCodes.ReadAsync(holder));
        await SubmitAsync(holder, "main form", run, "12-wallet");
        await ClickAndWaitForNewPageAsync(holder, ".cards .work-authorization a");
        await CheckAsync(holder, run, "13-card");
        Assert.DoesNotContain(aNumber, await holder.ContentAsync(), StringComparison.Ordinal);
        await GoAsync(holder, "/sharing", run, "14-sharing", null);
        Assert.Equal(1, await holder.Locator("#issuer-warning").CountAsync());
        await holder.Locator("input[name=workAuthorizationId]").CheckAsync();
        await holder.Locator("#f-a_number").CheckAsync();
        await SubmitAsync(holder, "#choose-form", run, "15-share-preview");
        var preview = (await holder.Locator("#preview-facts").TextContentAsync())!;
        Assert.Contains(aNumber, preview, StringComparison.Ordinal);
        Assert.DoesNotContain(documentNumber, preview, StringComparison.Ordinal);
        await SubmitAsync(holder, "#create-form", run, "16-shared");
        var link = new Uri((await holder.Locator("#share-link").GetAttributeAsync("href"))!);

        // The employer: the work authorization verified, the chosen facts and nothing else.
        await using var employerContext = await fixture.Browser.NewContextAsync(options);
        var employer = await NewPageAsync(employerContext, problems);
        await GoAsync(employer, link.AbsolutePath, run, "17-employer", language);
        Assert.Equal(1, await employer.Locator(".work-authorization [data-verified=true]").CountAsync());
        var section = (await employer.Locator(".work-authorization").TextContentAsync())!;
        Assert.Contains(aNumber, section, StringComparison.Ordinal);
        Assert.DoesNotContain(documentNumber, await employer.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("A05", section, StringComparison.Ordinal);
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await employer.Locator("html").GetAttributeAsync("dir"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Issue 13 in a real browser at 360x740: the person adds a credential to another wallet app (the offer page and the
    /// interaction page a wallet's camera opens), and answers a request a job developer made for an employer, from the
    /// OpenLER wallet; staff then see the verified answer. English and Arabic, every page checked with axe.
    /// </summary>
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Add_to_another_wallet_and_answer_an_employers_request(string language)
    {
        if (fixture.Browser is null)
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium fonts-noto-core; .ci/run does).");
        }

        var run = $"wallets-{language}-360x740";
        var problems = new List<string>();
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 } };

        // The person: sign in, open a credential, make a QR code for another wallet app.
        await using var holderContext = await fixture.Browser.NewContextAsync(options);
        var holder = await NewPageAsync(holderContext, problems);
        await GoAsync(holder, "/account/sign-in", run, "01-sign-in", language);
        await holder.FillAsync("#contact", DemoData.JobseekerContacts[language == "ar" ? 2 : 0]);
        await SubmitAsync(holder, "main form", run, "02-code");
        await holder.FillAsync("#code", await DemoCodes.ReadAsync(holder));
        await SubmitAsync(holder, "main form", run, "03-wallet");
        await ClickAndWaitForNewPageAsync(holder, ".cards .card a[href^='/wallet/credentials/'] >> nth=0");
        await CheckAsync(holder, run, "04-credential");
        await ClickAndWaitForNewPageAsync(holder, "#add-to-wallet");
        await CheckAsync(holder, run, "05-offer");
        if (await holder.Locator("form[action*=Cancel]").CountAsync() > 0)
        {
            // The demo's start-up offer of this credential is still open: cancel it first.
            await SubmitAsync(holder, "form[action*=Cancel]", run, "05b-cancelled");
        }

        await SubmitAsync(holder, "form[action*=Create]", run, "06-offer-made");
        Assert.Equal(1, await holder.Locator("#offer-qr").CountAsync());
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await holder.Locator("html").GetAttributeAsync("dir"));
        var interaction = new Uri((await holder.Locator("#interaction-link").GetAttributeAsync("href"))!);

        // What a phone's camera opens: the interaction page, with the instructions per wallet.
        await using var phoneContext = await fixture.Browser.NewContextAsync(options);
        var phone = await NewPageAsync(phoneContext, problems);
        await GoAsync(phone, interaction.PathAndQuery, run, "07-interaction", language);
        Assert.Equal(1, await phone.Locator("#dcc-link").CountAsync());

        // A job developer asks for a program completion on behalf of the demo employer.
        await using var staffContext = await fixture.Browser.NewContextAsync(options);
        var staff = await NewPageAsync(staffContext, problems);
        await GoAsync(staff, "/account/staff-sign-in", run, "08-staff", language);
        await staff.FillAsync("#email", DemoData.AdminEmail);
        await staff.FillAsync("#password", DemoData.Password);
        await SubmitAsync(staff, "main form", run, "09-second-step");
        await staff.FillAsync("#code", (await staff.Locator("#demo-code").TextContentAsync())!.Trim());
        await SubmitAsync(staff, "main form", run, "10-caseload");
        await GoAsync(staff, "/presentations", run, "11-ask", null);
        await staff.Locator("#employerId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await SubmitAsync(staff, "main form", run, "12-request");
        var request = new Uri((await staff.Locator("#request-link").GetAttributeAsync("href"))!);
        var detail = staff.Url;

        // The person opens the request, sees who asks for what, and sends.
        await GoAsync(holder, request.PathAndQuery, run, "13-request", null);
        await ClickAndWaitForNewPageAsync(holder, "#answer-with-openler");
        await CheckAsync(holder, run, "14-answer");
        Assert.Equal(1, await holder.Locator(".card .verified").CountAsync());
        await SubmitAsync(holder, "#send-form", run, "15-sent");
        Assert.Equal(1, await holder.Locator("#answer-done").CountAsync());

        // Staff see the verified answer, like a share page.
        await staff.GotoAsync(detail);
        await CheckAsync(staff, run, "16-answer");
        Assert.Equal(1, await staff.Locator("[data-verified=true]").CountAsync());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Issue 11: the public pages (home, sign-in, verify, about, privacy, a share page of the demo) in each of the 14
    /// languages, chosen with the header's language link: axe-clean, no horizontal overflow (document width at most the
    /// viewport), <c>lang</c> and <c>dir</c> from the language table, the page's fonts cover its script. Screenshots of
    /// en, ar, fa-AF, ti and my under artifacts/screenshots/languages. One browser context per size, reused for all.
    /// </summary>
    [Theory]
    [InlineData(360, 740)]
    [InlineData(1280, 800)]
    public async Task Public_pages_in_every_language_fit_and_pass_axe(int width, int height)
    {
        if (fixture.Browser is null)
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium fonts-noto-core; .ci/run does).");
        }

        var share = await DemoShareLinkAsync();
        string[] pages = ["/", "/account/sign-in", "/verify", "/about", "/account/privacy", share];
        string[] pictured = ["en", "ar", "fa-AF", "ti", "my"];
        var folder = Path.Combine(Screenshots, "languages");
        Directory.CreateDirectory(folder);
        var problems = new List<string>();
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await NewPageAsync(context, problems);
        foreach (var language in Languages.All)
        {
            // One step: the language link of the header, back to the page it was on.
            await page.GotoAsync(fixture.BaseUrl + "/");
            await page.Locator("details.languages > summary").ClickAsync();
            await ClickAndWaitForNewPageAsync(page, $"details.languages a[hreflang='{language.Code}']");
            foreach (var path in pages)
            {
                var step = $"{language.Code} {width}x{height} {(path == share ? "/s/(share)" : path)}";
                var response = await page.GotoAsync(fixture.BaseUrl + path);
                if (response!.Status != (int)HttpStatusCode.OK)
                {
                    problems.Add($"{step}: HTTP {response.Status}");
                    continue;
                }

                var lang = await page.Locator("html").GetAttributeAsync("lang");
                var dir = await page.Locator("html").GetAttributeAsync("dir");
                if (lang != language.Code || dir != language.Direction)
                {
                    problems.Add($"{step}: <html lang={lang} dir={dir}>, expected lang={language.Code} dir={language.Direction}");
                }

                var documentWidth = await page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
                if (documentWidth > width)
                {
                    problems.Add($"{step}: the document is {documentWidth} px wide in a {width} px viewport");
                }

                var axe = await page.RunAxe();
                problems.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{step}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
                if (pictured.Contains(language.Code))
                {
                    var name = path == share ? "share" : path.Trim('/').Replace('/', '-') is { Length: > 0 } n ? n : "home";
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{language.Code}-{width}x{height}-{name}.png"), FullPage = true });
                }
            }

            // The language's own name in the header is drawn with a font that has its script (not boxes): Ge'ez and Burmese need Noto.
            var font = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('details.languages summary span[lang]')).fontFamily");
            if (language.Code is "ti" && !font.Contains("Noto Sans Ethiopic", StringComparison.Ordinal) || language.Code is "my" && !font.Contains("Noto Sans Myanmar", StringComparison.Ordinal))
            {
                problems.Add($"{language.Code}: header font {font}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>A share link of the demo person (Amina): her credentials, as the demo's employer link has them.</summary>
    private async Task<string> DemoShareLinkAsync()
    {
        await using var scope = fixture.App!.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<OpenLer.Server.Data.AppDbContext>();
        var amina = await services.GetRequiredService<OpenLer.Server.Features.Account.People>()
            .FindAsync(OpenLer.Server.Features.Account.Contacts.Normalize(DemoData.JobseekerContacts[0])!);
        Assert.NotNull(amina);
        var credentials = db.Credentials.Where(c => c.JobseekerId == amina.Id && c.RevokedAt == null && c.SourceCredentialId == null).Select(c => c.Id).ToList();
        var share = await services.GetRequiredService<OpenLer.Server.Features.Sharing.ShareService>().CreateAsync(amina.Id,
            new OpenLer.Server.Features.Sharing.ShareChoice(credentials, null, OpenLer.Server.Features.Sharing.ShareService.DefaultFacts, [], OpenLer.Server.Features.Sharing.ShareService.DefaultDays, "languages"));
        Assert.True(share.IsSuccess);
        return "/s/" + share.Value.Token;
    }

    private static async Task<IPage> NewPageAsync(IBrowserContext context, List<string> problems)
    {
        // CI shares two cores between test projects: give slow steps time rather than fail on a busy machine.
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
        return page;
    }

    private async Task GoAsync(IPage page, string path, string run, string step, string? language)
    {
        var response = await page.GotoAsync(fixture.BaseUrl + path);
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        if (language is not null)
        {
            await page.Locator("details.languages > summary").ClickAsync();
            await ClickAndWaitForNewPageAsync(page, $"details.languages a[hreflang='{language}']");
        }

        await CheckAsync(page, run, step);
    }

    private static async Task SubmitAsync(IPage page, string form, string run, string step)
    {
        await ClickAndWaitForNewPageAsync(page, form + " button[type=submit]");
        await CheckAsync(page, run, step);
    }

    /// <summary>
    /// Clicks and waits until a new document has replaced the current one and finished loading. Waiting for the load state
    /// right after a click races with the navigation it starts (the old document is already loaded, or the wait misses the
    /// new document's load event and hangs), so the current document is marked first and the wait is for an unmarked one.
    /// </summary>
    private static async Task ClickAndWaitForNewPageAsync(IPage page, string selector)
    {
        var mark = Guid.NewGuid().ToString("N");
        await page.EvaluateAsync("mark => { window.openlerTestMark = mark; }", mark);
        await page.Locator(selector).ClickAsync();
        await page.WaitForFunctionAsync("mark => window.openlerTestMark !== mark && document.readyState === 'complete'", mark,
            new PageWaitForFunctionOptions { PollingInterval = 100 });
    }

    /// <summary>axe: no serious or critical violation; and a screenshot kept as a test artifact.</summary>
    private static async Task CheckAsync(IPage page, string run, string step)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{run}-{step}.png"), FullPage = true });
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{step}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
