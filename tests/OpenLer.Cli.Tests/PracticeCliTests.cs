using System.Text.Json.Nodes;
using OpenLer.Cli.Tests.Support;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Cli.Tests;

/// <summary>
/// <c>openler verify</c> on a practice (staff training) credential, marked by the OB 3.0 achievement tag "practice": the
/// headline says PRACTICE, never VERIFIED, though its signature holds; the same credential without the mark verifies.
/// </summary>
public sealed class PracticeCliTests : CliTestBase
{
    private const string Unsigned = """
        {"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
         "type":["VerifiableCredential","OpenBadgeCredential"],"name":"Practice: Forklift Safety",
         "credentialSubject":{"id":"did:example:learner","type":["AchievementSubject"],"achievement":{"id":"urn:x","type":["Achievement"],"name":"Practice: Forklift Safety","tag":["practice"],"criteria":{"narrative":"Passed."}}}}
        """;

    [Theory]
    [InlineData("eddsa-jcs-2022")]
    [InlineData("eddsa-rdfc-2022")]
    [InlineData("vc-jwt")]
    public async Task Verify_PracticeCredential_SaysPractice_NeverVerified(string suite)
    {
        await File.WriteAllTextAsync(F("u.json"), Unsigned, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await Run("key", "generate", "--out", F("k.json"))).Code);
        var issued = await Run("issue", F("u.json"), "--key", F("k.json"), "--suite", suite, "--out", F("practice.json"));
        Assert.True(issued.Code == 0, issued.Err);

        var text = await Run("verify", F("practice.json"));
        Assert.Equal(1, text.Code);
        var headline = text.Out.Split('\n')[0];
        Assert.Equal("practice.json: PRACTICE - not a real credential", headline.TrimEnd());
        Assert.DoesNotContain("genuine", text.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"passed\s+proof", text.Out);
        Assert.Matches(@"failed\s+practice\s+\[PRACTICE_CREDENTIAL_ERROR\]", text.Out);

        var json = await Run("verify", F("practice.json"), "--json");
        var line = JsonNode.Parse(json.Out.Trim())!.AsObject();
        Assert.False((bool)line["verified"]!);
        Assert.True((bool)line["practice"]!);
    }

    [Fact]
    public async Task Verify_SameCredentialWithoutTheMark_Verifies()
    {
        var real = Unsigned.Replace("\"tag\":[\"practice\"],", "", StringComparison.Ordinal).Replace("Practice: ", "", StringComparison.Ordinal);
        await File.WriteAllTextAsync(F("u.json"), real, TestContext.Current.CancellationToken);
        await Run("key", "generate", "--out", F("k.json"));
        Assert.Equal(0, (await Run("issue", F("u.json"), "--key", F("k.json"), "--suite", "eddsa-rdfc-2022", "--out", F("real.json"))).Code);

        var text = await Run("verify", F("real.json"));
        Assert.Equal(0, text.Code);
        Assert.Equal("real.json: VERIFIED", text.Out.Split('\n')[0].TrimEnd());
        var json = JsonNode.Parse((await Run("verify", F("real.json"), "--json")).Out.Trim())!.AsObject();
        Assert.True((bool)json["verified"]!);
        Assert.False((bool)json["practice"]!);
    }

    /// <summary>
    /// A credential the OpenLER server issued in a practice space (Fixtures/server-practice-credential.json: eddsa-rdfc-2022,
    /// signed by the practice organization's did:key, named "Practice: Job Readiness", tagged "practice").
    /// </summary>
    private static string ServerPractice => Path.Combine(SharedFolder.RepositoryRoot, "tests", "OpenLer.Cli.Tests", "Fixtures", "server-practice-credential.json");

    [Fact]
    public async Task Verify_ServerIssuedPracticeCredential_SaysPractice_ItsProofHolds()
    {
        var text = await Run("verify", ServerPractice);
        Assert.Equal(1, text.Code);
        Assert.Equal("server-practice-credential.json: PRACTICE - not a real credential", text.Out.Split('\n')[0].TrimEnd());
        Assert.DoesNotContain("genuine", text.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"passed\s+proof", text.Out);

        // Without the mark, the server's signature no longer holds: the mark cannot be stripped to pass it off as real.
        var json = JsonNode.Parse(await File.ReadAllTextAsync(ServerPractice, TestContext.Current.CancellationToken))!.AsObject();
        json["credentialSubject"]!["achievement"]!.AsObject().Remove("tag");
        await File.WriteAllTextAsync(F("stripped.json"), json.ToJsonString(), TestContext.Current.CancellationToken);
        var stripped = await Run("verify", F("stripped.json"), "--json");
        var line = JsonNode.Parse(stripped.Out.Trim())!.AsObject();
        Assert.False((bool)line["verified"]!);
        Assert.False((bool)line["practice"]!);
        Assert.Equal("failed", (string?)line["checks"]!.AsArray().Single(c => (string?)c!["name"] == "proof")!["status"]);
    }
}
