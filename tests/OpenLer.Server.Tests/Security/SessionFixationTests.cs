using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// docs/security.md WA-11 (ASVS 7.2.4): a session identifier that existed before sign-in (planted by an attacker, or the
/// browser's own pre-login cookies) never becomes the signed-in session. The cookie value changes at sign-in, and the old
/// value is refused afterwards.
/// </summary>
public sealed class SessionFixationTests
{
    private const string Victim = "victim@fixation.test";
    private const string Attacker = "attacker@fixation.test";

    /// <summary>A browser whose cookie jar the test can write into (to plant a cookie, as an attacker would).</summary>
    private static (WebSession Session, CookieContainer Jar) Browser(OpenLerFactory app)
    {
        var jar = new CookieContainer();
        var client = app.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(jar));
        return (new WebSession(client), jar);
    }

    /// <summary>Puts a cookie in the jar exactly as a Set-Cookie from the site would (host-only, Secure, Path=/).</summary>
    private static void Plant(CookieContainer jar, string name, string value) =>
        jar.SetCookies(new Uri("https://localhost"), $"{name}={value}; path=/; secure; httponly; samesite=lax");

    private static HttpClient WithOnly(OpenLerFactory app, string name, string value)
    {
        var client = app.CreateDefaultClient(new Uri("https://localhost"));
        client.DefaultRequestHeaders.Add("Cookie", name + "=" + value);
        return client;
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_planted_wallet_cookie_is_replaced_at_sign_in_and_never_becomes_the_victims_session(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Victim);
        var caseload = await staff.GetAsync("/issuance");
        await staff.SubmitAsync(caseload, "main form", new Dictionary<string, string> { ["name"] = "Mallory", ["contact"] = Attacker });
        var wallet = app.Services.GetRequiredService<CookieNames>().Wallet;

        // The attacker signs in to their own account and plants that session's cookie in the victim's browser.
        var attacker = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, attacker, Attacker);
        var planted = attacker.CookieValue(wallet)!;
        var (victim, jar) = Browser(app);
        Plant(jar, wallet, planted);
        Assert.Equal(HttpStatusCode.OK, (await WithOnly(app, wallet, planted).GetAsync("/wallet")).StatusCode);

        // The victim signs in in that browser.
        var page = await Journey.SignInJobseekerAsync(app, victim, Victim);
        Assert.Equal("/wallet", victim.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Warehouse Basics", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var issued = victim.CookieValue(wallet);
        Assert.NotNull(issued);
        Assert.NotEqual(planted, issued);

        // The planted value never became the victim's session: it still opens only the attacker's own (empty) wallet.
        var old = await WithOnly(app, wallet, planted).GetAsync("/wallet");
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.DoesNotContain("Warehouse Basics", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var mine = await WithOnly(app, wallet, issued!).GetAsync("/wallet");
        Assert.Contains("Warehouse Basics", await mine.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Two sessions, one each, in the database: the sign-in did not write the victim into the attacker's row.
        var subjects = await app.WithScopeAsync(s => s.GetRequiredService<OpenLer.Server.Data.AppDbContext>().Set<UserSession>()
            .Where(x => x.Kind == SessionKinds.Jobseeker).Select(x => x.SubjectId).ToListAsync());
        Assert.Equal(2, subjects.Distinct().Count());
    }

    /// <summary>A person whose old session ended elsewhere ("sign out everywhere") still carries its cookie: signing in again works.</summary>
    [Fact]
    public async Task Signing_in_over_a_cookie_of_an_ended_session_gives_a_working_new_session()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Victim);
        var phone = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, phone, Victim);
        var library = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, library, Victim);
        await library.SubmitAsync(await library.GetAsync("/account/sessions"), "form[action*=Everywhere]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Client.GetAsync("/wallet")).StatusCode);

        var again = await Journey.SignInJobseekerAsync(app, phone, Victim);
        Assert.Equal("/wallet", phone.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Warehouse Basics", again.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pre_sign_in_cookies_open_nothing_and_the_attempt_cookie_ends_at_sign_in()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Victim);
        var names = app.Services.GetRequiredService<CookieNames>();

        var (victim, jar) = Browser(app);
        var signIn = await victim.GetAsync("/account/sign-in");
        var codePage = await victim.SubmitAsync(signIn, "main form", new Dictionary<string, string> { ["contact"] = Victim });
        var attempt = victim.CookieValue(names.Attempt)!;
        Assert.Equal(43, attempt.Length);
        var before = jar.GetCookies(new Uri("https://localhost")).Select(c => c.Name + "=" + c.Value).ToList();

        // Before the code is entered, nothing the browser holds opens the wallet.
        foreach (var cookie in before)
        {
            var (name, value) = (cookie[..cookie.IndexOf('=', StringComparison.Ordinal)], cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            Assert.Equal(HttpStatusCode.Redirect, (await WithOnly(app, name, value).GetAsync("/wallet")).StatusCode);
        }

        var code = app.Messages.Latest(Victim)!;
        await victim.SubmitAsync(codePage, "main form", new Dictionary<string, string> { ["code"] = code });
        Assert.Equal("/wallet", victim.Last!.RequestMessage!.RequestUri!.AbsolutePath);

        // The session cookie is new (no pre-login value became it); the attempt cookie was deleted.
        var session = victim.CookieValue(names.Wallet)!;
        Assert.DoesNotContain(before, c => c.EndsWith("=" + session, StringComparison.Ordinal));
        Assert.Contains(victim.SetCookies, c => c.StartsWith(names.Attempt + "=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));

        // Replaying the old attempt cookie with the (used) code signs no one in.
        var replay = new WebSession(WithOnly(app, names.Attempt, attempt));
        var again = await replay.Client.GetAsync("/account/code");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var form = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await again.Content.ReadAsStringAsync());
        var token = form.QuerySelector("main form input[name=__RequestVerificationToken]")?.GetAttribute("value");
        var posted = await replay.Client.PostAsync("/account/code", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token ?? ""), new("contact", Victim), new("code", code)]));
        Assert.NotEqual(HttpStatusCode.Redirect, posted.StatusCode);
    }

    [Fact]
    public async Task A_planted_staff_cookie_never_becomes_the_admins_session()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await app.CreateStaffAsync(org.Id, "luis@acme.test", siteName: "acme site");
        var names = app.Services.GetRequiredService<CookieNames>();

        var colleague = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, colleague, "luis@acme.test");
        var planted = colleague.CookieValue(names.Staff)!;

        var (admin, jar) = Browser(app);
        Plant(jar, names.Staff, planted);
        var signIn = await admin.GetAsync("/account/staff-sign-in");
        var second = await admin.SubmitAsync(signIn, "main form", new Dictionary<string, string> { ["email"] = "admin@acme.test", ["password"] = "Test-password-1" });
        Assert.Equal("/account/staff-2fa", admin.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        var partial = admin.CookieValue(names.TwoFactor);
        Assert.NotNull(partial);

        // Half signed in (password only), the two-factor cookie opens no staff page.
        Assert.Equal(HttpStatusCode.Redirect, (await WithOnly(app, names.TwoFactor, partial!).GetAsync("/organization")).StatusCode);

        await admin.SubmitAsync(second, "main form", new Dictionary<string, string> { ["code"] = Totp.Code(app.AuthenticatorKeys["admin@acme.test"], DateTimeOffset.UtcNow) });
        var issued = admin.CookieValue(names.Staff)!;
        Assert.NotEqual(planted, issued);
        Assert.Equal(HttpStatusCode.OK, (await WithOnly(app, names.Staff, issued).GetAsync("/organization")).StatusCode);

        // The colleague's planted session is still only the colleague's: it never became the admin's.
        Assert.Equal(HttpStatusCode.Redirect, (await WithOnly(app, names.Staff, planted).GetAsync("/organization")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithOnly(app, names.Staff, planted).GetAsync("/issuance")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WithOnly(app, names.TwoFactor, partial!).GetAsync("/organization")).StatusCode);
    }
}
