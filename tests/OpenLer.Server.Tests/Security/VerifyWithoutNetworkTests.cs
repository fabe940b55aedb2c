using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Tests.Security;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// docs/security.md WA-04, PV-02, RL-09, CP-18, CP-19: what the deployment's verifier (Verify page, API, share pages) does
/// with a stranger's credential. It never fetches anything (images, contexts, keys, status lists, issuer profiles: a
/// loopback honeypot counts zero hits), a status it cannot fetch is "could not check" and never "not revoked", and a
/// stranger who calls itself by a trusted organization's name is shown by its identifier, its name only as an unchecked claim.
/// </summary>
public sealed class VerifyWithoutNetworkTests
{
    private static JsonObject Stranger(KeyPair key, LoopbackHoneypot honeypot, string issuerName)
    {
        var did = key.PublicKey.ToDidKey();
        string Url(string path) => honeypot.Url("/" + Guid.NewGuid().ToString("N") + path, "https");
        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = "urn:uuid:" + Guid.NewGuid(),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = "Forklift Safety",
            ["issuer"] = new JsonObject { ["id"] = did, ["type"] = new JsonArray("Profile"), ["name"] = issuerName, ["url"] = Url("/profile"), ["image"] = new JsonObject { ["id"] = Url("/logo.png"), ["type"] = "Image" } },
            ["validFrom"] = "2026-01-15T00:00:00Z",
            ["credentialStatus"] = new JsonObject
            {
                ["id"] = Url("/status/1#7"),
                ["type"] = "BitstringStatusListEntry",
                ["statusPurpose"] = "revocation",
                ["statusListIndex"] = "7",
                ["statusListCredential"] = Url("/status/1"),
            },
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "did:example:holder",
                ["type"] = new JsonArray("AchievementSubject"),
                ["achievement"] = new JsonObject
                {
                    ["id"] = Url("/achievement"),
                    ["type"] = new JsonArray("Achievement"),
                    ["name"] = "Forklift Safety",
                    ["description"] = "Operated a forklift safely.",
                    ["criteria"] = new JsonObject { ["narrative"] = "Passed the practical test.", ["id"] = Url("/criteria") },
                    ["image"] = new JsonObject { ["id"] = Url("/badge.png"), ["type"] = "Image" },
                },
            },
            ["evidence"] = new JsonArray(new JsonObject { ["id"] = Url("/evidence"), ["type"] = new JsonArray("Evidence"), ["narrative"] = "Seen at work." }),
        };
    }

    private static string Sign(JsonObject credential, KeyPair key, string? verificationMethod = null) => StrictJson.Serialize(
        new DataIntegritySigner(Cryptosuites.Default, TimeProvider.System).Sign(credential, key, new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = verificationMethod ?? key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase(),
        }).Value);

    [Theory]
    [InlineData("International Rescue Committee")]
    [InlineData("lnternational Rescue Committee")] // a lower-case L for the capital I
    [InlineData("\u202EInternational\u200D Rescue Committee")]
    public async Task A_strangers_credential_pointing_everywhere_is_checked_without_a_single_fetch_and_never_shown_as_the_trusted_name(string issuerName)
    {
        using var honeypot = new LoopbackHoneypot();
        using var app = new OpenLerFactory(settings: new Dictionary<string, string?> { ["OpenLer:PublicHost"] = "ler.example.org" });
        await app.CreateOrganizationAsync("irc", "admin@irc.test");
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<OpenLer.Server.Data.AppDbContext>();
            var org = db.Organizations.First();
            org.Name = "International Rescue Committee";
            return await db.SaveChangesAsync();
        });
        using var stranger = KeyPair.Generate(KeyType.Ed25519);
        var credential = Sign(Stranger(stranger, honeypot, issuerName), stranger);

        // A key named in the stranger's own did:web and a status on the attacker's host: neither is fetched.
        using var webKey = KeyPair.Generate(KeyType.Ed25519);
        var withWebKey = Stranger(webKey, honeypot, issuerName);
        withWebKey["issuer"]!["id"] = "did:web:127.0.0.1%3A" + honeypot.Port;
        var webSigned = Sign(withWebKey, webKey, "did:web:127.0.0.1%3A" + honeypot.Port + "#key-1");

        var api = await app.Client().PostAsync("/api/verify", new StringContent(credential));
        var json = JsonNode.Parse(await api.Content.ReadAsStringAsync())!;
        Assert.False((bool)json["verified"]!);
        var status = json["checks"]!.AsArray().First(c => (string?)c!["name"] == "status")!;
        Assert.Equal("CouldNotCheck", (string?)status["status"]);
        var trust = json["checks"]!.AsArray().First(c => (string?)c!["name"] == "issuer-trust")!;
        Assert.Equal("Failed", (string?)trust["status"]);

        Assert.False((bool)JsonNode.Parse(await (await app.Client().PostAsync("/api/verify", new StringContent(webSigned))).Content.ReadAsStringAsync())!["verified"]!);

        var visitor = new WebSession(app.Client());
        var page = await visitor.SubmitAsync(await visitor.GetAsync("/verify"), "main form", new Dictionary<string, string> { ["credential"] = credential });
        Assert.NotNull(page.QuerySelector("[data-verified=false]"));
        Assert.Null(page.QuerySelector("[data-verified=true]"));
        var issuer = page.QuerySelector("#issuer-id")!;
        Assert.StartsWith(stranger.PublicKey.ToDidKey(), issuer.TextContent.Trim(), StringComparison.Ordinal);
        var claimed = page.QuerySelector("#claimed-issuer bdi")!.TextContent;
        Assert.DoesNotContain(claimed, c => c is '\u202E' or '\u202A' or '\u202B' or '\u202C' or '\u202D' or >= '\u2066' and <= '\u2069');
        Assert.DoesNotContain(page.QuerySelectorAll("dd"), dd => dd.Id != "issuer-id" && dd.TextContent.Contains("Rescue Committee", StringComparison.Ordinal));

        Assert.Equal(0, honeypot.Hits);
    }

    [Fact]
    public async Task A_five_kilobyte_issuer_name_is_cut_on_the_page()
    {
        using var honeypot = new LoopbackHoneypot();
        using var app = new OpenLerFactory();
        using var stranger = KeyPair.Generate(KeyType.Ed25519);
        var credential = Sign(Stranger(stranger, honeypot, "International Rescue Committee " + new string('x', 5 * 1024)), stranger);
        var visitor = new WebSession(app.Client());
        var page = await visitor.SubmitAsync(await visitor.GetAsync("/verify"), "main form", new Dictionary<string, string> { ["credential"] = credential });
        var claimed = page.QuerySelector("#claimed-issuer bdi")!.TextContent;
        Assert.InRange(claimed.Length, 1, OpenLer.Server.Features.Wallet.CredentialView.MaxShownLength + 1);
        Assert.EndsWith("…", claimed, StringComparison.Ordinal);
        Assert.Equal(0, honeypot.Hits);
    }

    [Fact]
    public async Task The_organizations_own_credential_shows_its_name_as_issuer()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", "own@verify.test");
        var json = await app.FirstCredentialJsonAsync();
        var visitor = new WebSession(app.Client());
        var page = await visitor.SubmitAsync(await visitor.GetAsync("/verify"), "main form", new Dictionary<string, string> { ["credential"] = json });
        Assert.NotNull(page.QuerySelector("[data-verified=true]"));
        Assert.Null(page.QuerySelector("#claimed-issuer"));
        Assert.Equal("Org acme", page.QuerySelector(".result-head .issuer-line bdi")!.TextContent.Trim());
    }
}
