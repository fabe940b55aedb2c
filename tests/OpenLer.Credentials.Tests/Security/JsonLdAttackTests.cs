using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Security;

/// <summary>
/// docs/security.md, section LD (SECURITY.md §4.B): JSON-LD attacks on whole signed credentials that the processor-level
/// tests (JsonLdHostileInputTests, JsonLdSafeModeTests) do not send through the verifier.
/// </summary>
public class JsonLdAttackTests
{
    private static readonly CredentialVerifier Verifier = new();

    private static Task<VerificationResult> Verify(JsonObject credential) =>
        Verifier.VerifyAsync(StrictJson.Serialize(credential), TestContext.Current.CancellationToken);

    private static JsonObject Signed(KeyPair key, string suite = "eddsa-rdfc-2022", Action<JsonObject>? beforeSigning = null)
    {
        var unsigned = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        beforeSigning?.Invoke(unsigned);
        return TestCredentials.Sign(unsigned, key, suite: suite);
    }

    // ---- LD-03: the context list ----

    public static TheoryData<string, string[]> BadContextLists => new()
    {
        { "VC 1.1 and 2.0 mixed", ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"] },
        { "OB context first", ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://www.w3.org/ns/credentials/v2"] },
        { "no VC context", ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"] },
        { "empty", [] },
    };

    [Theory]
    [MemberData(nameof(BadContextLists))]
    public async Task Ld03_ContextListNotStartingWithTheVcContextOrMixingVersions_Refused(string name, string[] contexts)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = Signed(key);
        signed["@context"] = new JsonArray([.. contexts.Select(c => (JsonNode)c)]);
        var result = await Verify(signed);
        Assert.False(result.Verified, name);
        Assert.Equal(ErrorCodes.MalformedValue, result[CheckNames.Format]!.Code);
    }

    // ---- LD-04: an inline context redefining protected terms ----

    [Theory]
    [InlineData("issuer", "https://evil.example/issuer")]
    [InlineData("name", "https://schema.org/familyName")]
    [InlineData("credentialSubject", "https://evil.example/subject")]
    public async Task Ld04_InlineContextRedefiningAProtectedTerm_Refused(string term, string iri)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = Signed(key);
        signed["@context"]!.AsArray().Add(new JsonObject { [term] = iri });
        var result = await Verify(signed);
        Assert.False(result.Verified);
        Assert.True(result[CheckNames.Proof]!.Code is ErrorCodes.ProtectedTermRedefinition or ErrorCodes.InlineContext, result[CheckNames.Proof]!.ToString());
    }

    // ---- LD-05: w3c/vc-data-integrity#272 with @base and with the undefined-terms context ----

    [Fact]
    public async Task Ld05_InlineBaseAddedAfterSigning_Refused()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = Signed(key);
        signed["@context"]!.AsArray().Add(new JsonObject { ["@base"] = "https://evil.example/" });
        var result = await Verify(signed);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.InlineContext, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task Ld05_UndefinedTermsContext_SwappingTwoValuesBreaksTheProof()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = Signed(key, beforeSigning: unsigned =>
        {
            unsigned["@context"]!.AsArray().Add("https://www.w3.org/ns/credentials/undefined-terms/v2");
            unsigned["credentialSubject"]!["firstName"] = "Amina";
            unsigned["credentialSubject"]!["middleName"] = "Gul";
        });
        Assert.True((await Verify(signed)).Verified, "the issuer's own document verifies");

        signed["credentialSubject"]!["firstName"] = "Gul";
        signed["credentialSubject"]!["middleName"] = "Amina";
        var result = await Verify(signed);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task Ld05_UndefinedTermsContextAppendedAfterSigning_CannotSmuggleAnUnsignedClaim()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = Signed(key);
        signed["@context"]!.AsArray().Add("https://www.w3.org/ns/credentials/undefined-terms/v2");
        signed["credentialSubject"]!["workAuthorized"] = true;
        var result = await Verify(signed);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
    }

    // ---- LD-07: relative IRIs with a null base, through the verifier ----

    [Theory]
    [InlineData("id", "../credentials/42")]
    [InlineData("credentialSubject.id", "amina")]
    [InlineData("credentialSubject.achievement.id", "../achievements/1")]
    public async Task Ld07_RelativeIri_DataLossDetectionError(string field, string value)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = Signed(key);
        var path = field.Split('.');
        var target = signed;
        foreach (var part in path[..^1])
        {
            target = target[part]!.AsObject();
        }

