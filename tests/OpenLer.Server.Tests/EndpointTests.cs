using System.Net;
using System.Text.Json.Nodes;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests;

/// <summary>Machine endpoints: did:web documents (only with a public host), signed status lists, the verify API.</summary>
public sealed class EndpointTests
{
    [Fact]
    public async Task Did_web_document_is_published_only_with_a_public_host()
    {
        using (var local = new OpenLerFactory())
        {
            await local.CreateOrganizationAsync("acme", "admin@acme.test");
            Assert.Equal(HttpStatusCode.NotFound, (await local.Client().GetAsync("/orgs/acme/did.json")).StatusCode);
        }

        using var app = new OpenLerFactory(settings: new Dictionary<string, string?> { ["OpenLer:PublicHost"] = "ler.example.org" });
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var document = JsonNode.Parse(await app.Client().GetStringAsync("/orgs/acme/did.json"))!;
        Assert.Equal("did:web:ler.example.org:orgs:acme", (string?)document["id"]);
        Assert.Equal("did:web:ler.example.org:orgs:acme#key-1", (string?)document["assertionMethod"]![0]);
        Assert.StartsWith("z6Mk", (string?)document["verificationMethod"]![0]!["publicKeyMultibase"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/orgs/nobody/did.json")).StatusCode);
    }

    [Fact]
    public async Task Status_list_is_a_signed_credential_that_verifies_and_changes_on_revoke()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);

        var before = await app.Client().GetStringAsync("/orgs/acme/status/revocation/1");
        var list = JsonNode.Parse(before)!;
        Assert.Equal("BitstringStatusListCredential", (string?)list["type"]![1]);
        Assert.StartsWith("u", (string?)list["credentialSubject"]!["encodedList"], StringComparison.Ordinal);
        var verify = JsonNode.Parse(await (await app.Client().PostAsync("/api/verify", new StringContent(before))).Content.ReadAsStringAsync())!;
        Assert.True((bool)verify["verified"]!, verify.ToJsonString());

        var client = await staff.GetAsync(issued.ClientPath);
        await Journey.RevokeAsync(staff, client, "Wrong person");
        var after = await app.Client().GetStringAsync("/orgs/acme/status/revocation/1");
        Assert.NotEqual((string?)list["credentialSubject"]!["encodedList"], (string?)JsonNode.Parse(after)!["credentialSubject"]!["encodedList"]);

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/orgs/acme/status/suspension/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/orgs/acme/status/revocation/2")).StatusCode);
    }

    [Fact]
    public async Task A_stale_stored_status_list_is_re_signed_on_read()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var before = JsonNode.Parse(await app.Client().GetStringAsync("/orgs/acme/status/revocation/1"))!;

        // A revocation that reached the database but not the stored list (e.g. two revocations racing).
        await app.WithScopeAsync(async s =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OpenLer.Server.Data.AppDbContext>(s);
            var credential = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Credentials);
            credential.RevokedAt = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });
        var after = JsonNode.Parse(await app.Client().GetStringAsync("/orgs/acme/status/revocation/1"))!;
        Assert.NotEqual((string?)before["credentialSubject"]!["encodedList"], (string?)after["credentialSubject"]!["encodedList"]);
    }

    [Fact]
    public async Task Health_endpoint_answers_ok_when_the_database_is_reachable()
    {
        using var app = new OpenLerFactory();
        Assert.Equal("ok", await app.Client().GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task Verify_api_fails_closed_on_garbage()
    {
        using var app = new OpenLerFactory();
        var response = await app.Client().PostAsync("/api/verify", new StringContent("not a credential"));
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False((bool)result["verified"]!);
        Assert.Equal("UNRECOGNIZED_FORMAT_ERROR", (string?)result["checks"]![0]!["code"]);
    }

    [Fact]
    public async Task Pages_send_a_csp_without_inline_script_and_cookies_are_secure()
    {
        using var app = new OpenLerFactory();
        var response = await app.Client().GetAsync("/account/sign-in");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));

        // No page carries a script element or an inline style attribute; the one exception is the share pages' reference to
        // the share script file (their CSP names that file alone, see Sharing/ShareLinkTests).
        var pages = Directory.EnumerateFiles(Path.Combine(OpenLer.Credentials.Tests.Support.SharedFolder.RepositoryRoot, "src", "OpenLer.Server", "Features"), "*.cshtml", SearchOption.AllDirectories);
        foreach (var page in pages)
        {
            var text = await File.ReadAllTextAsync(page);
            if (Path.GetFileName(Path.GetDirectoryName(page)) == "Sharing")
            {
                text = text.Replace("<script src=\"@SecurityHeaders.ShareScript\" defer></script>", "", StringComparison.Ordinal);
            }

            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("\\son[a-z]+\\s*=", text);
        }
    }
}

