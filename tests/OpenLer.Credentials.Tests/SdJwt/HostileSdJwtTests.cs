using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.SdJwt;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.SdJwt;

/// <summary>Hostile SD-JWT input is refused as a value, never an exception, and never verifies.</summary>
public class HostileSdJwtTests
{
    private static readonly CredentialVerifier Verifier = new();

    [Theory]
    [InlineData("a.b.c~")]
    [InlineData("a.b.c~~")]
    [InlineData("eyJ9.eyJ9.AA~WyJ9~")]
    [InlineData("e30.e30.AA~WyJzIiwibiIsInYiXQ~x.y")]
    [InlineData("e30.e30.AA~%%%~")]
    [InlineData("e30.e30.AA~WyJzIiwibiJd~e30.e30.AA")]
    public async Task Garbage_IsRefusedAsAValue(string input)
    {
        var result = await Verifier.VerifyAsync(input, TestContext.Current.CancellationToken);
        Assert.False(result.Verified);
        Assert.NotNull(result.FirstProblem);
    }

    [Fact]
    public async Task RandomMutations_NeverThrowNorVerify()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        using var random = RandomNumberGenerator.Create();
        var claims = new JsonObject
        {
            ["iss"] = key.PublicKey.ToDidKey(),
            ["vct"] = "https://openler.example/vct/x",
            ["a"] = new JsonObject { ["b"] = new JsonArray(1, 2, new JsonObject { ["c"] = "d" }) },
        };
        var compact = SdJwtVc.Issue(claims, key, key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase(), ["a", "a.b", "a.b.*", "a.b.2.c"], random,
            DateTimeOffset.UnixEpoch.AddYears(56)).Value.Compact;
        Assert.True((await Verifier.VerifyAsync(compact, TestContext.Current.CancellationToken)).Verified);
        var bytes = Encoding.ASCII.GetBytes(compact);
        for (var i = 0; i < 300; i++)
        {
            var mutated = (byte[])bytes.Clone();
            var at = RandomNumberGenerator.GetInt32(mutated.Length);
            mutated[at] = (byte)"AZaz09-_~.x"[RandomNumberGenerator.GetInt32(11)];
            if (mutated.AsSpan().SequenceEqual(bytes))
            {
                continue;
            }

            var result = await Verifier.VerifyAsync(Encoding.ASCII.GetString(mutated), TestContext.Current.CancellationToken);
            // A change inside the base64url of a disclosure, the signature or the payload must not verify; only a change to
            // the last character's padding bits could in theory keep the bytes, so require "not verified" unless bytes decode equal.
            if (result.Verified)
            {
                Assert.Equal(Base64UrlDecodedParts(compact), Base64UrlDecodedParts(Encoding.ASCII.GetString(mutated)));
            }
        }
    }

    [Fact]
    public async Task DeeplyNestedDisclosures_AreBounded()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        using var random = RandomNumberGenerator.Create();
        JsonNode inner = "x";
        var paths = new List<string>();
        var path = "n";
        for (var i = 0; i < 70; i++)
        {
            inner = new JsonObject { ["n"] = inner };
        }

        for (var i = 0; i < 70; i++)
        {
            paths.Add(path);
            path += ".n";
        }

        var claims = new JsonObject { ["iss"] = key.PublicKey.ToDidKey(), ["vct"] = "https://openler.example/vct/x", ["n"] = inner["n"]!.DeepClone() };
        var issued = SdJwtVc.Issue(claims, key, key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase(), paths, random, DateTimeOffset.UnixEpoch.AddYears(56));
        Assert.True(issued.IsSuccess, issued.Error?.ToString());
        var result = await Verifier.VerifyAsync(issued.Value.Compact, TestContext.Current.CancellationToken);
        Assert.False(result.Verified); // 70 nested disclosures: deeper than SdJwtProcessor.MaxDepth
        Assert.Equal(ErrorCodes.DocumentTooDeep, result[CheckNames.Disclosures]!.Code);
    }

    [Fact]
    public void InvalidUtf8InADisclosure_IsAnError()
    {
        var bytes = Encoding.UTF8.GetBytes("[\"salt\",\"name\",\"v\"]");
        bytes[2] = 0xFB;
        var parsed = Disclosure.Parse(Base64Url.Encode(bytes));
        Assert.False(parsed.IsSuccess);
    }

    private static string Base64UrlDecodedParts(string compact) =>
        string.Join("|", compact.Split('~', '.').Select(p => Base64Url.Decode(p) is { IsSuccess: true } d ? Convert.ToHexString(d.Value) : "!" + p));
}
