using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Tests.Security;
using OpenLer.Credentials.Taxonomy;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Verify;

/// <summary>
/// Issue 11, "Clear results": each verdict has its own plain headline; the credential and its issuer come first; content
/// that is not confirmed is shown only under "What the file claims (not verified)"; every result and evidence entry is
/// listed; checks speak plain, translated words with the library's terms only under "Technical details"; a pasted share
/// link opens the share and a link to another site is refused without being fetched.
/// </summary>
public sealed class ClearResultsTests
{
    private const string Contact = "clear@verify.test";

    private static async Task<IHtmlDocument> VerifyAsync(WebSession visitor, string text) =>
        await visitor.SubmitAsync(await visitor.GetAsync("/verify"), "main form", new Dictionary<string, string> { ["credential"] = text });

    private static string Verdict(IHtmlDocument page) => page.QuerySelector("main .result")!.GetAttribute("data-verdict")!;

    private static string Headline(IHtmlDocument page) => page.QuerySelector("main .verdict")!.TextContent.Trim();

    /// <summary>The page's text outside "Technical details" (the plain words a person may read).</summary>
    private static string PlainText(IHtmlDocument page) => TextWithout(page, "details.technical");

    /// <summary>The result's text with every <c>details</c> closed (what a person reads first).</summary>
    private static string FirstRead(IHtmlDocument page) => TextWithout(page, "details", "main .result");

    private static string TextWithout(IHtmlDocument page, string selector, string root = "main")
    {
        var main = (IElement)page.QuerySelector(root)!.Clone(deep: true);
        foreach (var element in main.QuerySelectorAll(selector).ToList())
        {
            element.Remove();
        }

        return main.TextContent;
    }

    /// <summary>A VC-JOSE credential signed by <paramref name="org"/>'s active key (so its issuer is on the trust list).</summary>
    private static Task<string> SignAsOrganizationAsync(OpenLerFactory app, Data.Organization org, Func<string, JsonObject> credential) =>
        app.WithScopeAsync(async s =>
        {
            var keys = s.GetRequiredService<Features.Organizations.OrganizationKeys>();
            var active = await keys.ActiveKeyAsync(org.Id);
            var identity = keys.Identity(org, active);
            using var key = keys.SigningKey(active);
            return Credentials.Jose.VcJose.Secure(credential(identity.Did), key, identity.VerificationMethod);
        });

