using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Verification;

public class CredentialVerifierTests
{
    private static readonly CredentialVerifier Verifier = new();

    private static async Task<VerificationResult> Verify(JsonObject credential, CredentialVerifier? verifier = null) =>
        await (verifier ?? Verifier).VerifyAsync(StrictJson.Serialize(credential), TestContext.Current.CancellationToken);

    [Theory]
    [InlineData(KeyType.Ed25519, "eddsa-jcs-2022")]
    [InlineData(KeyType.P256, "ecdsa-jcs-2019")]
    [InlineData(KeyType.P384, "ecdsa-jcs-2019")]
    public async Task Signed_Verifies_WithEveryCheckReported(KeyType type, string suite)
    {
        using var key = KeyPair.Generate(type);
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), key, suite: suite);
        var result = await Verify(signed);
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        Assert.Equal(
            [CheckNames.Format, CheckNames.Proof, CheckNames.VerificationMethod, CheckNames.ValidityPeriod, CheckNames.OpenBadges, CheckNames.Status, CheckNames.Schema, CheckNames.IssuerTrust],
            result.Checks.Select(c => c.Name));
    }

    [Fact]
    public async Task ReorderedAndReformatted_StillVerifies()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = TestCredentials.SignedOpenBadge(key);
        var reordered = new JsonObject();
        foreach (var (name, value) in signed.Reverse())
        {
            reordered[name] = value?.DeepClone();
        }

        var result = await Verifier.VerifyAsync(StrictJson.Serialize(reordered, indented: true), TestContext.Current.CancellationToken);
        Assert.True(result.Verified, result.FirstProblem?.ToString());
    }

    [Theory]
    [InlineData("name")]
    [InlineData("validFrom")]
    [InlineData("credentialSubject.id")]
    [InlineData("credentialSubject.achievement.name")]
    public async Task Tampered_FailsWithProofVerificationError(string field)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = TestCredentials.SignedOpenBadge(key);
        var path = field.Split('.');
        var target = signed;
        foreach (var part in path[..^1])
        {
            target = target[part]!.AsObject();
        }

        target[path[^1]] = path[^1] == "validFrom" ? "2025-01-15T00:00:00Z" : "Forklift Operator";
        var result = await Verify(signed);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task WrongKey_FailsWithProofVerificationError()
    {
        using var issuer = KeyPair.Generate(KeyType.Ed25519);
        using var other = KeyPair.Generate(KeyType.Ed25519);
        var did = issuer.PublicKey.ToDidKey();
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(did), other, verificationMethod: did + "#" + issuer.PublicKey.ToMultibase());
        var result = await Verify(signed);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
        Assert.Equal(CheckStatus.Passed, result[CheckNames.VerificationMethod]!.Status);
    }

    [Fact]
    public async Task KeyNotInTheIssuersDidDocument_FailsVerificationMethod()
    {
        using var attacker = KeyPair.Generate(KeyType.Ed25519);
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"), attacker);
        var result = await Verify(signed);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.VerificationMethodNotControlledByIssuer, result[CheckNames.VerificationMethod]!.Code);
        Assert.Equal(CheckStatus.Passed, result[CheckNames.Proof]!.Status);
    }

    [Fact]
    public async Task KeyOnlyUnderAuthentication_FailsAsNotAuthorizedForAssertion()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var did = "did:web:rescue.example";
        var document = new JsonObject
        {
            ["id"] = did,
            ["verificationMethod"] = new JsonArray(new JsonObject
            {
                ["id"] = did + "#key-1", ["type"] = "Multikey", ["controller"] = did, ["publicKeyMultibase"] = key.PublicKey.ToMultibase(),
            }),
            ["authentication"] = new JsonArray(did + "#key-1"),
        };
        var verifier = WithDidWeb("https://rescue.example/.well-known/did.json", document);
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(did), key, verificationMethod: did + "#key-1");
        var result = await Verify(signed, verifier);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.InvalidRelationshipForVerificationMethod, result[CheckNames.VerificationMethod]!.Code);
    }

    [Fact]
    public async Task DidWebIssuer_Verifies_ThroughTheInjectedFetcher()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var did = DidWeb.For("rescue.example", "/orgs/tucson");
        var verifier = WithDidWeb("https://rescue.example/orgs/tucson/did.json",
            DidWebDocumentBuilder.Build(did, [new PublishedKey("key-1", key.PublicKey)]));
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(did), key, verificationMethod: did + "#key-1");
        var result = await Verify(signed, verifier);
        Assert.True(result.Verified, result.FirstProblem?.ToString());
    }

    [Fact]
    public async Task DidWebIssuerOnLoopback_CouldNotCheckTheProof()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var fetcher = new RecordingFetcher();
        var resolver = new DidResolver(new DidWebResolver(fetcher));
        var verifier = new CredentialVerifier(new CredentialVerifierOptions
        {
            DidResolver = resolver,
            VerificationMethods = new DidVerificationMethodResolver(resolver),
        });
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge("did:web:127.0.0.1"), key, verificationMethod: "did:web:127.0.0.1#key-1");
        var result = await Verify(signed, verifier);
        Assert.False(result.Verified);
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.Proof]!.Status);
        Assert.Equal(ErrorCodes.ForbiddenNetworkAddress, result[CheckNames.VerificationMethod]!.Code);
        Assert.Empty(fetcher.Requests);
    }

    [Fact]
    public async Task TruncatedMultibaseInVerificationMethod_Refused()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var did = key.PublicKey.ToDidKey();
        var truncated = did[..^4];
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(truncated), key, verificationMethod: truncated + "#" + truncated[8..]);
        var result = await Verify(signed);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.InvalidKeyLength, result[CheckNames.VerificationMethod]!.Code);
    }

    [Fact]
    public async Task TruncatedProofValue_RefusedAsMalformedProof()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = TestCredentials.SignedOpenBadge(key);
        var proofValue = (string)signed["proof"]!["proofValue"]!;
        signed["proof"]!["proofValue"] = proofValue[..^10];
        var result = await Verify(signed);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.MalformedProof, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task UnknownMulticodecIssuer_Refused()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        const string secp256k1 = "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme";
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(secp256k1), key, verificationMethod: secp256k1 + "#zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme");
        var result = await Verify(signed);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UnknownMulticodec, result[CheckNames.VerificationMethod]!.Code);
    }

    [Fact]
    public async Task DidKeyOfWrongLength_Refused()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var bytes = Credentials.Encodings.Multibase.Decode(key.PublicKey.ToMultibase()).Value;
        var wrong = Credentials.Encodings.Multibase.EncodeBase58Btc(bytes.AsSpan(0, bytes.Length - 2));
        var did = "did:key:" + wrong;
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(did), key, verificationMethod: did + "#" + wrong);
        var result = await Verify(signed);
        Assert.Equal(ErrorCodes.InvalidKeyLength, result[CheckNames.VerificationMethod]!.Code);
    }

    [Fact]
    public async Task OverSizeCap_RefusedWithoutParsing()
    {
        var verifier = new CredentialVerifier(new CredentialVerifierOptions { Limits = new JsonLimits { MaxBytes = 4096 } });
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var credential = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        credential["description"] = new string('x', 5000);
        var result = await Verify(TestCredentials.Sign(credential, key), verifier);
        Assert.Equal(ErrorCodes.DocumentTooLarge, result[CheckNames.Format]!.Code);

        var defaultCap = await Verifier.VerifyAsync("{\"a\":\"" + new string('x', JsonLimits.DefaultMaxBytes) + "\"}", TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.DocumentTooLarge, defaultCap[CheckNames.Format]!.Code);
    }

    [Fact]
    public async Task NestedDeeperThanCap_Refused()
    {
        var deep = "{\"type\":\"VerifiableCredential\",\"x\":" + new string('[', 1000) + new string(']', 1000) + "}";
        var result = await Verifier.VerifyAsync(deep, TestContext.Current.CancellationToken);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.DocumentTooDeep, result[CheckNames.Format]!.Code);
    }

    [Fact]
    public async Task DuplicateJsonKeys_Refused()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var json = StrictJson.Serialize(TestCredentials.SignedOpenBadge(key));
        var duplicated = json.Insert(1, "\"issuer\":\"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2\",");
        var result = await Verifier.VerifyAsync(duplicated, TestContext.Current.CancellationToken);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.DuplicateJsonKey, result[CheckNames.Format]!.Code);
    }

    [Fact]
    public async Task ProofSetWithOneBadProof_NotVerified()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = TestCredentials.SignedOpenBadge(key);
        var twice = TestCredentials.Sign(signed, key, created: new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.True((await Verify(twice)).Verified);
        twice["proof"]!.AsArray()[1]!["proofValue"] = (string)twice["proof"]!.AsArray()[0]!["proofValue"]!;
        var result = await Verify(twice);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
    }

    [Theory]
    [InlineData("[]", ErrorCodes.MalformedProof)]
    [InlineData("""{"type":"DataIntegrityProof","cryptosuite":"eddsa-2099"}""", ErrorCodes.UnsupportedCryptosuite)]
    public async Task UnusableProof_NotVerified(string proof, string code)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = TestCredentials.SignedOpenBadge(key);
        signed["proof"] = JsonNode.Parse(proof);
        var result = await Verify(signed);
        Assert.False(result.Verified);
        Assert.Equal(code, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task Unsigned_NotVerified()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var result = await Verify(TestCredentials.OpenBadge(key.PublicKey.ToDidKey()));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.MalformedProof, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task AuthenticationPurposeOnACredential_Refused()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var did = key.PublicKey.ToDidKey();
        var signer = new DataIntegritySigner();
        var signed = signer.Sign(TestCredentials.OpenBadge(did), key, new ProofOptions
        {
            Cryptosuite = "eddsa-jcs-2022",
            VerificationMethod = did + "#" + key.PublicKey.ToMultibase(),
            ProofPurpose = "authentication",
        }).Value;
        var result = await Verify(signed);
        Assert.Equal(ErrorCodes.MismatchedProofPurpose, result[CheckNames.Proof]!.Code);
    }

    [Theory]
    [InlineData("2026-06-01T00:00:00Z", null, true, null)]
    [InlineData("2026-06-01T00:00:00Z", "2026-05-31T23:59:59Z", false, ErrorCodes.CredentialExpired)]
    [InlineData("2026-01-14T23:57:00Z", null, true, null)] // validFrom 3 min ahead: inside the 5 min skew
    [InlineData("2026-01-14T23:50:00Z", null, false, ErrorCodes.CredentialNotYetValid)]
    [InlineData("2026-06-01T00:00:00Z", "2024-02-30T25:61:00Z", false, ErrorCodes.MalformedValue)]
    [InlineData("2026-06-01T00:00:00Z", "2026-07-01T00:00:00", true, null)] // no offset: read as UTC
    public async Task ValidityPeriod_IsChecked(string now, string? validUntil, bool verified, string? code)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var credential = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        if (validUntil is not null)
        {
            credential["validUntil"] = validUntil;
        }

        var signed = TestCredentials.Sign(credential, key, created: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        var verifier = new CredentialVerifier(new CredentialVerifierOptions { TimeProvider = clock });
        var result = await Verify(signed, verifier);
        Assert.Equal(verified, result.Verified);
        Assert.Equal(code, result[CheckNames.ValidityPeriod]!.Code);
    }

    [Fact]
    public async Task StatusEntryWithoutAStatusChecker_CouldNotCheck_NotVerified()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var credential = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        credential["credentialStatus"] = new JsonObject
        {
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = "revocation",
            ["statusListIndex"] = "94567",
            ["statusListCredential"] = "https://rescue.example/status/1",
        };
        var result = await Verify(TestCredentials.Sign(credential, key));
        Assert.False(result.Verified);
        Assert.Equal(CheckStatus.CouldNotCheck, result[CheckNames.Status]!.Status);
    }

    [Fact]
    public async Task UntrustedIssuer_FailsOnlyWhenTrustIsRequired()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = TestCredentials.SignedOpenBadge(key);
        var trust = new FixedTrustList([]);
        var lenient = await Verify(signed, new CredentialVerifier(new CredentialVerifierOptions { TrustList = trust }));
        Assert.True(lenient.Verified);
        Assert.Equal(CheckStatus.Failed, lenient[CheckNames.IssuerTrust]!.Status);
        var strict = await Verify(signed, new CredentialVerifier(new CredentialVerifierOptions { TrustList = trust, RequireTrustedIssuer = true }));
        Assert.False(strict.Verified);
        Assert.Equal(ErrorCodes.UntrustedIssuer, strict.FirstProblem!.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("[1,2]")]
    [InlineData("{\"type\":\"VerifiablePresentation\"}")]
    public async Task NotACredential_RefusedAsAValue(string input)
    {
        var result = await Verifier.VerifyAsync(input, TestContext.Current.CancellationToken);
        Assert.False(result.Verified);
        Assert.NotNull(result[CheckNames.Format]!.Code);
    }

    private static CredentialVerifier WithDidWeb(string url, JsonObject document)
    {
        var fetcher = new RecordingFetcher(new Dictionary<string, byte[]> { [url] = System.Text.Encoding.UTF8.GetBytes(StrictJson.Serialize(document)) });
        var resolver = new DidResolver(new DidWebResolver(fetcher));
        return new CredentialVerifier(new CredentialVerifierOptions
        {
            DidResolver = resolver,
            VerificationMethods = new DidVerificationMethodResolver(resolver),
        });
    }

    private sealed class FixedTrustList(string[] trusted) : IIssuerTrustList
    {
        public ValueTask<CheckResult> CheckAsync(string issuerId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(trusted.Contains(issuerId)
                ? CheckResult.Pass(CheckNames.IssuerTrust, "Known issuer.")
                : CheckResult.Fail(CheckNames.IssuerTrust, ErrorCodes.UntrustedIssuer, "The issuer is not in the trust list."));
    }
}
