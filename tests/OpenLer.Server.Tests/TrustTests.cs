using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests;

/// <summary>
/// Issue 9's findings, each as the attack that worked on the earlier main: one person one account, atomic code attempts,
/// no codes in clear, sessions that really end, sites as authorization with an audit trail, equal work for unknown staff
/// e-mails and no lock-out by a stranger, and no reversible contact hash in credentials. SQLite and PostgreSQL.
/// </summary>
public sealed class TrustTests
{
    private const string Person = "farida@trust.test";

    /// <summary>Finding 1: another organization adding a person's contact gets no access to their account.</summary>
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Another_organization_cannot_take_over_a_wallet_by_adding_its_contact(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await app.CreateOrganizationAsync("other", "admin@other.test");
        var acme = new WebSession(app.Client());
        await Journey.IssueAsync(app, acme, "admin@acme.test", "Warehouse Basics", Person);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Person);

        // Organization B adds a client with the same contact: it is told only that an invitation went out.
        var other = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, other, "admin@other.test");
        var page = await other.SubmitAsync(await other.GetAsync("/issuance"), "main form", new Dictionary<string, string> { ["name"] = "Someone Else", ["contact"] = " FARIDA@trust.test " });
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("already has an account: we sent them an invitation", text, StringComparison.Ordinal);
        Assert.Contains("Someone Else", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", text, StringComparison.Ordinal);
        var clientPath = other.Last!.RequestMessage!.RequestUri!.AbsolutePath;

        // No sign-in letter for B, not even by posting the form directly, and nothing to issue into the wallet.
        Assert.Null(page.QuerySelector("form[action*=Letter]"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var letter = await other.Client.PostAsync(clientPath + "?handler=Letter", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, letter.StatusCode);
        Assert.False(await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().LoginCodes.AnyAsync(c => c.Kind == LoginCodeKinds.Letter)));

        // The invitation code went to the person's own contact; B's page never showed it.
        var invitation = app.Messages.Latest(Person, "invitation")!;
        Assert.Matches("^[0-9]{8}$", invitation);
        Assert.DoesNotContain(invitation, page.DocumentElement.OuterHtml, StringComparison.Ordinal);

        // B's client stays unlinked until the person agrees; the person sees the invitation in the wallet.
        Assert.Null(await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Clients.Where(c => c.Link == ClientLinks.Invited).Select(c => c.JobseekerId).FirstAsync()));
        var wallet = await holder.GetAsync("/wallet");
        Assert.Contains("Org other wants to add you", wallet.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // A wrong code opens nothing; the right one asks the person, who agrees.
        var join = await holder.GetAsync("/account/join");
        var wrong = await holder.SubmitAsync(join, "main form", new Dictionary<string, string> { ["contact"] = Person, ["code"] = invitation == "00000000" ? "11111111" : "00000000" });
        Assert.NotNull(wrong.QuerySelector("#join-error"));
        var ask = await holder.SubmitAsync(wrong, "main form", new Dictionary<string, string> { ["contact"] = Person, ["code"] = invitation });
        Assert.Contains("Org other", ask.QuerySelector("#ask-title")!.TextContent, StringComparison.Ordinal);
        var answered = await holder.SubmitAsync(ask, "#agree", new Dictionary<string, string>());
        Assert.True(answered.QuerySelector("[role=status]") is not null, string.Join("\n", holder.SetCookies.Select(c => c[..Math.Min(60, c.Length)])));
        var linked = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Clients.FirstAsync(c => c.Link == ClientLinks.Linked));
        Assert.NotNull(linked.JobseekerId);
        var audit = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>().Select(r => r.Action).ToListAsync());
        Assert.Contains(AuditActions.InvitationSent, audit);
        Assert.Contains(AuditActions.InvitationAccepted, audit);
    }

    /// <summary>Finding 3: twenty wrong codes at once take at most five guesses; the account locks and the right code is refused.</summary>
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Twenty_parallel_wrong_codes_lock_the_account_and_the_right_code_is_refused(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);

        var holder = new WebSession(app.Client());
        var codePage = await holder.SubmitAsync(await holder.GetAsync("/account/sign-in"), "main form", new Dictionary<string, string> { ["contact"] = Person });
        var code = app.Messages.Latest(Person)!;
        var token = codePage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var wrong = Enumerable.Range(0, 20).Select(i => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1 + i) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var answers = await Task.WhenAll(wrong.Select(guess => holder.Client.PostAsync("/account/code", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("contact", Person), new("code", guess)]))));
        Assert.All(answers, a => Assert.NotEqual(HttpStatusCode.Redirect, a.StatusCode));

        var attempts = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().LoginCodes.Where(c => c.AccountId != null).SumAsync(c => c.Attempts));
        Assert.True(attempts <= CodeSignIn.MaxAttempts, $"{attempts} guesses were compared, at most {CodeSignIn.MaxAttempts} may be");

        var right = await holder.Client.PostAsync("/account/code", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("contact", Person), new("code", code)]));
        Assert.NotEqual(HttpStatusCode.Redirect, right.StatusCode);
        Assert.True(await app.WithScopeAsync(async s => await s.GetRequiredService<SignInThrottles>().IsLockedAsync(SessionKinds.Jobseeker,
            (await s.GetRequiredService<AppDbContext>().Jobseekers.FirstAsync()).Id.ToString("D"), IPAddress.Loopback)));
    }

    /// <summary>Finding 3 (binding): a guess from another browser never counts against the person's own code.</summary>
    [Fact]
    public async Task Guesses_from_another_browser_do_not_touch_the_persons_code()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);
        var holder = new WebSession(app.Client("203.0.113.7"));
        var codePage = await holder.SubmitAsync(await holder.GetAsync("/account/sign-in"), "main form", new Dictionary<string, string> { ["contact"] = Person });
        var code = app.Messages.Latest(Person)!;

        var attacker = new WebSession(app.Client("198.51.100.9"));
        var page = await attacker.GetAsync("/account/code");
        for (var i = 0; i < 8; i++)
        {
            page = await attacker.SubmitAsync(page, "main form", new Dictionary<string, string> { ["contact"] = Person, ["code"] = code });
            Assert.NotNull(page.QuerySelector("#code-error"));
        }

        var wallet = await holder.SubmitAsync(codePage, "main form", new Dictionary<string, string> { ["code"] = code });
        Assert.Equal("/wallet", holder.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(wallet.QuerySelector(".cards"));
    }

    /// <summary>Finding 4: codes are never stored in clear and are purged once expired.</summary>
    [Fact]
    public async Task Codes_are_not_stored_in_clear_and_expired_ones_are_purged()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Person);
        var holder = new WebSession(app.Client());
        await holder.SubmitAsync(await holder.GetAsync("/account/sign-in"), "main form", new Dictionary<string, string> { ["contact"] = Person });
        var sent = app.Messages.Latest(Person)!;
        var client = await staff.SubmitAsync(await staff.GetAsync(issued.ClientPath), "form[action*=Letter]", new Dictionary<string, string>());
        var letter = client.QuerySelector("#letter-code")!.TextContent.Replace(" ", "", StringComparison.Ordinal);

        var rows = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().LoginCodes.AsNoTracking().ToListAsync());
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.DoesNotContain(sent, r.CodeHash, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.DoesNotContain(letter, r.CodeHash, StringComparison.Ordinal));
        var database = Directory.EnumerateFiles(app.DataFolder, "openler.db*").Select(File.ReadAllBytes).ToList();
        foreach (var secret in new[] { sent, letter })
        {
            Assert.DoesNotContain(database, bytes => Encoding.UTF8.GetString(bytes).Contains(secret, StringComparison.Ordinal));
        }

        // A day after expiry, housekeeping removes them.
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + CodeSignIn.LetterLifetime + TimeSpan.FromDays(2));
        await new AccountHousekeeping(app.Services.GetRequiredService<IServiceScopeFactory>(), later, NullLogger<AccountHousekeeping>.Instance).RunOnceAsync(default);
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().LoginCodes.CountAsync()));
    }

    /// <summary>Finding 5: signing out ends the session on the server (a copied cookie stops working); so does disabling staff.</summary>
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Sign_out_and_disabling_end_the_session_a_copied_cookie_no_longer_works(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);

        // A jobseeker signs in; an attacker copies the cookie; the jobseeker signs out.
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Person);
        var wallet = app.Services.GetRequiredService<CookieNames>().Wallet;
        var copied = CopiedCookieClient(app, wallet, holder.CookieValue(wallet)!);
        Assert.Equal(HttpStatusCode.OK, (await copied.GetAsync("/wallet")).StatusCode);
        var page = await holder.GetAsync("/wallet");
        await holder.SubmitAsync(page, "form.signout", new Dictionary<string, string>());
        var after = await copied.GetAsync("/wallet");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/sign-in", after.Headers.Location!.ToString(), StringComparison.Ordinal);

        // A staff member is disabled by the admin: their live session (and its copy) ends at once.
        var staffId = await app.CreateStaffAsync(org.Id, "luis@acme.test", siteName: "acme site");
        var luis = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, luis, "luis@acme.test");
        var staffCookie = app.Services.GetRequiredService<CookieNames>().Staff;
        var luisCopy = CopiedCookieClient(app, staffCookie, luis.CookieValue(staffCookie)!);
        Assert.Equal(HttpStatusCode.OK, (await luisCopy.GetAsync("/issuance")).StatusCode);
        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, "admin@acme.test");
        var orgPage = await admin.GetAsync("/organization");
        await admin.SubmitAsync(orgPage, ".staff[data-staff='luis@acme.test'] form[action*=Disable]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await luisCopy.GetAsync("/issuance")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await luis.Client.GetAsync("/issuance")).StatusCode);

        // And cannot sign in again.
        var again = new WebSession(app.Client());
        var signIn = await again.SubmitAsync(await again.GetAsync("/account/staff-sign-in"), "main form", new Dictionary<string, string> { ["email"] = "luis@acme.test", ["password"] = "Test-password-1" });
        Assert.NotNull(signIn.QuerySelector("[role=alert]"));

        // Staff sessions end 12 hours after sign-in whatever the activity; jobseekers' after 30 days.
        var sessions = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<UserSession>().AsNoTracking().ToListAsync());
        Assert.All(sessions.Where(x => x.Kind == SessionKinds.Staff), x => Assert.InRange(x.ExpiresAt - x.CreatedAt, TimeSpan.FromHours(11.9), TimeSpan.FromHours(12.1)));
        Assert.DoesNotContain(sessions, x => x.SubjectId == staffId);
    }

    /// <summary>"Sign out everywhere" ends every session of the person, on every device.</summary>
    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_of_the_person()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);
        var phone = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, phone, Person);
        var library = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, library, Person);

        var list = await phone.GetAsync("/account/sessions");
        Assert.Equal(2, list.QuerySelectorAll("main .card").Length);
        await phone.SubmitAsync(list, "form[action*=Everywhere]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await library.Client.GetAsync("/wallet")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Client.GetAsync("/wallet")).StatusCode);
    }

    /// <summary>Finding 6: site staff see only their sites' clients; views, letters, revocations and failed sign-ins are audited.</summary>
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Sites_limit_what_staff_see_and_everything_is_in_the_audit_trail(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("irc", "admin@irc.test", "Test-password-1", "Tucson", "Des Moines");
        await app.CreateStaffAsync(org.Id, "tucson@irc.test", siteName: "Tucson");
        await app.CreateStaffAsync(org.Id, "desmoines@irc.test", siteName: "Des Moines");

        // A Tucson specialist adds and serves a Tucson client.
        var tucson = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, tucson, "tucson@irc.test");
        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, "admin@irc.test");
        await admin.SubmitAsync(await admin.GetAsync("/programs"), "main form", new Dictionary<string, string> { ["name"] = "P", ["description"] = "D", ["criteria"] = "C" });
        var client = await tucson.SubmitAsync(await tucson.GetAsync("/issuance"), "main form", new Dictionary<string, string> { ["name"] = "Tucson Client", ["contact"] = Person });
        var clientPath = tucson.Last!.RequestMessage!.RequestUri!.AbsolutePath;
        client = await tucson.SubmitAsync(client, "form[action*=Enroll]", new Dictionary<string, string> { ["cohort"] = "1" });
        client = await tucson.SubmitAsync(client, "form[action*=Complete]", new Dictionary<string, string>());
        client = await tucson.SubmitAsync(client, "form[action*=Issue]", new Dictionary<string, string>());
        client = await tucson.SubmitAsync(client, "form[action*=Letter]", new Dictionary<string, string>());
        Assert.NotNull(client.QuerySelector("#letter-code"));

        // The Des Moines specialist neither sees nor touches the Tucson client.
        var desMoines = new WebSession(app.Client());
        var caseload = await Journey.SignInStaffAsync(app, desMoines, "desmoines@irc.test");
        Assert.DoesNotContain("Tucson Client", caseload.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await desMoines.GetAsync(clientPath, HttpStatusCode.NotFound);
        var token = caseload.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var letter = await desMoines.Client.PostAsync(clientPath + "?handler=Letter", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, letter.StatusCode);
        var credentialId = client.QuerySelector("form.revoke input[name=credentialId]")!.GetAttribute("value")!;
        var revoke = await desMoines.Client.PostAsync(clientPath + "?handler=Revoke", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("credentialId", credentialId), new("reason", "x")]));
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);

        // The admin sees every site; a revocation and a failed sign-in land in the trail with who and from where.
        await admin.GetAsync(clientPath);
        await Journey.RevokeAsync(admin, await admin.GetAsync(clientPath), "Issued in error");
        var failed = new WebSession(app.Client("192.0.2.44"));
        await failed.SubmitAsync(await failed.GetAsync("/account/staff-sign-in"), "main form", new Dictionary<string, string> { ["email"] = "tucson@irc.test", ["password"] = "wrong-password-9" });

        var records = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>().AsNoTracking().OrderBy(r => r.Sequence).ToListAsync());
        Assert.Contains(records, r => r.Action == AuditActions.ClientViewed && r.ActorKind == AuditActors.Staff);
        Assert.Contains(records, r => r.Action == AuditActions.CodePrinted);
        Assert.Contains(records, r => r.Action == AuditActions.CredentialIssued);
        Assert.Contains(records, r => r.Action == AuditActions.CredentialRevoked && r.TargetId == credentialId);
        Assert.Contains(records, r => r.Action == AuditActions.StaffSignInFailed && r.Address == "192.0.2.44");
        Assert.All(records, r => Assert.DoesNotContain(Person, r.Detail ?? "", StringComparison.OrdinalIgnoreCase));

        // The admin page lists them; the chain verifies, and an edited record breaks it (the database refuses edits first).
        var trail = await admin.GetAsync("/organization/audit?action=credential.revoked");
        Assert.Single(trail.QuerySelectorAll("ul.audit > li"));
        var checkedPage = await admin.SubmitAsync(await admin.GetAsync("/organization/audit"), "form[action*=Verify]", new Dictionary<string, string>());
        Assert.Contains("The chain is intact", checkedPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithScopeAsync(s =>
            s.GetRequiredService<AppDbContext>().Set<AuditRecord>().Where(r => r.Sequence == 1).ExecuteUpdateAsync(u => u.SetProperty(r => r.Detail, "edited"))));
    }

    /// <summary>The hash chain finds an edited, removed or reordered record (what <c>audit verify</c> runs).</summary>
    [Fact]
    public void The_chain_detects_an_edited_record()
    {
        var first = new AuditRecord { Sequence = 1, At = AuditTrail.Truncate(DateTime.UtcNow), Action = "a", PreviousHash = AuditTrail.Genesis };
        first.Hash = AuditTrail.ComputeHash(first);
        var second = new AuditRecord { Sequence = 2, At = first.At, Action = "b", PreviousHash = first.Hash, TargetId = "x" };
        second.Hash = AuditTrail.ComputeHash(second);
        Assert.Equal(second.Hash, AuditTrail.ComputeHash(second));
        second.TargetId = "y";
        Assert.NotEqual(second.Hash, AuditTrail.ComputeHash(second));
    }

    /// <summary>Finding 8: an unknown e-mail costs the same password work as a known one, and a stranger cannot lock a colleague out.</summary>
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Unknown_email_costs_the_same_and_guessing_from_one_address_does_not_lock_out_the_owner(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        var counting = new CountingHasher();
        using var app = new OpenLerFactory(db, configure: services =>
        {
            services.AddScoped<IPasswordHasher<StaffUser>>(_ => counting);
        });
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await app.CreateStaffAsync(org.Id, "luis@acme.test", siteName: "acme site");

        counting.Verifications = 0;
        await FailOnceAsync(app, "nobody@acme.test", "203.0.113.1");
        var unknown = counting.Verifications;
        counting.Verifications = 0;
        await FailOnceAsync(app, "luis@acme.test", "203.0.113.1");
        var known = counting.Verifications;
        Assert.Equal(1, unknown);
        Assert.Equal(known, unknown);
        Assert.True(CountingHasher.Iterations >= AccountFeature.PasswordIterations);

        // An attacker guesses from one address until it locks: the owner, elsewhere, still signs in.
        for (var i = 0; i < SignInThrottles.PerAddressFailures + 2; i++)
        {
            await FailOnceAsync(app, "luis@acme.test", "203.0.113.66");
        }

        var owner = new WebSession(app.Client("198.51.100.20"));
        await Journey.SignInStaffAsync(app, owner, "luis@acme.test");
        Assert.Equal("/issuance", owner.Last!.RequestMessage!.RequestUri!.AbsolutePath);

        // From the attacker's address even the right password is refused now, with the same message.
        var attacker = new WebSession(app.Client("203.0.113.66"));
        var page = await attacker.SubmitAsync(await attacker.GetAsync("/account/staff-sign-in"), "main form", new Dictionary<string, string> { ["email"] = "luis@acme.test", ["password"] = "Test-password-1" });
        Assert.NotNull(page.QuerySelector("[role=alert]"));
    }

    /// <summary>Staff passwords are hashed with PBKDF2 (HMAC-SHA512) at 600,000 iterations (ASVS 11.4.2, SECURITY.md DR-12).</summary>
    [Fact]
    public async Task Staff_passwords_use_pbkdf2_with_600000_iterations()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var hash = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Users.Select(u => u.PasswordHash).FirstAsync());
        var bytes = Convert.FromBase64String(hash!);
        Assert.Equal(0x01, bytes[0]); // Identity v3 format
        Assert.Equal(2u, ReadUInt32(bytes, 1)); // KeyDerivationPrf.HMACSHA512
        Assert.True(ReadUInt32(bytes, 5) >= 600_000, $"{ReadUInt32(bytes, 5)} iterations");
    }

    /// <summary>Finding 10: a new credential carries no hash of the person's contact; its subject is a did:key the wallet holds.</summary>
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_new_credential_names_the_holder_by_a_did_key_and_carries_no_contact_hash(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);
        var json = await app.FirstCredentialJsonAsync();
        var subject = JsonNode.Parse(json)!["credentialSubject"]!.AsObject();
        Assert.StartsWith("did:key:z6Mk", (string?)subject["id"], StringComparison.Ordinal);
        Assert.Null(subject["identifier"]);
        Assert.DoesNotContain("identityHash", json, StringComparison.Ordinal);
        Assert.DoesNotContain("farida", json, StringComparison.OrdinalIgnoreCase);
        var holderKeys = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<WalletKey>().AsNoTracking().ToListAsync());
        Assert.Contains(holderKeys, k => k.Did == (string?)subject["id"] && !k.PrivateKeyCipher.Contains("z3u2", StringComparison.Ordinal));

        // Two credentials of one person have unrelated subjects (nothing to correlate them by).
        var issuedAgain = await app.WithScopeAsync(async s =>
        {
            var dbc = s.GetRequiredService<AppDbContext>();
            var client = await dbc.Clients.FirstAsync();
            var program = await dbc.Programs.FirstAsync();
            var caseload = s.GetRequiredService<Caseload>();
            var enrollment = await caseload.EnrollAsync(client.OrganizationId, client.Id, program.Id, "second");
            await caseload.CompleteAsync(client.OrganizationId, enrollment!.Id, null, null);
            return (await s.GetRequiredService<CredentialIssuer>().IssueAsync(client.OrganizationId, enrollment.Id)).Value;
        });
        Assert.NotEqual((string?)subject["id"], issuedAgain.HolderDid);
    }

    private static async Task FailOnceAsync(OpenLerFactory app, string email, string address)
    {
        var session = new WebSession(app.Client(address));
        var page = await session.SubmitAsync(await session.GetAsync("/account/staff-sign-in"), "main form", new Dictionary<string, string> { ["email"] = email, ["password"] = "Wrong-password-1" });
        Assert.NotNull(page.QuerySelector("[role=alert]"));
    }

    private static HttpClient CopiedCookieClient(OpenLerFactory app, string name, string value)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        client.DefaultRequestHeaders.Add("Cookie", name + "=" + value);
        return client;
    }

    private static uint ReadUInt32(byte[] bytes, int offset) =>
        (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);

    /// <summary>Counts password verifications (the expensive work) while doing them for real.</summary>
    private sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = AccountFeature.PasswordIterations }));

        public int Verifications;

        public static int Iterations => AccountFeature.PasswordIterations;

        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
