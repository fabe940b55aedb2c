using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests;

/// <summary>
/// The whole journey through the pages, as people use them: staff define a program, enroll and complete a client and issue
/// (a double click issues once); the jobseeker signs in with a code, sees and downloads the credential and shares it; an
/// employer opens the link without an account and sees "verified"; staff revoke and the employer sees it. SQLite and PostgreSQL.
/// </summary>
public sealed class JourneyTests
{
    public const string Contact = "amina@journey.test";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Staff_issue_jobseeker_shares_employer_verifies_then_revoked(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());

        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Contact);
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Credentials.CountAsync()));

        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, Contact);
        var card = wallet.QuerySelector(".cards .card")!;
        Assert.Contains("Warehouse Basics", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("Reading Comprehension", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("Laborers and Freight, Stock, and Material Movers, Hand", card.TextContent, StringComparison.Ordinal);

        // Detail and download.
        var detailLink = card.QuerySelector("a")!.GetAttribute("href")!;
        var detail = await holder.GetAsync(detailLink);
        Assert.Contains("B2", detail.QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);
        var download = await holder.Client.GetAsync(detailLink + "?handler=download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var json = await download.Content.ReadAsStringAsync();
        var credential = JsonNode.Parse(json)!.AsObject();
        Assert.Equal("eddsa-rdfc-2022", (string?)credential["proof"]!["cryptosuite"]);
        Assert.Equal("BitstringStatusListEntry", (string?)credential["credentialStatus"]!["type"]);
        var alignments = credential["credentialSubject"]!["achievement"]!["alignment"]!.AsArray();
        Assert.Contains(alignments, a => (string?)a!["targetCode"] == "2.A.1.a" && (string?)a["targetFramework"] == "O*NET");
        Assert.Equal("B2", (string?)credential["credentialSubject"]!["result"]![0]!["value"]);

        // The machine API agrees.
        var api = await app.Client().PostAsync("/api/verify", new StringContent(json));
        var apiResult = JsonNode.Parse(await api.Content.ReadAsStringAsync())!;
        Assert.True((bool)apiResult["verified"]!, apiResult.ToJsonString());

        // Self-reported experience is labeled as such.
        wallet = await holder.SubmitAsync(wallet, "main form", new Dictionary<string, string> { ["kind"] = "language", ["description"] = "Dari, fluent" });
        Assert.Contains("Self-reported", wallet.QuerySelector("main ul:not(.cards):not(.skills)")!.TextContent, StringComparison.Ordinal);

        // Share, employer opens without an account.
        var link = await Journey.ShareAsync(holder);
        var employer = new WebSession(app.Client());
        var page = await employer.GetAsync(link);
        Assert.NotNull(page.QuerySelector("[data-verified=true]"));
        Assert.Null(page.QuerySelector("[data-verified=false]"));
        Assert.Contains("Warehouse Basics", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dari, fluent", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // The holder sees the opening (when, not who), once the background writer saved it.
        await app.Services.GetRequiredService<OpenLer.Server.Features.Sharing.ShareOpenLog>().FlushAsync();
        var shares = await holder.GetAsync("/sharing");
        Assert.Contains("Opened 1 times", shares.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Staff revoke with a reason: the employer now sees "not verified" and why.
        var client = await staff.GetAsync(issued.ClientPath);
        await Journey.RevokeAsync(staff, client, "Issued to the wrong person");
        page = await employer.GetAsync(link);
        Assert.NotNull(page.QuerySelector("[data-verified=false]"));
        Assert.Contains("revoked", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Language_choice_is_remembered_and_arabic_is_right_to_left(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Contact);

        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, Contact);
        wallet = await holder.ChooseLanguageAsync(wallet, "ar");
        Assert.Equal("rtl", wallet.DocumentElement.GetAttribute("dir"));
        Assert.Equal("ar", wallet.DocumentElement.GetAttribute("lang"));
        Assert.Contains("شهاداتي", wallet.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var arabicSkill = OpenLer.Credentials.Taxonomy.SkillTaxonomy.BuiltIn.Localize("ar").FindSkill("2.A.1.a")!.Name;
        Assert.NotEqual("Reading Comprehension", arabicSkill);
        Assert.Contains(arabicSkill, wallet.QuerySelector(".cards .skills")!.TextContent, StringComparison.Ordinal);

        // Remembered in the profile: a new browser signing in gets Arabic again.
        var other = new WebSession(app.Client());
        var again = await Journey.SignInJobseekerAsync(app, other, Contact);
        Assert.Equal("rtl", again.DocumentElement.GetAttribute("dir"));

        var spanish = await other.ChooseLanguageAsync(again, "es");
        Assert.Equal("ltr", spanish.DocumentElement.GetAttribute("dir"));
        Assert.Contains("Mis credenciales", spanish.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>Steps of the journey shared by the tests.</summary>
public static class Journey
{
    public sealed record Issued(string ClientPath);

    /// <summary>Revokes the first credential on a client page: the confirmation step, then the reason.</summary>
    public static async Task<IHtmlDocument> RevokeAsync(WebSession staff, IHtmlDocument client, string reason)
    {
        var confirm = await staff.SubmitAsync(client, "form.revoke", new Dictionary<string, string>());
        return await staff.SubmitAsync(confirm, "main form[action*=Revoke]", new Dictionary<string, string> { ["reason"] = reason });
    }

    /// <summary>
    /// Signs a staff member in as a person would: password, then the second step when the account has one (the code
    /// computed from the authenticator key, as the app on their phone would), or its set-up when an admin has none yet.
    /// </summary>
    public static async Task<IHtmlDocument> SignInStaffAsync(OpenLerFactory app, WebSession staff, string email, string password = "Test-password-1")
    {
        var signIn = await staff.GetAsync("/account/staff-sign-in");
        var page = await staff.SubmitAsync(signIn, "main form", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        var path = staff.Last!.RequestMessage!.RequestUri!.AbsolutePath;
        if (path == "/account/staff-2fa")
        {
            var key = app.AuthenticatorKeys.TryGetValue(email, out var known) ? known : throw new InvalidOperationException("No authenticator key for " + email);
            page = await staff.SubmitAsync(page, "main form", new Dictionary<string, string> { ["code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        }
        else if (path == "/account/two-factor")
        {
            var key = page.QuerySelector("#authenticator-key")!.TextContent.Trim();
            app.AuthenticatorKeys[email] = key;
            page = await staff.SubmitAsync(page, "main form", new Dictionary<string, string> { ["code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
            Assert.NotNull(page.QuerySelector("#recovery-codes"));
            page = await staff.GetAsync("/issuance");
        }

        return page;
    }

    public static async Task<Issued> IssueAsync(OpenLerFactory app, WebSession staff, string email, string program, string contact)
    {
        var caseload = await SignInStaffAsync(app, staff, email);
        Assert.Contains("/issuance", staff.Last!.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);

        var programs = await staff.GetAsync("/programs");
        await staff.SubmitAsync(programs, "main form", new Dictionary<string, string>
        {
            ["name"] = program,
            ["description"] = "Safe lifting, inventory and teamwork.",
            ["criteria"] = "Attended the 4-week course and passed the practical test.",
            ["skills"] = "2.A.1.a\u001f2.B.1.b\u001f53-7062.00",
            ["recordsEnglishLevel"] = "true",
        });

        caseload = await staff.GetAsync("/issuance");
        var client = await staff.SubmitAsync(caseload, "main form", new Dictionary<string, string> { ["name"] = "Amina Yusuf", ["contact"] = contact });
        var clientPath = staff.Last!.RequestMessage!.RequestUri!.AbsolutePath;
        client = await staff.SubmitAsync(client, "form[action*=Enroll]", new Dictionary<string, string> { ["cohort"] = "2026 Spring" });
        client = await staff.SubmitAsync(client, "form[action*=Complete]", new Dictionary<string, string>
        {
            ["evidence"] = "Passed the forklift-safety practical.",
            ["englishLevel"] = "B2",
        });

        // A double click: the same form posted twice issues one credential.
        await staff.SubmitAsync(client, "form[action*=Issue]", new Dictionary<string, string>());
        client = await staff.SubmitAsync(client, "form[action*=Issue]", new Dictionary<string, string>());
        Assert.NotNull(client.QuerySelector("form.revoke"));
        return new Issued(clientPath);
    }

    public static async Task<IHtmlDocument> SignInJobseekerAsync(OpenLerFactory app, WebSession holder, string contact)
    {
        var signIn = await holder.GetAsync("/account/sign-in");
        var codePage = await holder.SubmitAsync(signIn, "main form", new Dictionary<string, string> { ["contact"] = contact });
        var code = app.Messages.Latest(contact) ?? throw new InvalidOperationException("No code was sent to " + contact);
        Assert.Matches("^[0-9]{6}$", code);
        return await holder.SubmitAsync(codePage, "main form", new Dictionary<string, string> { ["code"] = code });
    }

    /// <summary>
    /// Creates a share of what the sharing page ticks by default (every credential and self-reported entry, not the work
    /// authorization) plus <paramref name="fields"/>: the holder looks at the preview, then creates the link. Returns its path.
    /// </summary>
    public static async Task<string> ShareAsync(WebSession holder, int days = 30, IDictionary<string, string>? fields = null)
    {
        var sharing = await holder.GetAsync("/sharing");
        var choice = new Dictionary<string, string> { ["days"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture), ["label"] = "Desert Logistics" };
        foreach (var (key, value) in fields ?? new Dictionary<string, string>())
        {
            choice[key] = value;
        }

        var preview = await holder.SubmitAsync(sharing, "#choose-form", choice);
        Assert.True(preview.QuerySelector("#share-preview") is not null, preview.QuerySelector("#share-error")?.TextContent);
        var created = await holder.SubmitAsync(preview, "#create-form", new Dictionary<string, string>());
        var link = created.QuerySelector("#share-link")!.GetAttribute("href")!;
        Assert.StartsWith("data:image/png;base64,", created.QuerySelector(".qr img")!.GetAttribute("src"), StringComparison.Ordinal);
        var token = link[(link.LastIndexOf('/') + 1)..];
        Assert.True(token.Length >= 22, "a share token carries at least 128 bits");
        return new Uri(link).AbsolutePath;
    }
}
