using System.Text.Json.Nodes;

namespace OpenLer.Interop.Tests;

/// <summary>
/// SD-JWT VC both ways with @sd-jwt/sd-jwt-vc 0.19.0 (including key binding), and our Bitstring Status List credentials
/// checked by @digitalbazaar/vc-bitstring-status-list 2.0.1 (list proof and matching issuers verified).
/// </summary>
public class SdJwtAndStatusInteropTests
{
    private const string Nonce = "nonce-4b1a";
    private const string Audience = "https://employer.example";

    private static async Task<JsonObject> JsLine(params string[] args)
    {
        var (_, output, error) = await JsReference.RunAsync(args);
        Assert.False(string.IsNullOrWhiteSpace(output), "no output from interop.mjs: " + error);
        return JsonNode.Parse(output.Trim().Split('\n')[^1])!.AsObject();
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("p256")]
    public async Task OpenLerSdJwtVc_WithKeyBinding_VerifiesInSdJwtJs(string issuerKeyType)
    {
        JsReference.SkipUnlessAvailable();
        using var temp = new TempFolder();
        await File.WriteAllTextAsync(temp.File("claims.json"), """
            {"vct":"https://openler.example/vct/work-readiness","given_name":"Amina","family_name":"Yusuf",
             "nationalities":["SO","KE"],"address":{"locality":"Tucson","region":"AZ","country":"US"}}
            """, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await Cli.RunAsync("key", "generate", "--type", issuerKeyType, "--out", temp.File("issuer.json"))).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("key", "generate", "--type", "p256", "--out", temp.File("holder.json"))).ExitCode);
        var issued = await Cli.RunAsync("issue", temp.File("claims.json"), "--suite", "sd-jwt-vc", "--key", temp.File("issuer.json"),
            "--sd", "given_name,family_name,nationalities.*,address,address.locality,address.region", "--holder-key", temp.File("holder.json"),
            "--out", temp.File("vc.sdjwt"));
        Assert.True(issued.ExitCode == 0, issued.Error);
        var presented = await Cli.RunAsync("present", temp.File("vc.sdjwt"), "--disclose", "given_name,address.region,nationalities.1",
            "--holder-key", temp.File("holder.json"), "--nonce", Nonce, "--aud", Audience, "--out", temp.File("p.sdjwt"));
        Assert.True(presented.ExitCode == 0, presented.Error);

        var line = await JsLine("sdjwt-verify", temp.File("p.sdjwt"), "--nonce", Nonce);
        Assert.True((bool)line["verified"]!, line.ToJsonString());
        Assert.Equal("dc+sd-jwt", (string?)line["typ"]);
        var claims = line["claims"]!.AsObject();
        Assert.Equal("Amina", (string?)claims["given_name"]);
        Assert.False(claims.ContainsKey("family_name"));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["region"] = "AZ", ["country"] = "US" }, claims["address"]), claims.ToJsonString());
        Assert.True(JsonNode.DeepEquals(new JsonArray("KE"), claims["nationalities"]), claims.ToJsonString());
        Assert.Equal(Audience, (string?)line["kb"]!["aud"]);

        var wrongNonce = await JsLine("sdjwt-verify", temp.File("p.sdjwt"), "--nonce", "another");
        Assert.False((bool)wrongNonce["verified"]!);
    }

    [Fact]
    public async Task SdJwtJsIssuedAndPresented_VerifiesWithOpenLer_IncludingKeyBinding()
    {
        JsReference.SkipUnlessAvailable();
        using var temp = new TempFolder();
        var (code, _, error) = await JsReference.RunAsync("sdjwt-issue", temp.File("js.sdjwt"), Nonce, Audience);
        Assert.True(code == 0, error);

        var ok = await Cli.RunAsync("verify", temp.File("js.sdjwt"), "--nonce", Nonce, "--aud", Audience, "--json");
        Assert.True(ok.ExitCode == 0, ok.Output);
        var checks = JsonNode.Parse(ok.Output.Trim())!["checks"]!.AsArray();
        Assert.Contains(checks, c => (string?)c!["name"] == "holder-binding" && (string?)c["status"] == "passed");
        Assert.Contains(checks, c => (string?)c!["name"] == "disclosures" && (string?)c["status"] == "passed");

        Assert.Equal(1, (await Cli.RunAsync("verify", temp.File("js.sdjwt"), "--nonce", "other", "--aud", Audience)).ExitCode);
        Assert.Equal(1, (await Cli.RunAsync("verify", temp.File("js.sdjwt"), "--nonce", Nonce, "--aud", "https://other.example")).ExitCode);
    }

    [Fact]
    public async Task OpenLerStatusList_AcceptedByVcBitstringStatusList_BeforeAndAfterRevocation()
    {
        JsReference.SkipUnlessAvailable();
        using var temp = new TempFolder();
        const string url = "https://cbo.example/status/revocation/1";
        Assert.Equal(0, (await Cli.RunAsync("key", "generate", "--out", temp.File("issuer.json"))).ExitCode);
        var created = await Cli.RunAsync("status", "create", "--state", temp.File("state.json"), "--key", temp.File("issuer.json"), "--url", url, "--out", temp.File("list.json"));
        Assert.True(created.ExitCode == 0, created.Error);
        await File.WriteAllTextAsync(temp.File("unsigned.json"), Cli.UnsignedOpenBadge, TestContext.Current.CancellationToken);
        var issued = await Cli.RunAsync("issue", temp.File("unsigned.json"), "--key", temp.File("issuer.json"), "--suite", "eddsa-rdfc-2022",
            "--status", temp.File("state.json"), "--out", temp.File("c.json"));
        Assert.True(issued.ExitCode == 0, issued.Error);

        var before = await JsLine("status-check", temp.File("c.json"), "--url", url + "=" + temp.File("list.json"));
        Assert.True((bool)before["verified"]!, before.ToJsonString());
        Assert.False((bool)before["status"]!);

        var index = (string)JsonNode.Parse(await File.ReadAllTextAsync(temp.File("c.json"), TestContext.Current.CancellationToken))!["credentialStatus"]!["statusListIndex"]!;
        Assert.Equal(0, (await Cli.RunAsync("status", "revoke", "--state", temp.File("state.json"), "--key", temp.File("issuer.json"), "--index", index, "--out", temp.File("list.json"))).ExitCode);
        var after = await JsLine("status-check", temp.File("c.json"), "--url", url + "=" + temp.File("list.json"));
        Assert.True((bool)after["verified"]!, after.ToJsonString());
        Assert.True((bool)after["status"]!);

        // A list signed by someone else is refused by the reference stack too.
        Assert.Equal(0, (await Cli.RunAsync("key", "generate", "--out", temp.File("other.json"))).ExitCode);
        await Cli.RunAsync("status", "create", "--state", temp.File("other-state.json"), "--key", temp.File("other.json"), "--url", url, "--out", temp.File("foreign.json"));
        var foreign = await JsLine("status-check", temp.File("c.json"), "--url", url + "=" + temp.File("foreign.json"));
        Assert.False((bool)foreign["verified"]!);
    }

    [Fact]
    public async Task OpenLerTokenStatusList_CheckedBySdJwtJs_BeforeAndAfterRevocation()
    {
        JsReference.SkipUnlessAvailable();
        using var temp = new TempFolder();
        const string uri = "https://cbo.example/statuslists/7";
        await File.WriteAllTextAsync(temp.File("claims.json"), """{"vct":"https://openler.example/vct/test","given_name":"Amina"}""", TestContext.Current.CancellationToken);
        Assert.Equal(0, (await Cli.RunAsync("key", "generate", "--out", temp.File("issuer.json"))).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("status", "create", "--token", "--state", temp.File("state.json"), "--key", temp.File("issuer.json"), "--url", uri, "--out", temp.File("list.jwt"))).ExitCode);
        var issued = await Cli.RunAsync("issue", temp.File("claims.json"), "--suite", "sd-jwt-vc", "--key", temp.File("issuer.json"), "--sd", "given_name",
            "--status", temp.File("state.json"), "--out", temp.File("vc.sdjwt"));
        Assert.True(issued.ExitCode == 0, issued.Error);

        var before = await JsLine("sdjwt-verify", temp.File("vc.sdjwt"), "--status-list", uri + "=" + temp.File("list.jwt"));
        Assert.True((bool)before["verified"]!, before.ToJsonString());

        var state = JsonNode.Parse(await File.ReadAllTextAsync(temp.File("state.json"), TestContext.Current.CancellationToken))!;
        var payload = (await File.ReadAllTextAsync(temp.File("vc.sdjwt"), TestContext.Current.CancellationToken)).Split('.')[1];
        var claims = JsonNode.Parse(OpenLer.Credentials.Encodings.Base64Url.Decode(payload).Value)!;
        var index = ((int)claims["status"]!["status_list"]!["idx"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("token-status-list", (string?)state["format"]);
        Assert.Equal(0, (await Cli.RunAsync("status", "revoke", "--state", temp.File("state.json"), "--key", temp.File("issuer.json"), "--index", index, "--out", temp.File("list.jwt"))).ExitCode);

        var after = await JsLine("sdjwt-verify", temp.File("vc.sdjwt"), "--status-list", uri + "=" + temp.File("list.jwt"));
        Assert.False((bool)after["verified"]!);
        Assert.Contains("Status is not valid", after.ToJsonString(), StringComparison.Ordinal);
    }
}
