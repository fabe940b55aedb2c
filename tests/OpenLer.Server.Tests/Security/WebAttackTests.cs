using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Features.Verify;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// docs/security.md, section WA (SECURITY.md §4.E): the web attacks the older tests did not send. Stored XSS through a
/// foreign credential, CSRF on every kind of change, mass assignment, share-link guessing and scope, open redirects, a
/// forced exception, re-authentication for a password change, and what signing out clears.
/// </summary>
public sealed class WebAttackTests
{
    private const string Person = "amina@web.test";
    private static readonly HtmlParser Parser = new();

    // ---- WA-01: stored XSS in a foreign credential's fields ----

    [Fact]
    public async Task Wa01_Script_and_dangerous_links_in_a_credential_are_shown_as_text_and_never_as_links()
    {
        using var app = new OpenLerFactory();
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var did = key.PublicKey.ToDidKey();
        var unsigned = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = "urn:uuid:" + Guid.NewGuid(),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = "<img src=x onerror=alert(1)>",
            ["issuer"] = new JsonObject { ["id"] = did, ["type"] = new JsonArray("Profile"), ["name"] = "<script>alert('issuer')</script>", ["url"] = "javascript:alert(1)" },
            ["validFrom"] = "2026-01-15T00:00:00Z",
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "did:example:holder",
                ["type"] = new JsonArray("AchievementSubject"),
                ["achievement"] = new JsonObject
                {
                    ["id"] = "https://training.example/a/1",
                    ["type"] = new JsonArray("Achievement"),
                    ["name"] = "<img src=x onerror=alert(1)>",
                    ["description"] = "[click me](javascript:alert(1))",
                    ["criteria"] = new JsonObject { ["narrative"] = "<script>alert('criteria')</script>" },
                    ["image"] = new JsonObject { ["id"] = "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", ["type"] = "Image" },
                },
            },
            ["evidence"] = new JsonArray(new JsonObject
            {
                ["id"] = "data:text/html;base64,PHNjcmlwdD5hbGVydCgnZXZpZGVuY2UnKTwvc2NyaXB0Pg==",
                ["type"] = new JsonArray("Evidence"),
                ["narrative"] = "<a href=\"javascript:alert(1)\">proof</a>",
            }),
        };
        var signed = new DataIntegritySigner(Cryptosuites.Default, TimeProvider.System).Sign(unsigned, key,
            new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = did + "#" + key.PublicKey.ToMultibase() }).Value;

        var visitor = new WebSession(app.Client());
        var page = await visitor.SubmitAsync(await visitor.GetAsync("/verify"), "main form", new Dictionary<string, string> { ["credential"] = StrictJson.Serialize(signed) });
        Assert.NotNull(page.QuerySelector("[data-verified]"));

        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Empty(page.QuerySelectorAll("main img"));
        Assert.Empty(page.QuerySelectorAll("main iframe, main object, main embed, main svg"));
        foreach (var element in page.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            foreach (var name in new[] { "href", "src", "action", "formaction" })
            {
                var value = element.GetAttribute(name);
                Assert.True(value is null || !(value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || value.TrimStart().StartsWith("data:text", StringComparison.OrdinalIgnoreCase)),
                    $"{element.TagName} {name}={value}");
            }
        }

        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("<script>alert('criteria')</script>", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"javascript:alert(1)\">proof</a>", text, StringComparison.Ordinal);
        Assert.Contains("script-src 'none'", string.Join(";", visitor.Last!.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    // ---- WA-05: CSRF and state changes by GET ----

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Wa05_Every_change_without_the_antiforgery_token_is_400_and_a_get_changes_nothing(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var admin = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, admin, "admin@acme.test", "Warehouse Basics", Person);
        var client = await admin.GetAsync(issued.ClientPath);
        var credentialId = client.QuerySelector("form.revoke input[name=credentialId]")!.GetAttribute("value")!;
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Person);
        await Journey.ShareAsync(holder);
        var shareId = (await holder.GetAsync("/sharing")).QuerySelector("form[action*=Revoke] input[name=shareId]")!.GetAttribute("value")!;

        async Task<int> Counts() => await app.WithScopeAsync(async s =>
        {
            var d = s.GetRequiredService<AppDbContext>();
            return await d.Shares.CountAsync(x => x.RevokedAt == null) * 1000 + await d.Credentials.CountAsync(c => c.RevokedAt == null) * 100 + await d.Users.CountAsync();
        });
        var before = await Counts();

        (WebSession Who, string Path, (string, string)[] Fields)[] changes =
        [
            (admin, issued.ClientPath + "?handler=Revoke", [("credentialId", credentialId), ("reason", "csrf"), ("confirmed", "true")]),
            (admin, "/organization?handler=Staff", [("staffName", "Eve"), ("staffEmail", "eve@acme.test"), ("staffPassword", "Eve-password-123"), ("role", AppClaims.OrgAdminRole)]),
            (admin, "/account/password", [("current", "Test-password-1"), ("new", "Csrf-password-99"), ("repeat", "Csrf-password-99")]),
            (holder, "/sharing?handler=Create", [("credentialIds", credentialId), ("days", "30")]),
            (holder, "/sharing?handler=Revoke", [("shareId", shareId)]),
            (holder, "/account/sessions?handler=Everywhere", []),
        ];
        foreach (var (who, path, fields) in changes)
        {
            var response = await who.Client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {response.StatusCode}");

            var query = string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Item1) + "=" + Uri.EscapeDataString(f.Item2)));
            var get = await who.Client.GetAsync(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);
            Assert.True((int)get.StatusCode is 200 or 302 or 404 or 405, $"GET {path}: {get.StatusCode}");
        }

        Assert.Equal(before, await Counts());
        Assert.Equal(HttpStatusCode.OK, (await holder.Client.GetAsync("/wallet")).StatusCode);
        await Journey.SignInStaffAsync(app, new WebSession(app.Client()), "admin@acme.test");
    }

    // ---- WA-07: mass assignment and field-level authorization ----

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Wa07_Extra_fields_are_ignored_and_roles_cannot_be_raised_by_whoever_posts_them(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var acme = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var other = await app.CreateOrganizationAsync("other", "admin@other.test");
        await app.CreateStaffAsync(acme.Id, "luis@acme.test", siteName: "acme site");
        await app.CreateStaffAsync(acme.Id, "vera@acme.test", AppClaims.ViewerRole, "acme site");
        var otherSite = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Sites.Where(x => x.OrganizationId == other.Id).Select(x => x.Id).FirstAsync());

        // A specialist adds a client and posts another organization's id and site along with it.
        var luis = new WebSession(app.Client());
        var caseload = await Journey.SignInStaffAsync(app, luis, "luis@acme.test");
        var token = caseload.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var added = await luis.Client.PostAsync("/issuance", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("name", "Mass Assigned"), new("contact", "mass@web.test"),
            new("organizationId", other.Id.ToString()), new("OrganizationId", other.Id.ToString()), new("siteId", otherSite.ToString()),
        ]));
        Assert.Equal(HttpStatusCode.NotFound, added.StatusCode);
        added = await luis.Client.PostAsync("/issuance", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("name", "Mass Assigned"), new("contact", "mass@web.test"),
            new("organizationId", other.Id.ToString()), new("OrganizationId", other.Id.ToString()), new("role", AppClaims.OrgAdminRole),
        ]));
        Assert.True(added.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK);
        var stored = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Clients.AsNoTracking().ToListAsync());
        Assert.Single(stored);
        Assert.Equal(acme.Id, stored[0].OrganizationId);

        // The specialist tries to add an admin; the viewer tries to change anything: both refused, nothing stored.
        var staffBefore = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Users.CountAsync());
        var asAdmin = await luis.Client.PostAsync("/organization?handler=Staff", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("staffName", "Eve"), new("staffEmail", "eve@acme.test"),
            new("staffPassword", "Eve-password-123"), new("role", AppClaims.OrgAdminRole),
        ]));
        Assert.NotEqual(HttpStatusCode.OK, asAdmin.StatusCode);
        var vera = new WebSession(app.Client());
        var veraPage = await Journey.SignInStaffAsync(app, vera, "vera@acme.test");
        var veraToken = veraPage.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var viewerPost = await vera.Client.PostAsync("/issuance", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", veraToken), new("name", "Viewer Client"), new("contact", "viewer@web.test")]));
        Assert.True(viewerPost.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, viewerPost.StatusCode.ToString());
        Assert.Equal(staffBefore, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Users.CountAsync()));
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Clients.CountAsync()));
    }

    // ---- WA-08: share links cannot be guessed ----

    [Fact]
    public async Task Wa08_Share_tokens_carry_256_random_bits_and_100000_guesses_find_nothing_while_the_rate_limit_trips()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Person);
        for (var i = 0; i < 5; i++)
        {
            await Journey.ShareAsync(holder);
        }

        var tokens = Enumerable.Range(0, 1000).Select(_ => ShareTokens.Create()).ToList();
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, t => Assert.Equal(32, Base64Url.Decode(t).Value.Length));

        // 100,000 guesses against the stored hashes, a thousand at a time: none hits.
        var hits = 0;
        for (var batch = 0; batch < 100; batch++)
        {
            var hashes = Enumerable.Range(0, 1000).Select(_ => ShareTokens.Hash(ShareTokens.Create())).ToList();
            hits += await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Shares.CountAsync(x => hashes.Contains(x.TokenHash)));
        }

        Assert.Equal(0, hits);
        Assert.Equal(5, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Shares.CountAsync()));

        // Guessing over HTTP from one address: nothing opens, and the share-open limit answers 429 long before 200 guesses.
        var guesser = app.Client("198.51.100.77");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
        {
            statuses.Add((await guesser.GetAsync("/s/" + ShareTokens.Create())).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.NotFound or HttpStatusCode.TooManyRequests, s.ToString()));
    }

    // ---- WA-09: a share shows only what was chosen, and nothing about the person's account ----

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Wa09_A_share_shows_only_the_chosen_credential_and_no_contact_or_account_id(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Food Handler Safety", Person);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Person);
        var sharing = await holder.GetAsync("/sharing");
        var boxes = sharing.QuerySelectorAll("input[name=credentialIds]").Select(b => b.GetAttribute("value")!).ToList();
        Assert.True(boxes.Count >= 2);
        var foodId = sharing.QuerySelectorAll("input[name=credentialIds]").First(b => sharing.QuerySelector($"label[for='{b.Id}']")!.TextContent.Contains("Food Handler", StringComparison.Ordinal)).GetAttribute("value")!;
        var preview = await holder.SubmitAsync(sharing, "#choose-form", new Dictionary<string, string> { ["credentialIds"] = foodId, ["days"] = "7" });
        var created = await holder.SubmitAsync(preview, "#create-form", new Dictionary<string, string>());
        var link = new Uri(created.QuerySelector("#share-link")!.GetAttribute("href")!).AbsolutePath;

        var employer = new WebSession(app.Client());
        var page = await employer.GetAsync(link);
        var html = await employer.Last!.Content.ReadAsStringAsync();
        Assert.Contains("Food Handler Safety", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Warehouse Basics", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Person, html, StringComparison.OrdinalIgnoreCase);
        var jobseekerId = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Jobseekers.Select(j => j.Id).FirstAsync());
        Assert.DoesNotContain(jobseekerId.ToString(), html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(jobseekerId.ToString("N"), html, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.QuerySelector("[data-verified=true]"));
    }

    // ---- WA-13: open redirects ----

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("https:evil.example")]
    [InlineData("%2F%2Fevil.example")]
    public async Task Wa13_A_return_address_elsewhere_is_never_followed(string target)
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await app.CreateStaffAsync(org.Id, "luis@acme.test", siteName: "acme site");

        // The language links take a return address.
        var visitor = new WebSession(app.Client());
        await visitor.GetAsync("/");
        var switched = await visitor.Client.GetAsync("/account/language?set=es&returnUrl=" + Uri.EscapeDataString(Uri.UnescapeDataString(target)));
        AssertLocal(switched);

        // Staff sign-in with a ReturnUrl in the query lands on the staff start page.
        var staff = new WebSession(app.Client());
        var signIn = await staff.GetAsync("/account/staff-sign-in?ReturnUrl=" + Uri.EscapeDataString(Uri.UnescapeDataString(target)));
        var afterPassword = await staff.Client.PostAsync("/account/staff-sign-in?ReturnUrl=" + Uri.EscapeDataString(Uri.UnescapeDataString(target)), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", signIn.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("email", "luis@acme.test"), new("password", "Test-password-1"),
        ]));
        AssertLocal(afterPassword);
        Assert.Equal("/issuance", afterPassword.Headers.Location!.OriginalString);
    }

    private static void AssertLocal(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.False(location.IsAbsoluteUri && location.Host != "localhost", location.ToString());
        var text = location.OriginalString;
        Assert.StartsWith("/", text, StringComparison.Ordinal);
        Assert.False(text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith("/\\", StringComparison.Ordinal), text);
    }

    // ---- WA-14: a forced exception answers a generic problem ----

    [Fact]
    public async Task Wa14_An_exception_while_verifying_answers_a_generic_problem_without_the_exception_or_the_input()
    {
        const string canary = "canary-SELECT-secret-key-id-4242";
        using var app = new OpenLerFactory(configure: services =>
            services.AddScoped<DeploymentVerifier>(_ => throw new InvalidOperationException($"{canary} at OpenLer.Server.Features.Verify")));

        var api = await app.Client().PostAsync("/api/verify", new StringContent("{\"input\":\"echo-me-" + canary + "\"}"));
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var body = await api.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(500, (int)problem["status"]!);
        foreach (var leak in new[] { canary, "echo-me", "InvalidOperationException", "   at ", "OpenLer.Server", "Exception" })
        {
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
        }

        // The Verify page itself cannot be built either; a token from another form of this browser is as good.
        var visitor = new WebSession(app.Client());
        var form = await visitor.GetAsync("/account/sign-in");
        var pageToken = form.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var page = await visitor.Client.PostAsync("/verify", new FormUrlEncodedContent([new("__RequestVerificationToken", pageToken), new("credential", "echo-me-" + canary)]));
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain(canary, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.Contains("Something went wrong", Parser.ParseDocument(html).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    // ---- WA-16: changing the password asks for the current one ----

    [Fact]
    public async Task Wa16_A_password_change_needs_the_current_password()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await app.CreateStaffAsync(org.Id, "luis@acme.test", siteName: "acme site");
        var luis = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, luis, "luis@acme.test");
        var form = await luis.GetAsync("/account/password");
        var refused = await luis.SubmitAsync(form, "main form", new Dictionary<string, string> { ["current"] = "Not-the-password-1", ["new"] = "Taken-over-pass-2", ["repeat"] = "Taken-over-pass-2" });
        Assert.NotNull(refused.QuerySelector("[role=alert]"));

        var again = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, again, "luis@acme.test");
        Assert.Equal("/issuance", again.Last!.RequestMessage!.RequestUri!.AbsolutePath);
    }

    // ---- DR-11: signing out clears what the browser kept; pages can use no browser storage ----

    [Fact]
    public async Task Dr11_Signing_out_sends_clear_site_data_and_no_page_can_run_a_script()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, Person);
        var token = wallet.QuerySelector("form.signout input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var signOut = await holder.Client.PostAsync("/account/sign-out", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var clear = string.Join(",", signOut.Headers.GetValues("Clear-Site-Data"));
        Assert.Contains("\"cache\"", clear, StringComparison.Ordinal);
        Assert.Contains("\"storage\"", clear, StringComparison.Ordinal);
        var names = app.Services.GetRequiredService<CookieNames>();
        Assert.Contains(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith(names.Wallet + "=;", StringComparison.Ordinal));

        // localStorage, sessionStorage and IndexedDB need a script; every page forbids scripts.
        foreach (var path in new[] { "/", "/account/sign-in", "/verify", "/account/staff-sign-in" })
        {
            var response = await app.Client().GetAsync(path);
            Assert.Contains("script-src 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }
    }
}
