using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Keys;
using OpenLer.Server.Data;
using OpenLer.Server.Features.MachineApi;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Tests.Support;
using OpenLer.Server.Tests.Wallets;

namespace OpenLer.Server.Tests.MachineApi;

/// <summary>
/// The W3C VC API behind API keys: an admin makes a key on the organization page (shown once, stored hashed), the key (or an
/// OAuth client-credentials token) issues and verifies per suite; no key, another organization's key, a revoked key and too
/// many requests are refused; a proof of another suite is refused by the suite's verifier.
/// </summary>
public sealed class VcApiTests
{
    private const string Rdfc = "/orgs/acme/vc-api/eddsa-rdfc-2022";

    private static async Task<(OpenLerFactory App, string Key, string Did)> AppWithKeyAsync(int permits = 120)
    {
        var app = new OpenLerFactory(settings: new Dictionary<string, string?> { ["OpenLer:Api:PermitsPerMinute"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, "admin@acme.test");
        var page = await admin.GetAsync("/organization");
        var created = await admin.SubmitAsync(page, "form[action*=Create]", new Dictionary<string, string> { ["name"] = "W3C test suite" });
        var key = created.QuerySelector("#api-key-secret")!.TextContent.Trim();
        var did = await app.WithScopeAsync(async s =>
        {
            var keys = s.GetRequiredService<OrganizationKeys>();
            return keys.Identity(org, await keys.ActiveKeyAsync(org.Id)).Did;
        });
        return (app, key, did);
    }

    private static HttpClient Client(OpenLerFactory app, string? bearer)
    {
        var client = app.Client();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string path, JsonNode body)
    {
        using var response = await client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : []);
    }

    private static JsonObject Unsigned(string issuer) => new()
    {
        ["credential"] = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["issuer"] = new JsonObject { ["id"] = issuer, ["type"] = new JsonArray("Profile"), ["name"] = "Acme" },
            ["validFrom"] = "2026-01-01T00:00:00Z",
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "did:example:learner",
                ["type"] = new JsonArray("AchievementSubject"),
                ["achievement"] = new JsonObject { ["id"] = "https://acme.example/a/1", ["type"] = new JsonArray("Achievement"), ["name"] = "Forklift safety", ["criteria"] = new JsonObject { ["narrative"] = "Passed." } },
            },
        },
        ["options"] = new JsonObject { ["credentialId"] = "urn:uuid:" + Guid.NewGuid() },
    };

    [Fact]
    public async Task A_key_issues_and_verifies_per_suite_and_is_stored_hashed()
    {
        var (app, key, did) = await AppWithKeyAsync();
        using var _ = app;
        var client = Client(app, key);
        var (status, issued) = await PostAsync(client, Rdfc + "/credentials/issue", Unsigned(did));
        Assert.Equal(HttpStatusCode.Created, status);
        var vc = issued["verifiableCredential"]!.AsObject();
        Assert.Equal("eddsa-rdfc-2022", (string?)vc["proof"]!["cryptosuite"]);

        var verified = await PostAsync(client, Rdfc + "/credentials/verify", new JsonObject { ["verifiableCredential"] = vc.DeepClone() });
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.True((bool)verified.Body["verified"]!);

        var tampered = vc.DeepClone().AsObject();
        tampered["credentialSubject"]!["achievement"]!["name"] = "Crane operator";
        var refused = await PostAsync(client, Rdfc + "/credentials/verify", new JsonObject { ["verifiableCredential"] = tampered });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.False((bool)refused.Body["verified"]!);

        // Another suite's endpoint signs with it, and each suite's verifier refuses the other suite's proof.
        var (_, jcs) = await PostAsync(client, "/orgs/acme/vc-api/eddsa-jcs-2022/credentials/issue", Unsigned(did));
        var jcsVc = jcs["verifiableCredential"]!;
        Assert.Equal("eddsa-jcs-2022", (string?)jcsVc["proof"]!["cryptosuite"]);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "/orgs/acme/vc-api/eddsa-jcs-2022/credentials/verify", new JsonObject { ["verifiableCredential"] = jcsVc.DeepClone() })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, Rdfc + "/credentials/verify", new JsonObject { ["verifiableCredential"] = jcsVc.DeepClone() })).Status);

        // A presentation (a holder's DID authentication) with its challenge and domain.
        using var holder = KeyPair.Generate(KeyType.Ed25519);
        var vp = WalletInteropTests.DidAuthentication(holder, "c-123", "acme.example", "eddsa-rdfc-2022");
        var presentation = await PostAsync(client, Rdfc + "/presentations/verify", new JsonObject
        {
            ["verifiablePresentation"] = vp,
            ["options"] = new JsonObject { ["challenge"] = "c-123", ["domain"] = "acme.example" },
        });
        Assert.Equal(HttpStatusCode.OK, presentation.Status);
        var wrongChallenge = await PostAsync(client, Rdfc + "/presentations/verify", new JsonObject
        {
            ["verifiablePresentation"] = vp.DeepClone(),
            ["options"] = new JsonObject { ["challenge"] = "other", ["domain"] = "acme.example" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrongChallenge.Status);

        // The credential's issuer must be the organization.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, Rdfc + "/credentials/issue", Unsigned("did:example:someone-else"))).Status);

        // Stored as a hash only.
        var stored = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<ApiKey>().AsNoTracking().SingleAsync());
        Assert.DoesNotContain(key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..], stored.SecretHash, StringComparison.Ordinal);
        Assert.Equal(64, stored.SecretHash.Length);
        Assert.NotNull(stored.LastUsedAt);
    }

    [Fact]
    public async Task Client_credentials_give_an_access_token()
    {
        var (app, key, did) = await AppWithKeyAsync();
        using var _ = app;
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        using var basic = app.Client();
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key[..dot] + ":" + key[(dot + 1)..])));
        using var tokenResponse = await basic.PostAsync("/api/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["audience"] = "https://localhost" }));
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var token = (string)JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!;
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Client(app, token), Rdfc + "/credentials/issue", Unsigned(did))).Status);

        using var wrong = await app.Client().PostAsync("/api/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = key[..dot], ["client_secret"] = "wrong",
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("invalid_client", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_key_another_organizations_key_a_revoked_key_and_too_many_requests_are_refused()
    {
        var (app, key, did) = await AppWithKeyAsync(permits: 3);
        using var _ = app;
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Client(app, null), Rdfc + "/credentials/issue", Unsigned(did))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Client(app, "olk_00000000000000000000000000000000.nope"), Rdfc + "/credentials/issue", Unsigned(did))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(Client(app, key), "/orgs/acme/vc-api/no-such-suite/credentials/issue", Unsigned(did))).Status);

        await app.CreateOrganizationAsync("other", "admin@other.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(Client(app, key), "/orgs/other/vc-api/eddsa-rdfc-2022/credentials/issue", Unsigned(did))).Status);

        // Three permits a minute: the next request answers 429 with Retry-After.
        var client = Client(app, key);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, Rdfc + "/credentials/verify", new JsonObject { ["verifiableCredential"] = new JsonObject() })).Status);
        }

        using var limited = await client.PostAsync(Rdfc + "/credentials/verify", new StringContent("{\"verifiableCredential\":{}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);

        // Revoked on the organization page: refused from then on.
        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, "admin@acme.test");
        var page = await admin.GetAsync("/organization");
        await admin.SubmitAsync(page, "form[action*=Revoke]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Client(app, key), Rdfc + "/credentials/issue", Unsigned(did))).Status);
    }
}
