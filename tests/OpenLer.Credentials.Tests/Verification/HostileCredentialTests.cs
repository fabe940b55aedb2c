using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Verification;

/// <summary>
/// Issue 5's hostile inputs against whole eddsa-rdfc-2022 credentials through <see cref="CredentialVerifier"/>: each is
/// refused with a clear code. Elapsed times are written to the test output (measured, not asserted).
/// </summary>
public class HostileCredentialTests(ITestOutputHelper output)
{
    private static readonly CredentialVerifier Verifier = new();

    private async Task<VerificationResult> Verify(string json)
    {
        var watch = Stopwatch.StartNew();
        var result = await Verifier.VerifyAsync(json, TestContext.Current.CancellationToken);
        output.WriteLine($"refused in {watch.Elapsed.TotalMilliseconds:0.0} ms: {result.FirstProblem}");
        return result;
    }

    private static (KeyPair Key, JsonObject Signed) SignedRdfc(Action<JsonObject>? beforeSigning = null)
    {
        var key = KeyPair.Generate(KeyType.Ed25519);
        var unsigned = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        beforeSigning?.Invoke(unsigned);
        return (key, TestCredentials.Sign(unsigned, key, suite: "eddsa-rdfc-2022"));
    }

    [Fact]
    public async Task RemoteContextUrl_RefusedAsUnknownContext()
    {
        var (key, signed) = SignedRdfc();
        using var _ = key;
        signed["@context"]!.AsArray().Add("http://127.0.0.1:9/evil-context");
        var result = await Verify(StrictJson.Serialize(signed));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UnknownContext, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task InlineContextRedefiningAProtectedTerm_Refused()
    {
        var (key, signed) = SignedRdfc();
        using var _ = key;
        // "name" is a protected top-level term of the VC 2.0 context; SECURITY.md LD-04 maps it to schema:familyName.
        signed["@context"]!.AsArray().Add(new JsonObject { ["name"] = "https://schema.org/familyName" });
        var result = await Verify(StrictJson.Serialize(signed));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ProtectedTermRedefinition, result[CheckNames.Proof]!.Code);
        Assert.Contains("protected term redefinition", result[CheckNames.Proof]!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VocabTermSwapAttack_NotVerified()
    {
        // w3c/vc-data-integrity#272: a credential signed with an inline context that maps two terms (and @vocab); the
        // attacker swaps the two term definitions AND the two values, so the RDF (and the signature) is unchanged while the
        // JSON now says the opposite. OpenLER refuses inline contexts in secured documents, so the swap cannot verify.
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var unsigned = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        unsigned["@context"]!.AsArray().Add(new JsonObject
        {
            ["@vocab"] = "https://vocab.example/#",
            ["firstName"] = "https://vocab.example/#firstName",
            ["middleName"] = "https://vocab.example/#middleName",
        });
        unsigned["credentialSubject"]!["firstName"] = "Amina";
        unsigned["credentialSubject"]!["middleName"] = "Gul";
        var signed = TestCredentials.Sign(unsigned, key, suite: "eddsa-rdfc-2022");

        var context = signed["@context"]!.AsArray()[2]!.AsObject();
        context["firstName"] = "https://vocab.example/#middleName";
        context["middleName"] = "https://vocab.example/#firstName";
        signed["credentialSubject"]!["firstName"] = "Gul";
        signed["credentialSubject"]!["middleName"] = "Amina";

        var result = await Verify(StrictJson.Serialize(signed));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.InlineContext, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task UndefinedTerm_DataLossDetectionError()
    {
        var (key, signed) = SignedRdfc();
        using var _ = key;
        signed["credentialSubject"]!["workAuthorizedUntil"] = "2099-01-01";
        var result = await Verify(StrictJson.Serialize(signed));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.DataLossDetection, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public void UndefinedTermBeforeSigning_RefusedAtSigning()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var unsigned = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        unsigned["workAuthorizedUntil"] = "2099-01-01";
        var signing = new DataIntegritySigner().Sign(unsigned, key, new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase(),
        });
        Assert.False(signing.IsSuccess);
        Assert.Equal(ErrorCodes.DataLossDetection, signing.Error!.Code);
    }

    [Fact]
    public async Task TenMebibyteDocument_RefusedBeforeParsing()
    {
        var (key, signed) = SignedRdfc();
        using var _ = key;
        signed["description"] = new string('x', 10 * 1024 * 1024);
        var result = await Verify(StrictJson.Serialize(signed));
        Assert.Equal(ErrorCodes.DocumentTooLarge, result[CheckNames.Format]!.Code);
    }

    [Fact]
    public async Task ThousandDeepNesting_Refused()
    {
        var (key, signed) = SignedRdfc();
        using var _ = key;
        var json = StrictJson.Serialize(signed);
        var deep = json.Insert(json.Length - 1, ",\"evidence\":" + string.Concat(Enumerable.Repeat("{\"narrative\":", 1000)) + "\"x\"" + new string('}', 1000));
        var result = await Verify(deep);
        Assert.Equal(ErrorCodes.DocumentTooDeep, result[CheckNames.Format]!.Code);
    }

    [Fact]
    public async Task ContextRecursion_Refused()
    {
        var (key, signed) = SignedRdfc();
        using var _ = key;
        // An inline context that imports itself through a scoped context loop.
        signed["@context"]!.AsArray().Add(new JsonObject
        {
            ["@version"] = 1.1,
            ["loop"] = new JsonObject { ["@id"] = "https://evil.example/loop", ["@context"] = new JsonObject { ["@import"] = "https://evil.example/ctx" } },
        });
        signed["loop"] = new JsonObject { ["x"] = 1 };
        var result = await Verify(StrictJson.Serialize(signed));
        Assert.False(result.Verified);
        Assert.True(result[CheckNames.Proof]!.Code is ErrorCodes.UnknownContext or ErrorCodes.JsonLdProcessing or ErrorCodes.JsonLdLimitExceeded,
            result[CheckNames.Proof]!.ToString());
    }

    [Fact]
    public async Task RdfcPoisonGraph_RefusedByTheWorkBound()
    {
        // A clique of 12 anonymous evidence nodes all pointing at each other: every blank node shares its first-degree
        // hash, the shape of the rdf-canon "dataset poisoning" tests. Expressed in compacted JSON-LD (blank node labels as
        // ids, the link a term of the undefined-terms context), since non-compacted keys are refused before any RDF work.
        var (key, signed) = SignedRdfc();
        using var _ = key;
        signed["@context"]!.AsArray().Add("https://www.w3.org/ns/credentials/undefined-terms/v2");
        var nodes = new JsonArray();
        for (var i = 0; i < 12; i++)
        {
            var related = new JsonArray();
            for (var j = 0; j < 12; j++)
            {
                if (j != i)
                {
                    related.Add(new JsonObject { ["id"] = $"_:n{j}" });
                }
            }

            nodes.Add(new JsonObject { ["id"] = $"_:n{i}", ["type"] = new JsonArray("Evidence"), ["related"] = related });
        }

        signed["evidence"] = nodes;
        var result = await Verify(StrictJson.Serialize(signed));
        Assert.False(result.Verified);
        Assert.True(result[CheckNames.Proof]!.Code is ErrorCodes.RdfcWorkLimitExceeded or ErrorCodes.DataLossDetection, result[CheckNames.Proof]!.ToString());
    }

    [Fact]
    public async Task VerificationMethodOfSomeoneElse_Refused()
    {
        using var issuer = KeyPair.Generate(KeyType.Ed25519);
        using var attacker = KeyPair.Generate(KeyType.Ed25519);
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(issuer.PublicKey.ToDidKey()), attacker, suite: "eddsa-rdfc-2022");
        var result = await Verify(StrictJson.Serialize(signed));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.VerificationMethodNotControlledByIssuer, result[CheckNames.VerificationMethod]!.Code);
    }

    [Fact]
    public async Task FirstContextNotTheVcContext_Refused()
    {
        var (key, signed) = SignedRdfc();
        using var _ = key;
        var contexts = signed["@context"]!.AsArray();
        var first = contexts[0]!.DeepClone();
        contexts.RemoveAt(0);
        contexts.Add(first);
        var result = await Verify(StrictJson.Serialize(signed));
        Assert.Equal(ErrorCodes.MalformedValue, result[CheckNames.Format]!.Code);
    }
}
