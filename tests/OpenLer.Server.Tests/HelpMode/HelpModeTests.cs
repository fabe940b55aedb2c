using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.HelpMode;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.HelpMode;

/// <summary>
/// Issue 15, "help a client" mode, as an attacker would try it: no sign-in without the client's consent (recorded, ids
/// only); while helping, the device has no staff powers and shows the banner on every page; "Finish and sign out" ends the
/// client's server-side session, so neither the device, nor a copy of its cookies, nor a stale help cookie opens the wallet
/// again; and a session opened in help mode never works without that help mode's own cookie.
/// </summary>
public sealed class HelpModeTests
{
    private const string Person = "amina@help.test";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Consent_banner_and_finish_end_the_clients_session_for_good(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var device = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, device, "admin@acme.test", "Warehouse Basics", Person);
        var clientId = Guid.Parse(issued.ClientPath.Split('/')[^1]);
        var names = app.Services.GetRequiredService<CookieNames>();
        var staffId = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == "admin@acme.test").Select(u => u.Id).SingleAsync());

        // The caseworker starts help mode from the client's page: the device goes to the consent step (no id in the address).
        var client = await device.GetAsync(issued.ClientPath);
        var consent = await device.SubmitAsync(client, "form.help-start", new Dictionary<string, string>());
        Assert.Equal("/help-mode/consent", device.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("acme", consent.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(consent.QuerySelector("#help-banner"));

        // No help mode without consent: every page leads back to the consent step, sign-in included; staff pages too.
        foreach (var path in new[] { "/account/sign-in", "/wallet", "/issuance", issued.ClientPath })
        {
            var response = await device.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/help-mode/consent", Target(response));
        }

        var refused = await device.SubmitAsync(consent, "#consent-form", new Dictionary<string, string>());
        Assert.NotNull(refused.QuerySelector("#consent-error"));
        Assert.Equal(0, await CountAsync(app, AuditActions.HelpModeConsented));

        // The client agrees: recorded with ids only (which staff member, which client, when), then the normal sign-in.
        var signIn = await device.SubmitAsync(refused, "#consent-form", new Dictionary<string, string> { ["agreed"] = "true" });
        Assert.Equal("/account/sign-in", device.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(signIn.QuerySelector("#help-banner"));
        var consented = Assert.Single(await RecordsAsync(app, AuditActions.HelpModeConsented));
        Assert.Equal((AuditActors.Staff, staffId), (consented.ActorKind, consented.ActorId));
        Assert.Equal(("client", clientId.ToString("D"), org.Id), (consented.TargetKind, consented.TargetId, consented.OrganizationId));

        // While helping, the device has no staff powers: the staff session cookie is not used.
        var staffPage = await device.Client.GetAsync("/issuance");
        Assert.Equal(HttpStatusCode.Redirect, staffPage.StatusCode);
        Assert.Equal("/account/staff-sign-in", Target(staffPage));

        // The client signs in with their own code (sent to them); the banner is on every page of their wallet.
        var wallet = await Journey.SignInJobseekerAsync(app, device, Person);
        var jobseekerId = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<HelpSession>().Select(h => h.JobseekerId).SingleAsync());
        Assert.NotNull(jobseekerId);
        var pages = new List<string> { "/wallet", "/sharing" };
        pages.AddRange(wallet.QuerySelectorAll("main a[href^='/']").Select(a => a.GetAttribute("href")!).Where(h => !h.Contains('?', StringComparison.Ordinal)).Distinct());
        foreach (var path in pages.Distinct())
        {
            var page = await device.GetAsync(path);
            var banner = page.QuerySelector("#help-banner");
            Assert.True(banner is not null, "no help banner on " + path);
            Assert.Contains("acme", banner.TextContent, StringComparison.OrdinalIgnoreCase);
            Assert.NotNull(banner.QuerySelector("form[action='/help-mode/finish'] button"));

            // One way out: the header's own "Sign out" (which would leave the device in help mode) is not offered.
            Assert.Null(page.QuerySelector("form[action='/account/sign-out']"));
        }

        var signedIn = Assert.Single(await RecordsAsync(app, AuditActions.HelpModeSignedIn));
        Assert.Equal((AuditActors.Staff, staffId, "jobseeker", jobseekerId.Value.ToString("D")), (signedIn.ActorKind, signedIn.ActorId, signedIn.TargetKind, signedIn.TargetId));
        Assert.All(await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>().AsNoTracking().ToListAsync()),
            r => Assert.DoesNotContain("amina", (r.Detail ?? "") + r.TargetId + r.ActorId, StringComparison.OrdinalIgnoreCase));

        // The caseworker copies every cookie of the device (help cookie included): it works while help mode is on...
        var copy = Copy(app, device, names.Wallet, HelpModeCookie.Name(names));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/wallet")).StatusCode);

        // ...then "Finish and sign out": the device returns to the staff member's caseload.
        var current = await device.GetAsync("/sharing");
        var back = await device.SubmitAsync(current, "#help-banner form", new Dictionary<string, string>());
        Assert.Equal("/issuance", device.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(back.QuerySelector("#add-client-form"));
        Assert.Null(back.QuerySelector("#help-banner"));
        Assert.Single(await RecordsAsync(app, AuditActions.HelpModeFinished));

        // After the finish: the staff member cannot open the wallet, and neither can the copy, nor the stale help cookie.
        var afterDevice = await device.Client.GetAsync("/wallet");
        Assert.Equal(HttpStatusCode.Redirect, afterDevice.StatusCode);
        Assert.Equal("/account/sign-in", Target(afterDevice));
        var afterCopy = await copy.GetAsync("/wallet");
        Assert.Equal(HttpStatusCode.Redirect, afterCopy.StatusCode);
        Assert.Equal("/account/sign-in", Target(afterCopy));
        Assert.Equal(HttpStatusCode.Redirect, (await copy.GetAsync("/sharing")).StatusCode);
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<UserSession>()
            .CountAsync(u => u.Kind == SessionKinds.Jobseeker && u.SubjectId == jobseekerId.Value.ToString())));
        var finished = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<HelpSession>().AsNoTracking().SingleAsync());
        Assert.NotNull(finished.FinishedAt);

        // A stale help cookie does not put the device back into help mode either.
        var staleHelp = await copy.GetAsync("/help-mode/consent");
        Assert.Equal(HttpStatusCode.Redirect, staleHelp.StatusCode);
        Assert.Equal("/", Target(staleHelp));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_session_opened_in_help_mode_is_ended_when_shown_without_its_help_cookie(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var device = new WebSession(app.Client());
        await Journey.IssueAsync(app, device, "admin@acme.test", "Warehouse Basics", Person);
        var names = app.Services.GetRequiredService<CookieNames>();

        // From the staff menu this time.
        var caseload = await device.GetAsync("/issuance");
        var start = await device.GetAsync(caseload.QuerySelector("main a[href='/help-mode/start']")!.GetAttribute("href")!);
        var consent = await device.SubmitAsync(start, "main form", new Dictionary<string, string>());
        await device.SubmitAsync(consent, "#consent-form", new Dictionary<string, string> { ["agreed"] = "true" });
        await Journey.SignInJobseekerAsync(app, device, Person);
        Assert.Equal(HttpStatusCode.OK, (await device.Client.GetAsync("/wallet")).StatusCode);

        // Only the wallet cookie, taken away from the device: refused, and the session it names is ended.
        var walletOnly = Copy(app, device, names.Wallet);
        var response = await walletOnly.GetAsync("/wallet");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Target(response));
        Assert.Equal(HttpStatusCode.Redirect, (await walletOnly.GetAsync("/wallet")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await device.Client.GetAsync("/wallet")).StatusCode);
        Assert.Equal(AuditOutcomes.Denied, Assert.Single(await RecordsAsync(app, AuditActions.HelpModeStaleSession)).Outcome);

        // The jobseeker session of help mode is a shared-device one that ends with help mode at the latest.
        var help = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<HelpSession>().AsNoTracking().SingleAsync());
        Assert.InRange(help.ExpiresAt - help.CreatedAt, TimeSpan.FromHours(1.9), HelpModeService.Lifetime);

        // "No, stop" on a fresh start finishes help mode without any sign-in.
        var page = await device.GetAsync("/help-mode/consent");
        var finished = await device.SubmitAsync(page, "form[action='/help-mode/finish']", new Dictionary<string, string>());
        Assert.Null(finished.QuerySelector("#help-banner"));
        Assert.Equal(HttpStatusCode.OK, (await device.Client.GetAsync("/issuance")).StatusCode);
    }

    [Fact]
    public async Task Help_mode_and_the_clients_session_in_it_end_after_two_hours_even_when_in_use()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new OpenLerFactory(configure: s => s.AddSingleton<TimeProvider>(clock));
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var device = new WebSession(app.Client());
        await Journey.IssueAsync(app, device, "admin@acme.test", "Warehouse Basics", Person);
        var consent = await device.SubmitAsync(await device.GetAsync("/help-mode/start"), "main form", new Dictionary<string, string>());
        await device.SubmitAsync(consent, "#consent-form", new Dictionary<string, string> { ["agreed"] = "true" });
        await Journey.SignInJobseekerAsync(app, device, Person);

        // Used every 25 minutes (within the shared-device idle time), the wallet stays open until help mode's end...
        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(25));
            Assert.NotNull((await device.GetAsync("/wallet")).QuerySelector("#help-banner"));
        }

        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.NotNull((await device.GetAsync("/wallet")).QuerySelector("#help-banner"));

        // ...and not after it: help mode is finished and the session is gone.
        clock.Advance(TimeSpan.FromMinutes(10));
        var after = await device.Client.GetAsync("/wallet");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/sign-in", Target(after));
        var help = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<HelpSession>().AsNoTracking().SingleAsync());
        Assert.NotNull(help.FinishedAt);
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<UserSession>().CountAsync(u => u.Kind == SessionKinds.Jobseeker)));
        Assert.Null((await device.GetAsync("/guides")).QuerySelector("#help-banner"));
    }

    [Fact]
    public async Task A_jobseeker_cannot_start_help_mode_and_a_viewer_cannot_either()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Person);
        var response = await holder.Client.GetAsync("/help-mode/start");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/staff-sign-in", Target(response));

        await app.CreateStaffAsync(org.Id, "viewer@acme.test", OpenLer.Server.Infrastructure.AppClaims.ViewerRole, "acme site");
        var viewer = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, viewer, "viewer@acme.test");
        var start = await viewer.GetAsync("/help-mode/start");
        await viewer.SubmitAsync(start, "main form", new Dictionary<string, string>(), HttpStatusCode.Forbidden);
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<HelpSession>().CountAsync()));
    }

    private static HttpClient Copy(OpenLerFactory app, WebSession from, params string[] cookies)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => c + "=" + from.CookieValue(c))));
        return client;
    }

    /// <summary>The path a redirect leads to (without its query).</summary>
    private static string Target(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        return (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).Split('?')[0];
    }

    private static Task<List<AuditRecord>> RecordsAsync(OpenLerFactory app, string action) =>
        app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>().AsNoTracking().Where(r => r.Action == action).ToListAsync());

    private static Task<int> CountAsync(OpenLerFactory app, string action) =>
        app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>().CountAsync(r => r.Action == action));

    [Fact]
    public async Task Housekeeping_DeletesHelpSessionsADayAfterTheyEnded_KeepsTheRest()
    {
        using var app = new OpenLerFactory(Db.Sqlite);
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var now = DateTime.UtcNow;
        HelpSession Session(string name, DateTime expires, DateTime? finished) => new()
        {
            Id = Guid.NewGuid(), TokenHash = name, OrganizationId = org.Id, StaffUserId = "staff", CreatedAt = expires - TimeSpan.FromHours(2),
            ExpiresAt = expires, FinishedAt = finished,
        };
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            db.Set<HelpSession>().AddRange(
                Session("expired-two-days-ago", now.AddDays(-2), null),
                Session("finished-two-days-ago", now.AddDays(-2).AddHours(1), now.AddDays(-2)),
                Session("expired-an-hour-ago", now.AddHours(-1), null),
                Session("finished-an-hour-ago", now.AddHours(1), now.AddHours(-1)),
                Session("active", now.AddHours(1), null));
            return await db.SaveChangesAsync();
        });

        Assert.Equal(2, await app.Services.GetRequiredService<HelpModeHousekeeping>().RunOnceAsync(default));
        var left = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<HelpSession>().Select(h => h.TokenHash).OrderBy(h => h).ToListAsync());
        Assert.Equal(["active", "expired-an-hour-ago", "finished-an-hour-ago"], left);
    }
}
