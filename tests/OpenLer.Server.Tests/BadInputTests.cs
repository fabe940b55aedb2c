using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests;

/// <summary>Bad input, one test each: every case gets a clear answer and the right status code.</summary>
public sealed class BadInputTests
{
    private static readonly Dictionary<string, string> NoFields = [];

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Expired_revoked_and_unknown_share_links_answer_clearly(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var expiring = await Journey.ShareAsync(holder);
        var stopped = await Journey.ShareAsync(holder);

        // Expired: move the expiry into the past.
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var share = await db.Shares.OrderBy(x => x.CreatedAt).FirstAsync();
            share.ExpiresAt = DateTime.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        var employer = new WebSession(app.Client());
        var expired = await employer.GetAsync(expiring, HttpStatusCode.Gone);
        Assert.Contains("The link has expired.", expired.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(expired.QuerySelectorAll("[data-verified]"));

        // Revoked by the holder.
        var sharing = await holder.GetAsync("/sharing");
        var forms = sharing.QuerySelectorAll("form[action*=Revoke]");
        var form = forms[0];
        form.Id = "stop-me";
        await holder.SubmitAsync(sharing, "#stop-me", NoFields);
        var revoked = await employer.GetAsync(stopped, HttpStatusCode.Gone);
        Assert.Contains("has stopped this link", revoked.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var unknown = await employer.GetAsync("/s/" + new string('A', 43), HttpStatusCode.NotFound);
        Assert.Contains("This link does not work", unknown.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Tampered_credential_in_verify_is_not_genuine_with_the_reason(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var json = await app.FirstCredentialJsonAsync();
        var credential = JsonNode.Parse(json)!.AsObject();
        credential["credentialSubject"]!["achievement"]!["name"] = "Senior Warehouse Manager";

        var visitor = new WebSession(app.Client());
        var page = await visitor.GetAsync("/verify");
        var genuine = await visitor.SubmitAsync(page, "main form", new Dictionary<string, string> { ["credential"] = json });
        Assert.NotNull(genuine.QuerySelector("[data-verified=true]"));

        page = await visitor.GetAsync("/verify");
        var result = await visitor.SubmitAsync(page, "main form", new Dictionary<string, string> { ["credential"] = credential.ToJsonString() });
        Assert.NotNull(result.QuerySelector("[data-verified=false]"));
        Assert.Contains("Not genuine", result.QuerySelector("#result-title")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("signature", result.QuerySelector("#reason")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("The signature does not match", result.QuerySelector("#plain-reason")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Upload_over_the_limit_answers_413(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var visitor = new WebSession(app.Client());
        var page = await visitor.GetAsync("/verify");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[3 * 1024 * 1024]), "file", "big.json" },
        };
        var response = await visitor.Client.PostAsync("/verify", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("The file is too large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Another_organizations_client_id_answers_404(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await app.CreateOrganizationAsync("other", "admin@other.test");
        var acme = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, acme, "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var client = await acme.GetAsync(issued.ClientPath);

        var other = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, other, "admin@other.test");
        await other.GetAsync(issued.ClientPath, HttpStatusCode.NotFound);

        // Posting to it with the other organization's own valid form token is refused too.
        var ownPage = await other.GetAsync("/issuance");
        var token = ownPage.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var credentialId = client.QuerySelector("form.revoke input[name=credentialId]")!.GetAttribute("value")!;
        var response = await other.Client.PostAsync(issued.ClientPath + "?handler=Revoke", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("credentialId", credentialId), new("reason", "x")]));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Credentials.AnyAsync(c => c.RevokedAt != null)));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Form_post_without_antiforgery_token_answers_400(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var visitor = new WebSession(app.Client());
        await visitor.GetAsync("/account/sign-in");
        var response = await visitor.Client.PostAsync("/account/sign-in", new FormUrlEncodedContent([new("contact", "someone@example.org")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(app.Messages.All);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Five_wrong_codes_lock_with_the_same_message_as_an_unknown_account(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);

        var holder = new WebSession(app.Client());
        var signIn = await holder.GetAsync("/account/sign-in");
        var codePage = await holder.SubmitAsync(signIn, "main form", new Dictionary<string, string> { ["contact"] = JourneyTests.Contact });
        var code = app.Messages.Latest(JourneyTests.Contact)!;
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
        {
            codePage = await holder.SubmitAsync(codePage, "main form", new Dictionary<string, string> { ["code"] = wrong, ["contact"] = JourneyTests.Contact });
        }

        // The right code no longer works: the code took its five guesses and the account is locked for this address.
        var locked = await holder.SubmitAsync(codePage, "main form", new Dictionary<string, string> { ["code"] = code, ["contact"] = JourneyTests.Contact });
        Assert.DoesNotContain("/wallet", holder.Last!.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);

        var stranger = new WebSession(app.Client());
        signIn = await stranger.GetAsync("/account/sign-in");
        var strangerPage = await stranger.SubmitAsync(signIn, "main form", new Dictionary<string, string> { ["contact"] = "nobody@example.org" });
        var unknown = await stranger.SubmitAsync(strangerPage, "main form", new Dictionary<string, string> { ["code"] = code, ["contact"] = "nobody@example.org" });

        Assert.Equal(unknown.QuerySelector("#code-error")!.TextContent, locked.QuerySelector("#code-error")!.TextContent);
        Assert.Equal(unknown.QuerySelector("h1")!.TextContent, locked.QuerySelector("h1")!.TextContent);
        Assert.True(await app.WithScopeAsync(s => s.GetRequiredService<SignInThrottles>().IsLockedAsync(SessionKinds.Jobseeker,
            s.GetRequiredService<AppDbContext>().Jobseekers.Select(j => j.Id).First().ToString("D"), System.Net.IPAddress.Loopback)));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_credential_name_holding_script_is_shown_as_text(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        const string name = "<script>alert('x')</script> Forklift";
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", name, JourneyTests.Contact);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        Assert.Empty(wallet.QuerySelectorAll("script"));
        Assert.Contains(name, wallet.QuerySelector(".cards .card h2")!.TextContent, StringComparison.Ordinal);

        var link = await Journey.ShareAsync(holder);
        var page = await new WebSession(app.Client()).GetAsync(link);
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Contains(name, page.QuerySelector(".card h2")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-verified=true]"));
    }

    [Fact]
    public async Task Asking_for_codes_again_and_again_sends_one()
    {
        using var app = new OpenLerFactory(settings: new Dictionary<string, string?> { ["OpenLer:CodeResendSeconds"] = "60" });
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var visitor = new WebSession(app.Client());
        for (var i = 0; i < 5; i++)
        {
            await visitor.SubmitAsync(await visitor.GetAsync("/account/sign-in"), "main form", new Dictionary<string, string> { ["contact"] = JourneyTests.Contact });
        }

        Assert.Single(app.Messages.All, m => m.Kind == "code");
    }
}
