using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Verification;

/// <summary>
/// A practice (staff training) credential carries "practice" in its achievement's tag (OB 3.0 Achievement.tag): its proof
/// still verifies, yet the verifier never reports it as verified, and a credential without the mark is unaffected.
/// </summary>
public class PracticeMarkerTests
{
    private static readonly CredentialVerifier Verifier = new();

    private static JsonObject Tagged(KeyPair key, JsonNode tag)
    {
        var unsigned = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        unsigned["credentialSubject"]!["achievement"]!["tag"] = tag;
        return TestCredentials.Sign(unsigned, key);
    }

    [Theory]
    [InlineData("[\"practice\"]")]
    [InlineData("[\"forklift\",\"Practice\"]")]
    [InlineData("\"practice\"")]
    public async Task Marked_ProofHolds_ButNeverVerified(string tag)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var result = await Verifier.VerifyAsync(StrictJson.Serialize(Tagged(key, JsonNode.Parse(tag)!)), TestContext.Current.CancellationToken);

        Assert.Equal(CheckStatus.Passed, result[CheckNames.Proof]!.Status);
        Assert.True(result.IsPractice);
        Assert.False(result.Verified);
        var practice = result[CheckNames.Practice]!;
        Assert.Equal(CheckStatus.Failed, practice.Status);
        Assert.True(practice.Required);
        Assert.Equal(ErrorCodes.PracticeCredential, practice.Code);
    }

    [Theory]
    [InlineData("[\"forklift\",\"safety\"]")]
    [InlineData("[\"practiced\"]")]
    [InlineData("[]")]
    public async Task OtherTags_Unaffected(string tag)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var result = await Verifier.VerifyAsync(StrictJson.Serialize(Tagged(key, JsonNode.Parse(tag)!)), TestContext.Current.CancellationToken);
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        Assert.False(result.IsPractice);
        Assert.Null(result[CheckNames.Practice]);
    }

    [Fact]
    public async Task Unmarked_HasNoPracticeCheck()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var result = await Verifier.VerifyAsync(StrictJson.Serialize(TestCredentials.SignedOpenBadge(key)), TestContext.Current.CancellationToken);
        Assert.True(result.Verified);
        Assert.False(result.IsPractice);
        Assert.DoesNotContain(result.Checks, c => c.Name == CheckNames.Practice);
    }

    [Fact]
    public async Task MarkRemoved_BreaksTheProof()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = Tagged(key, new JsonArray("practice"));
        signed["credentialSubject"]!["achievement"]!.AsObject().Remove("tag");
        var result = await Verifier.VerifyAsync(StrictJson.Serialize(signed), TestContext.Current.CancellationToken);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public void IsPractice_ReadsEverySubject()
    {
        var credential = JsonNode.Parse("""
            {"credentialSubject":[{"achievement":{"tag":["a"]}},{"achievement":{"tag":["practice"]}}]}
            """)!.AsObject();
        Assert.True(PracticeMarker.IsPractice(credential));
        Assert.False(PracticeMarker.IsPractice(JsonNode.Parse("""{"credentialSubject":{"achievement":{"tag":[1,true,null]}}}""")!.AsObject()));
        Assert.False(PracticeMarker.IsPractice(JsonNode.Parse("""{"credentialSubject":"practice"}""")!.AsObject()));
    }
}