/// <summary>With a certificate configured, the Data Protection key ring (which encrypts issuer keys) is stored encrypted.</summary>
public sealed class DataProtectionTests
{
    [Fact]
    public async Task Key_ring_is_encrypted_with_the_configured_certificate()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=openler-test", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(Path.GetTempPath(), $"openler-dp-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pfx-pass"));
        try
        {
            using var app = new OpenLerFactory(settings: new Dictionary<string, string?>
            {
                ["DataProtection:CertificatePath"] = path,
                ["DataProtection:CertificatePassword"] = "pfx-pass",
            });
            await app.CreateOrganizationAsync("acme", "admin@acme.test");
            var xml = await app.WithScopeAsync(s => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OpenLer.Server.Data.AppDbContext>(s).DataProtectionKeys));
            Assert.NotEmpty(xml);
            Assert.All(xml, k => Assert.Contains("encryptedSecret", k.Xml!, StringComparison.Ordinal));
            Assert.All(xml, k => Assert.DoesNotContain("<value>", k.Xml!, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>The Verify page takes VC-JWT as well as JSON-LD, and says why an unknown issuer is not trusted.</summary>
public sealed class VerifyPageTests
{
    [Fact]
    public async Task Vc_jwt_from_an_organization_verifies_and_one_from_a_stranger_does_not()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        JsonObject Credential(string issuer) => new()
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = issuer,
            ["validFrom"] = "2026-01-01T00:00:00Z",
            ["credentialSubject"] = new JsonObject { ["name"] = "Forklift safety" },
        };

        var jwt = await app.WithScopeAsync(async s =>
        {
            var keys = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OpenLer.Server.Features.Organizations.OrganizationKeys>(s);
            var active = await keys.ActiveKeyAsync(org.Id);
            var identity = keys.Identity(org, active);
            using var key = keys.SigningKey(active);
            return OpenLer.Credentials.Jose.VcJose.Secure(Credential(identity.Did), key, identity.VerificationMethod);
        });
        using var stranger = OpenLer.Credentials.Keys.KeyPair.Generate(OpenLer.Credentials.Keys.KeyType.Ed25519);
        var did = stranger.PublicKey.ToDidKey();
        var foreign = OpenLer.Credentials.Jose.VcJose.Secure(Credential(did), stranger, did + "#" + stranger.PublicKey.ToMultibase());

        var visitor = new WebSession(app.Client());
        var page = await visitor.SubmitAsync(await visitor.GetAsync("/verify"), "main form", new Dictionary<string, string> { ["credential"] = jwt });
        Assert.NotNull(page.QuerySelector("[data-verified=true]"));

        page = await visitor.SubmitAsync(await visitor.GetAsync("/verify"), "main form", new Dictionary<string, string> { ["credential"] = foreign });
        Assert.NotNull(page.QuerySelector("[data-verified=false]"));
        Assert.Contains("trust list", page.QuerySelector("#reason")!.TextContent, StringComparison.Ordinal);
    }
}
