using System.Text.Json.Nodes;
using OpenLer.Cli.Tests.Support;

namespace OpenLer.Cli.Tests;

public sealed class CliCommandTests : CliTestBase
{
    private const string Unsigned = """
        {"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
         "type":["VerifiableCredential","OpenBadgeCredential"],"name":"Forklift Safety",
         "credentialSubject":{"id":"did:example:learner","type":["AchievementSubject"],"achievement":{"id":"urn:x","type":["Achievement"],"name":"Forklift Safety","criteria":{"narrative":"Passed."}}}}
        """;

    [Theory]
    [InlineData("ed25519", "eddsa-jcs-2022")]
    [InlineData("p256", "ecdsa-jcs-2019")]
    [InlineData("p384", "ecdsa-jcs-2019")]
    [InlineData("ed25519", "vc-jwt")]
    [InlineData("p256", "vc-jwt")]
    public async Task KeyIssueVerify_RoundTrip(string keyType, string suite)
    {
        await File.WriteAllTextAsync(F("u.json"), Unsigned, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await Run("key", "generate", "--type", keyType, "--out", F("k.json"))).Code);
        var issued = await Run("issue", F("u.json"), "--key", F("k.json"), "--suite", suite, "--out", F("c"));
        Assert.True(issued.Code == 0, issued.Err);

        var verified = await Run("verify", F("c"), "--json");
        Assert.Equal(0, verified.Code);
        var line = JsonNode.Parse(verified.Out.Trim())!.AsObject();
        Assert.Equal("c", (string?)line["file"]);
        Assert.True((bool)line["verified"]!);
        foreach (var check in line["checks"]!.AsArray())
        {
            Assert.Contains((string?)check!["status"], new[] { "passed", "not-checked" });
            Assert.NotNull(check["name"]);
        }
    }

    [Fact]
    public async Task Verify_OneBadFile_ExitsOne_WithOneJsonLinePerFile()
    {
        await File.WriteAllTextAsync(F("u.json"), Unsigned, TestContext.Current.CancellationToken);
        await Run("key", "generate", "--out", F("k.json"));
        await Run("issue", F("u.json"), "--key", F("k.json"), "--suite", "eddsa-jcs-2022", "--out", F("good.json"));
        var text = await File.ReadAllTextAsync(F("good.json"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(F("bad.json"), text.Replace("Forklift Safety", "Crane Operator", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var result = await Run("verify", "--json", F("good.json"), F("bad.json"));
        Assert.Equal(1, result.Code);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.True((bool)lines[0]["verified"]!);
        Assert.False((bool)lines[1]["verified"]!);
        var proof = lines[1]["checks"]!.AsArray().Single(c => (string?)c!["name"] == "proof")!;
        Assert.Equal("failed", (string?)proof["status"]);
        Assert.Equal("PROOF_VERIFICATION_ERROR", (string?)proof["code"]);
    }

    [Fact]
    public async Task Issue_CredentialNamingAnotherIssuer_Refused()
    {
        await File.WriteAllTextAsync(F("u.json"), Unsigned.Replace("\"name\":\"Forklift Safety\",", "\"issuer\":\"did:web:other.example\",\"name\":\"Forklift Safety\",", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        await Run("key", "generate", "--out", F("k.json"));
        var result = await Run("issue", F("u.json"), "--key", F("k.json"), "--suite", "eddsa-jcs-2022");
        Assert.Equal(2, result.Code);
        Assert.Contains("not the key's controller", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyGenerate_WritesAPrivateFile()
    {
        Assert.Equal(0, (await Run("key", "generate", "--type", "p256", "--out", F("k.json"))).Code);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(F("k.json"), TestContext.Current.CancellationToken))!;
        Assert.StartsWith("did:key:zDna", (string?)json["controller"], StringComparison.Ordinal);
        Assert.NotNull(json["secretKeyMultibase"]);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(F("k.json")));
        }
    }

    [Fact]
    public async Task Conformance_UnknownSuite_ExitsTwo()
    {
        var result = await Run("conformance", "nope", "--vectors", Dir);
        Assert.Equal(2, result.Code);
        Assert.Contains("Unknown suite", result.Out, StringComparison.Ordinal);
    }
}
