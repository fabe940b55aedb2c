using System.Text.Json.Nodes;

namespace OpenLer.Cli.Tests;

public sealed class SdJwtCliTests : IDisposable
{
    private const string Canary = "CANARY-Z987654321";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "openler-sdjwt-" + Guid.NewGuid().ToString("N"));

    public SdJwtCliTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string F(string name) => Path.Combine(_dir, name);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await OpenLerCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private async Task IssueAsync(string sd = "given_name,a_number,address,address.locality")
    {
        await File.WriteAllTextAsync(F("claims.json"), $$"""
            {"vct":"https://openler.example/vct/test","given_name":"Amina","a_number":"{{Canary}}","address":{"locality":"Tucson","region":"AZ"} }
            """, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await Run("key", "generate", "--out", F("issuer.json"))).Code);
        Assert.Equal(0, (await Run("key", "generate", "--type", "p256", "--out", F("holder.json"))).Code);
        var issued = await Run("issue", F("claims.json"), "--suite", "sd-jwt-vc", "--key", F("issuer.json"), "--sd", sd, "--holder-key", F("holder.json"), "--out", F("vc.sdjwt"));
        Assert.True(issued.Code == 0, issued.Err);
    }

    [Fact]
    public async Task IssuePresentVerify_WithKeyBinding()
    {
        await IssueAsync();
        var presented = await Run("present", F("vc.sdjwt"), "--disclose", "given_name,address.region", "--holder-key", F("holder.json"),
            "--nonce", "n-1", "--aud", "https://employer.example", "--out", F("p.sdjwt"));
        Assert.True(presented.Code == 0, presented.Err);

        var ok = await Run("verify", F("p.sdjwt"), "--nonce", "n-1", "--aud", "https://employer.example", "--json");
        Assert.True(ok.Code == 0, ok.Out);
        var line = JsonNode.Parse(ok.Out.Trim())!.AsObject();
        Assert.Contains(line["checks"]!.AsArray(), c => (string?)c!["name"] == "holder-binding" && (string?)c["status"] == "passed");

        Assert.Equal(1, (await Run("verify", F("p.sdjwt"), "--nonce", "other", "--aud", "https://employer.example")).Code);
        Assert.Equal(1, (await Run("verify", F("p.sdjwt"), "--nonce", "n-1", "--aud", "https://other.example")).Code);
    }

    [Fact]
    public async Task VerifyWithNonce_RefusesAnSdJwtWithoutKeyBinding()
    {
        await IssueAsync();
        Assert.Equal(0, (await Run("verify", F("vc.sdjwt"))).Code);
        var result = await Run("verify", F("vc.sdjwt"), "--nonce", "n-1", "--aud", "https://employer.example");
        Assert.Equal(1, result.Code);
        Assert.Contains("KEY_BINDING_REQUIRED_ERROR", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_RefusesToHideVct() =>
        Assert.Equal(1, (await Run("issue", await Claims(), "--suite", "sd-jwt-vc", "--key", F("issuer.json"), "--sd", "vct")).Code);

    private async Task<string> Claims()
    {
        await IssueAsync();
        return F("claims.json");
    }

    [Fact]
    public async Task Canary_NoSdJwtDisclosureOrSaltInAnyCliOutputExceptTheTokenItself()
    {
        await IssueAsync();
        var token = (await File.ReadAllTextAsync(F("vc.sdjwt"), TestContext.Current.CancellationToken)).Trim();
        var parts = token.Split('~', StringSplitOptions.RemoveEmptyEntries);
        var secrets = new List<string> { Canary, token };
        secrets.AddRange(parts.Skip(1)); // every disclosure
        foreach (var disclosure in parts.Skip(1))
        {
            var decoded = JsonNode.Parse(Convert.FromBase64String(disclosure.Replace('-', '+').Replace('_', '/').PadRight((disclosure.Length + 3) / 4 * 4, '=')))!.AsArray();
            secrets.Add((string)decoded[0]!); // the salt
        }

        await File.WriteAllTextAsync(F("tampered.sdjwt"), token + parts[1] + "~", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(F("garbled.sdjwt"), token.Replace("~", "~%", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var outputs = new List<(int, string, string)>
        {
            await Run("verify", F("vc.sdjwt")),
            await Run("verify", F("vc.sdjwt"), "--json"),
            await Run("verify", F("tampered.sdjwt"), "--json"),
            await Run("verify", F("garbled.sdjwt")),
            await Run("verify", F("vc.sdjwt"), "--nonce", "n", "--aud", "a"),
            await Run("present", F("vc.sdjwt"), "--disclose", "no_such_claim"),
            await Run("present", F("garbled.sdjwt"), "--disclose", "given_name"),
            await Run("present", F("vc.sdjwt"), "--disclose", "a_number", "--holder-key", F("holder.json"), "--nonce", "n", "--aud", "a", "--out", F("p.sdjwt")),
            await Run("verify", F("p.sdjwt"), "--nonce", "wrong", "--aud", "a"),
            await Run("status", "check", F("vc.sdjwt")),
        };
        foreach (var (_, stdout, stderr) in outputs)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, stdout, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, stderr, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task StatusCreateIssueRevokeCheck()
    {
        Assert.Equal(0, (await Run("key", "generate", "--out", F("issuer.json"))).Code);
        var url = "https://cbo.example/status/revocation/1";
        var created = await Run("status", "create", "--state", F("state.json"), "--key", F("issuer.json"), "--url", url, "--out", F("list.json"));
        Assert.True(created.Code == 0, created.Err);
        await File.WriteAllTextAsync(F("u.json"), """
            {"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"credentialSubject":{"id":"did:example:amina"}}
            """, TestContext.Current.CancellationToken);
        var issued = await Run("issue", F("u.json"), "--key", F("issuer.json"), "--suite", "eddsa-rdfc-2022", "--status", F("state.json"), "--out", F("c.json"));
        Assert.True(issued.Code == 0, issued.Err);
        var index = (string)JsonNode.Parse(await File.ReadAllTextAsync(F("c.json"), TestContext.Current.CancellationToken))!["credentialStatus"]!["statusListIndex"]!;

        var list = url + "=" + F("list.json");
        Assert.Equal(0, (await Run("status", "check", F("c.json"), "--url", list)).Code);
        Assert.Equal(0, (await Run("verify", F("c.json"), "--url", list)).Code);
        Assert.Equal(1, (await Run("verify", F("c.json"))).Code); // a status entry nobody can check is not "not revoked"

        var revoked = await Run("status", "revoke", "--state", F("state.json"), "--key", F("issuer.json"), "--index", index, "--out", F("list.json"));
        Assert.True(revoked.Code == 0, revoked.Err);
        var check = await Run("status", "check", F("c.json"), "--url", list);
        Assert.Equal(1, check.Code);
        Assert.Contains("CREDENTIAL_REVOKED_ERROR", check.Out, StringComparison.Ordinal);

        Assert.Equal(2, (await Run("status", "suspend", "--state", F("state.json"), "--key", F("issuer.json"), "--index", index, "--out", F("list.json"))).Code);
    }

    [Fact]
    public async Task TokenStatusList_SdJwtVcRevokedAndChecked()
    {
        await IssueAsync();
        var url = "https://cbo.example/statuslists/1";
        var created = await Run("status", "create", "--token", "--state", F("tstate.json"), "--key", F("issuer.json"), "--url", url, "--out", F("tlist.jwt"));
        Assert.True(created.Code == 0, created.Err);
        var issued = await Run("issue", F("claims.json"), "--suite", "sd-jwt-vc", "--key", F("issuer.json"), "--sd", "given_name", "--status", F("tstate.json"), "--out", F("s.sdjwt"));
        Assert.True(issued.Code == 0, issued.Err);
        var list = url + "=" + F("tlist.jwt");
        Assert.Equal(0, (await Run("verify", F("s.sdjwt"), "--url", list)).Code);
        Assert.Equal(1, (await Run("verify", F("s.sdjwt"))).Code); // status could not be checked

        // The index is in the issuer-signed (always visible) status claim.
        var payload = (await File.ReadAllTextAsync(F("s.sdjwt"), TestContext.Current.CancellationToken)).Split('.')[1];
        var json = JsonNode.Parse(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/').PadRight((payload.Length + 3) / 4 * 4, '=')))!;
        var index = ((int)json["status"]!["status_list"]!["idx"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, (await Run("status", "revoke", "--state", F("tstate.json"), "--key", F("issuer.json"), "--index", index, "--out", F("tlist.jwt"))).Code);
        var revoked = await Run("verify", F("s.sdjwt"), "--url", list);
        Assert.Equal(1, revoked.Code);
        Assert.Contains("CREDENTIAL_REVOKED_ERROR", revoked.Out, StringComparison.Ordinal);

        // A token list cannot serve a JSON-LD credential, nor a W3C list an SD-JWT VC.
        await File.WriteAllTextAsync(F("u.json"), """
            {"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"credentialSubject":{"id":"did:example:amina"}}
            """, TestContext.Current.CancellationToken);
        Assert.Equal(2, (await Run("issue", F("u.json"), "--key", F("issuer.json"), "--suite", "eddsa-jcs-2022", "--status", F("tstate.json"))).Code);
    }
}