        target[path[^1]] = value;
        var result = await Verify(signed);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.DataLossDetection, result[CheckNames.Proof]!.Code);
    }

    // ---- LD-08: non-compacted forms are refused for application/vc, even when the issuer signed them ----

    public static TheoryData<string> NonCompacted => [
        "full IRI key next to issuer",
        "full IRI key for the achievement name",
        "@id instead of id",
        "@type instead of type",
        "@graph",
        "compact IRI key",
    ];

    [Theory]
    [MemberData(nameof(NonCompacted))]
    public async Task Ld08_NonCompactedFormSignedByTheIssuer_Refused(string form)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = Signed(key, beforeSigning: unsigned => MakeNonCompacted(unsigned, form));
        var result = await Verify(signed);
        Assert.False(result.Verified, form);
        Assert.Equal(ErrorCodes.MalformedValue, result[CheckNames.Format]!.Code);
        Assert.Contains("compacted", result[CheckNames.Format]!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NonCompacted))]
    public async Task Ld08_NonCompactedFormInAVcJose_Refused(string form)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var credential = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        MakeNonCompacted(credential, form);
        var token = VcJose.Secure(credential, key, key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase());
        var result = await Verifier.VerifyAsync(token, TestContext.Current.CancellationToken);
        Assert.False(result.Verified, form);
        Assert.Equal(ErrorCodes.MalformedValue, result[CheckNames.Format]!.Code);
    }

    [Fact]
    public async Task Ld08_ValueObjectsWithLanguageAndDirection_StayAccepted()
    {
        // VC 2.0 §11.1 expresses language and direction with value objects: compacted JSON-LD, so it verifies.
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = Signed(key, beforeSigning: unsigned =>
            unsigned["description"] = new JsonObject { ["@value"] = "برنامج الاستعداد للعمل", ["@language"] = "ar", ["@direction"] = "rtl" });
        var result = await Verify(signed);
        Assert.True(result.Verified, result.FirstProblem?.ToString());
    }

    private static void MakeNonCompacted(JsonObject credential, string form)
    {
        var subject = credential["credentialSubject"]!.AsObject();
        switch (form)
        {
            case "full IRI key next to issuer":
                credential["https://www.w3.org/2018/credentials#issuer"] = new JsonObject { ["@id"] = "did:web:rescue.example" };
                break;
            case "full IRI key for the achievement name":
                subject["achievement"]!["https://schema.org/name"] = "Registered Nurse";
                break;
            case "@id instead of id":
                subject["@id"] = (string)subject["id"]!;
                subject.Remove("id");
                break;
            case "@type instead of type":
                subject["@type"] = subject["type"]!.DeepClone();
                subject.Remove("type");
                break;
            case "@graph":
                credential["evidence"] = new JsonObject { ["@graph"] = new JsonArray(new JsonObject { ["id"] = "https://evidence.example/1", ["type"] = new JsonArray("Evidence") }) };
                break;
            default:
                credential["@context"]!.AsArray().Add(new JsonObject { ["schema"] = "https://schema.org/" });
                subject["schema:jobTitle"] = "Nurse";
                break;
        }
    }

    // ---- LD-12: array order in a signed document ----

    [Fact]
    public async Task Ld12_ReorderingAnArray_KeepsAnRdfcProof_BreaksAJcsProof()
    {
        // RDF has no order for non-@list arrays: an RDFC-1.0 proof signs the set, so a re-ordered evidence or alignment
        // array still verifies, and nothing shown may depend on the order. JCS signs the JSON bytes, so the order is signed.
        using var key = KeyPair.Generate(KeyType.Ed25519);
        void TwoOfEach(JsonObject unsigned)
        {
            unsigned["evidence"] = new JsonArray(
                new JsonObject { ["id"] = "https://evidence.example/1", ["type"] = new JsonArray("Evidence"), ["name"] = "Mock interview" },
                new JsonObject { ["id"] = "https://evidence.example/2", ["type"] = new JsonArray("Evidence"), ["name"] = "Forklift practical" });
            unsigned["credentialSubject"]!["achievement"]!["alignment"]!.AsArray().Add(new JsonObject
            {
                ["type"] = new JsonArray("Alignment"),
                ["targetName"] = "Speaking",
                ["targetUrl"] = "https://www.onetonline.org/find/descriptor/result/2.A.1.d",
                ["targetFramework"] = "O*NET",
                ["targetCode"] = "2.A.1.d",
            });
        }

        static void Reverse(JsonObject signed)
        {
            foreach (var array in new[] { signed["evidence"]!.AsArray(), signed["credentialSubject"]!["achievement"]!["alignment"]!.AsArray() })
            {
                var items = array.Select(i => i!.DeepClone()).Reverse().ToList();
                array.Clear();
                items.ForEach(array.Add);
            }
        }

        var rdfc = Signed(key, "eddsa-rdfc-2022", TwoOfEach);
        Reverse(rdfc);
        Assert.True((await Verify(rdfc)).Verified);

        var jcs = Signed(key, "eddsa-jcs-2022", TwoOfEach);
        Reverse(jcs);
        var result = await Verify(jcs);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
    }
}