    private static JsonObject Badge(string issuer, string name) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
        ["id"] = "urn:uuid:" + Guid.NewGuid(),
        ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
        ["issuer"] = new JsonObject { ["id"] = issuer, ["type"] = new JsonArray("Profile"), ["name"] = "Org acme" },
        ["validFrom"] = "2026-01-15T00:00:00Z",
        ["credentialSubject"] = new JsonObject
        {
            ["id"] = "did:example:holder",
            ["type"] = new JsonArray("AchievementSubject"),
            ["achievement"] = new JsonObject
            {
                ["id"] = "https://ler.example.org/achievements/1",
                ["type"] = new JsonArray("Achievement"),
                ["name"] = name,
                ["description"] = "Operated a forklift safely.",
                ["criteria"] = new JsonObject { ["narrative"] = "Passed the practical test." },
            },
        },
    };

    [Fact]
    public async Task Genuine_names_the_credential_and_issuer_first_with_skills_described_and_jobs_apart()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Contact);
        var page = await VerifyAsync(new WebSession(app.Client()), await app.FirstCredentialJsonAsync());

        Assert.Equal("Genuine", Verdict(page));
        Assert.Equal("Warehouse Basics", page.QuerySelector("#result-title")!.TextContent.Trim());
        Assert.Equal("Org acme", page.QuerySelector(".result-head .issuer-line bdi")!.TextContent.Trim());
        Assert.StartsWith("✔ Verified: this credential is genuine.", Headline(page), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#plain-reason"));
        Assert.Null(page.QuerySelector(".claimed"));

        var taxonomy = SkillTaxonomy.BuiltIn.Localize("en");
        var reading = taxonomy.FindSkill("2.A.1.a")!;
        var skills = page.QuerySelectorAll(".skill-list li");
        Assert.Contains(skills, li => li.TextContent.Contains(reading.Name, StringComparison.Ordinal) && li.TextContent.Contains(reading.Description, StringComparison.Ordinal));
        var occupation = taxonomy.FindOccupation("53-7062.00")!;
        var jobs = page.QuerySelectorAll(".occupation-list li");
        Assert.Single(jobs);
        Assert.Contains(occupation.Title, jobs[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(skills, li => li.TextContent.Contains(occupation.Title, StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll("dl.facts dt"), dt => dt.TextContent == "Jobs this prepares for");
        Assert.Contains("B2", page.QuerySelector("[data-results]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampered_is_not_genuine_and_shows_its_content_only_as_what_the_file_claims()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Contact);
        var credential = JsonNode.Parse(await app.FirstCredentialJsonAsync())!.AsObject();
        credential["credentialSubject"]!["achievement"]!["name"] = "Senior Warehouse Manager";
        var page = await VerifyAsync(new WebSession(app.Client()), credential.ToJsonString());

        Assert.Equal("NotGenuine", Verdict(page));
        Assert.StartsWith("✘ Not genuine: do not rely on this credential.", Headline(page), StringComparison.Ordinal);
        Assert.Equal("The signature does not match: the credential was changed or was not made by its issuer.", page.QuerySelector("#plain-reason")!.TextContent.Trim());
        var claimed = page.QuerySelector(".claimed[data-unverified=true]")!;
        Assert.Contains("What the file claims (not verified)", claimed.TextContent, StringComparison.Ordinal);
        Assert.Contains("Senior Warehouse Manager", claimed.TextContent, StringComparison.Ordinal);
        Assert.Contains("Passed the forklift-safety practical.", claimed.TextContent, StringComparison.Ordinal);

        // Outside the claims box nothing of the content appears, and the reason is said once.
        var outside = PlainText(page).Replace(claimed.TextContent, "", StringComparison.Ordinal);
        Assert.DoesNotContain("Senior Warehouse Manager", outside, StringComparison.Ordinal);
        Assert.DoesNotContain("Org acme", outside, StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("main .verdict-reason"));
        Assert.Equal(1, CountOf(FirstRead(page), "The signature does not match"));
        Assert.Equal(1, CountOf(FirstRead(page), "Not genuine"));

        // The library's wording and terms only under Technical details.
        Assert.Contains("PROOF_VERIFICATION_ERROR", page.QuerySelector("details.technical #reason")!.TextContent, StringComparison.Ordinal);
        foreach (var term in new[] { "JSON-LD", "assertionMethod", "OB 3.0", "Schema", "PROOF_", "did:key", "eddsa" })
        {
            Assert.DoesNotContain(term, PlainText(page), StringComparison.Ordinal);
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task Revoked_has_its_own_headline_and_the_reason_once()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Contact);
        var json = await app.FirstCredentialJsonAsync();
        var client = await staff.GetAsync(issued.ClientPath);
        await Journey.RevokeAsync(staff, client, "Issued to the wrong person");

        var page = await VerifyAsync(new WebSession(app.Client()), json);
        Assert.Equal("Revoked", Verdict(page));
        Assert.NotNull(page.QuerySelector("[data-verified=false]"));
        Assert.StartsWith("⚠ Revoked: the issuer has withdrawn this credential.", Headline(page), StringComparison.Ordinal);
        Assert.Equal("Warehouse Basics", page.QuerySelector("#result-title")!.TextContent.Trim());
        Assert.DoesNotContain("Not genuine", PlainText(page), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".claimed"));
        Assert.Equal(1, CountOf(FirstRead(page).ToUpperInvariant(), "REVOKED"));
        Assert.Equal(1, CountOf(FirstRead(page), "withdrawn"));
        Assert.Contains("CREDENTIAL_REVOKED_ERROR", page.QuerySelector("details.technical")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_and_not_yet_valid_have_their_own_headlines_with_the_date()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var expired = await SignAsOrganizationAsync(app, org, did =>
        {
            var badge = Badge(did, "Forklift Safety");
            badge["validFrom"] = "2024-01-01T00:00:00Z";
            badge["validUntil"] = "2025-03-31T00:00:00Z";
            return badge;
        });
        var future = await SignAsOrganizationAsync(app, org, did =>
        {
            var badge = Badge(did, "Forklift Safety");
            badge["validFrom"] = "2099-06-01T00:00:00Z";
            return badge;
        });

        var visitor = new WebSession(app.Client());
        var page = await VerifyAsync(visitor, expired);
        Assert.Equal("Expired", Verdict(page));
        Assert.Contains("Expired: this credential was valid until", Headline(page), StringComparison.Ordinal);
        Assert.Contains("2025", Headline(page), StringComparison.Ordinal);
        Assert.Equal("Forklift Safety", page.QuerySelector("#result-title")!.TextContent.Trim());
        Assert.Null(page.QuerySelector(".claimed"));
        Assert.Null(page.QuerySelector("#plain-reason"));

        page = await VerifyAsync(visitor, future);
        Assert.Equal("NotYetValid", Verdict(page));
        Assert.Contains("Not valid yet: this credential starts on", Headline(page), StringComparison.Ordinal);
        Assert.Contains("2099", Headline(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_issuer_has_its_own_headline_and_its_content_is_only_a_claim()
    {
        using var app = new OpenLerFactory();
        using var stranger = KeyPair.Generate(KeyType.Ed25519);
        var did = stranger.PublicKey.ToDidKey();
        var jwt = Credentials.Jose.VcJose.Secure(Badge(did, "Forklift Safety"), stranger, did + "#" + stranger.PublicKey.ToMultibase());

        var page = await VerifyAsync(new WebSession(app.Client()), jwt);
        Assert.Equal("UnknownIssuer", Verdict(page));
        Assert.StartsWith("⚠ Issuer not recognized: we do not know who made this credential.", Headline(page), StringComparison.Ordinal);
        Assert.Contains("list of trusted issuers", page.QuerySelector("#plain-reason")!.TextContent, StringComparison.Ordinal);
        var claimed = page.QuerySelector(".claimed")!;
        Assert.Contains("Forklift Safety", claimed.TextContent, StringComparison.Ordinal);
        Assert.Contains("Org acme", claimed.QuerySelector("#claimed-issuer")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Forklift Safety", page.QuerySelector("#result-title")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Could_not_check_has_its_own_headline_for_an_unknown_status_list_and_an_unreadable_file()
    {
        using var honeypot = new LoopbackHoneypot();
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var statusUrl = honeypot.Url("/status/1", "https");
        var unknownList = await SignAsOrganizationAsync(app, org, did =>
        {
            var badge = Badge(did, "Forklift Safety");
            badge["credentialStatus"] = new JsonObject
            {
                ["id"] = statusUrl + "#7",
                ["type"] = "BitstringStatusListEntry",
                ["statusPurpose"] = "revocation",
                ["statusListIndex"] = "7",
                ["statusListCredential"] = statusUrl,
            };
            return badge;
        });

        var visitor = new WebSession(app.Client());
        var page = await VerifyAsync(visitor, unknownList);
        Assert.Equal("CouldNotCheck", Verdict(page));
        Assert.StartsWith("⚠ Could not check: do not rely on this credential yet.", Headline(page), StringComparison.Ordinal);
        Assert.Equal("We could not read the issuer's list of revoked credentials.", page.QuerySelector("#plain-reason")!.TextContent.Trim());
        Assert.Equal(0, honeypot.Hits);

        page = await VerifyAsync(visitor, "This is a letter, not a credential.");
        Assert.Equal("CouldNotCheck", Verdict(page));
        Assert.Equal("This is not a credential we can read.", page.QuerySelector("#plain-reason")!.TextContent.Trim());
        Assert.Null(page.QuerySelector(".claimed"));
    }

    [Fact]
    public async Task Every_result_and_evidence_entry_is_shown_not_only_the_first()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var jwt = await SignAsOrganizationAsync(app, org, did =>
        {
            var badge = Badge(did, "Forklift Safety");
            badge["credentialSubject"]!["name"] = "Amina Yusuf";
            badge["credentialSubject"]!["result"] = new JsonArray(
                new JsonObject { ["type"] = new JsonArray("Result"), ["value"] = "Practical: passed" },
                new JsonObject { ["type"] = new JsonArray("Result"), ["value"] = "Written: 92%" });
            badge["evidence"] = new JsonArray(
                new JsonObject { ["type"] = new JsonArray("Evidence"), ["name"] = "Practical test", ["narrative"] = "Drove the course twice without a fault." },
                new JsonObject { ["type"] = new JsonArray("Evidence"), ["name"] = "Written test", ["narrative"] = "Answered 46 of 50." },
                new JsonObject { ["type"] = new JsonArray("Evidence"), ["narrative"] = "Supervisor saw a month of safe work." });
            return badge;
        });

        var page = await VerifyAsync(new WebSession(app.Client()), jwt);
        Assert.Equal("Genuine", Verdict(page));
        Assert.Equal("Amina Yusuf", page.QuerySelector(".result-head .holder-line bdi")!.TextContent);
        var evidence = page.QuerySelectorAll("[data-evidence-entry]");
        Assert.Equal(3, evidence.Length);
        foreach (var text in new[] { "Drove the course twice without a fault.", "Answered 46 of 50.", "Supervisor saw a month of safe work.", "Practical test", "Written test" })
        {
            Assert.Contains(evidence, e => e.TextContent.Contains(text, StringComparison.Ordinal));
        }

        var results = page.QuerySelectorAll("[data-result]");
        Assert.Equal(2, results.Length);
        Assert.Contains(results, r => r.TextContent.Contains("Practical: passed", StringComparison.Ordinal));
        Assert.Contains(results, r => r.TextContent.Contains("Written: 92%", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pasted_share_link_or_its_token_opens_the_share()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Contact);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Contact);
        var path = await Journey.ShareAsync(holder);
        var baseUrl = app.Services.GetRequiredService<IOptions<DeploymentOptions>>().Value.BaseUrl;

        foreach (var pasted in new[] { baseUrl + path, "  " + baseUrl + path + "\n", path.Split('/')[^1] })
        {
            var employer = new WebSession(app.Client());
            var page = await VerifyAsync(employer, pasted);
            Assert.Equal(path, employer.Last!.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Equal("Credentials shared with you", page.QuerySelector("h1")!.TextContent.Trim());
            Assert.NotNull(page.QuerySelector("[data-verified=true]"));
            Assert.DoesNotContain("not a credential", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_link_to_another_site_is_refused_with_a_clear_message_and_never_fetched()
    {
        using var honeypot = new LoopbackHoneypot();
        using var app = new OpenLerFactory();
        var token = new string('a', 43);
        foreach (var pasted in new[] { honeypot.Url("/s/" + token), honeypot.Url("/credential.json", "https"), "https://ler.example.net/s/" + token, "www.example.com/badge" })
        {
            var visitor = new WebSession(app.Client());
            var page = await VerifyAsync(visitor, pasted);
            Assert.Equal("/verify", visitor.Last!.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.StartsWith("This is a link to another website.", page.QuerySelector("#verify-error")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("true", page.QuerySelector("#credential")!.GetAttribute("aria-invalid"));
            Assert.Null(page.QuerySelector("main .result"));
        }

        Assert.Equal(0, honeypot.Hits);
    }

    [Theory]
    [InlineData("es", "No es auténtica: no confíe en esta credencial.", "La firma no coincide")]
    [InlineData("ar", "ليست أصلية: لا تعتمد على هذه الشهادة.", null)]
    public async Task Every_check_is_explained_in_the_readers_language(string language, string headline, string? reason)
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Contact);
        var credential = JsonNode.Parse(await app.FirstCredentialJsonAsync())!.AsObject();
        credential["credentialSubject"]!["achievement"]!["name"] = "Senior Warehouse Manager";
        var http = app.Client();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var page = await VerifyAsync(new WebSession(http), credential.ToJsonString());

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Contains(headline, Headline(page), StringComparison.Ordinal);
        if (reason is not null)
        {
            Assert.StartsWith(reason, page.QuerySelector("#plain-reason")!.TextContent.Trim(), StringComparison.Ordinal);
        }

        // Every line of "Every check" is translated: none of the English sentences the checks have.
        foreach (var why in page.QuerySelectorAll(".check-list .check-why"))
        {
            Assert.False(string.IsNullOrWhiteSpace(why.TextContent));
            Assert.DoesNotMatch("^(The|It|Its|This|We|Every|Today) ", why.TextContent.Trim());
        }

        Assert.NotEmpty(page.QuerySelectorAll(".check-list li"));
    }
}
