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
        await staff.SubmitAsync(client, "form[action*=Revoke]", new Dictionary<string, string> { ["reason"] = "Wrong person" });
        var after = await app.Client().GetStringAsync("/orgs/acme/status/revocation/1");
        Assert.NotEqual((string?)list["credentialSubject"]!["encodedList"], (string?)JsonNode.Parse(after)!["credentialSubject"]!["encodedList"]);

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/orgs/acme/status/suspension/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/orgs/acme/status/revocation/2")).StatusCode);
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

        // No page carries a script element or an inline style attribute.
        var pages = Directory.EnumerateFiles(Path.Combine(OpenLer.Credentials.Tests.Support.SharedFolder.RepositoryRoot, "src", "OpenLer.Server", "Features"), "*.cshtml", SearchOption.AllDirectories);
        foreach (var page in pages)
        {
            var text = await File.ReadAllTextAsync(page);
            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("\\son[a-z]+\\s*=", text);
        }
    }
}
