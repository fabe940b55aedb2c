using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.SdJwt;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.SdJwt;

public sealed class SdJwtTests : IDisposable
{
    private const string Nonce = "n-0S6_WzA2Mj";
    private const string Audience = "https://employer.example";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly KeyPair _issuer = KeyPair.Generate(KeyType.Ed25519);
    private readonly KeyPair _holder = KeyPair.Generate(KeyType.P256);
    private readonly RandomNumberGenerator _random = RandomNumberGenerator.Create();

    public void Dispose()
    {
        _issuer.Dispose();
        _holder.Dispose();
        _random.Dispose();
    }

    private string IssuerDid => _issuer.PublicKey.ToDidKey();

    private string Kid => IssuerDid + "#" + _issuer.PublicKey.ToMultibase();

    private static KeyBindingRequirement Required => new() { Nonce = Nonce, Audience = Audience };

    private JsonObject Claims() => new()
    {
        ["iss"] = IssuerDid,
        ["vct"] = "https://openler.example/vct/work-readiness",
        ["given_name"] = "Amina",
        ["family_name"] = "Yusuf",
        ["nationalities"] = new JsonArray("SO", "KE"),
        ["address"] = new JsonObject { ["locality"] = "Tucson", ["region"] = "AZ", ["country"] = "US" },
        ["exp"] = Now.AddYears(1).ToUnixTimeSeconds(),
    };

    private IssuedSdJwt Issue(JsonObject? claims = null, string[]? sd = null, bool holder = true) =>
        SdJwtVc.Issue(claims ?? Claims(), _issuer, Kid, sd ?? ["given_name", "family_name", "nationalities.*", "address", "address.locality", "address.region"],
            _random, Now, holder ? _holder.PublicKey : null).Value;

    private static CredentialVerifier Verifier(KeyBindingRequirement? kb = null, DateTimeOffset? at = null) =>
        new(new CredentialVerifierOptions { TimeProvider = new FakeTimeProvider(at ?? Now), KeyBinding = kb });

    private static Task<VerificationResult> Verify(string input, CredentialVerifier verifier) =>
        verifier.VerifyAsync(input, TestContext.Current.CancellationToken);

    private string Present(IssuedSdJwt issued, params string[] disclose) =>
        SdJwtPresenter.Present(issued.Compact, disclose, _holder, Nonce, Audience, Now).Value;

    /// <summary>A hand-made SD-JWT: any payload, signed by the issuer with typ dc+sd-jwt, plus the given disclosures.</summary>
    private string Forge(JsonObject payload, IEnumerable<string> disclosures, string? alg = null, string typ = SdJwtVc.Type)
    {
        var header = new JsonObject { ["alg"] = alg ?? "EdDSA", ["typ"] = typ, ["kid"] = Kid };
        var jwt = Jwt.Build(header, payload, bytes => alg == "none" ? [] : _issuer.Sign(bytes));
        return jwt + "~" + string.Concat(disclosures.Select(d => d + "~"));
    }

    private static string Encode(JsonArray disclosure) => Base64Url.Encode(Encoding.UTF8.GetBytes(StrictJson.Serialize(disclosure)));

    private static string Digest(string disclosure) => SdHashAlgorithm.Sha256.Digest(disclosure);

    private JsonObject BasePayload() => new()
    {
        ["iss"] = IssuerDid,
        ["vct"] = "https://openler.example/vct/test",
        ["_sd_alg"] = "sha-256",
    };

    [Fact]
    public async Task IssuePresentVerify_DisclosesExactlyTheChosenClaims()
    {
        var issued = Issue();
        var presentation = Present(issued, "given_name", "address.region", "nationalities.1");
        var result = await Verify(presentation, Verifier(Required));
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        var claims = result.Credential!.Document;
        Assert.Equal("Amina", (string?)claims["given_name"]);
        Assert.False(claims.ContainsKey("family_name"));
        Assert.True(JsonNode.DeepEquals(new JsonArray("KE"), claims["nationalities"]));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["region"] = "AZ", ["country"] = "US" }, claims["address"]));
        Assert.False(claims.ContainsKey("_sd"));
        Assert.False(claims.ContainsKey("_sd_alg"));
        Assert.Equal(CheckStatus.Passed, result[CheckNames.HolderBinding]!.Status);
        Assert.Equal(CredentialFormats.SdJwtVc, result.Credential.Format);
    }

    [Fact]
    public async Task DisclosingNothing_ShowsOnlyTheClearClaims()
    {
        var result = await Verify(Present(Issue()), Verifier(Required));
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        var names = result.Credential!.Document.Select(p => p.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["cnf", "exp", "iat", "iss", "nationalities", "vct"], names);
        Assert.Empty(result.Credential.Document["nationalities"]!.AsArray());
    }

    [Fact]
    public async Task DisclosingAContainer_DisclosesEverythingInside()
    {
        var result = await Verify(Present(Issue(), "address"), Verifier(Required));
        Assert.True(result.Verified);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["locality"] = "Tucson", ["region"] = "AZ", ["country"] = "US" },
            result.Credential!.Document["address"]), result.Credential.Document["address"]!.ToJsonString());
    }

    [Fact]
    public void Issue_AddsDecoysAndSortsDigests()
    {
        var issued = Issue();
        var payload = StrictJson.ParseObject(Base64Url.Decode(issued.IssuerJwt.Split('.')[1]).Value).Value;
        var sd = payload["_sd"]!.AsArray().Select(d => (string)d!).ToArray();
        Assert.Equal(3 + 2, sd.Length); // given_name, family_name, address + 2 decoys
        Assert.Equal(sd.Order(StringComparer.Ordinal), sd);
        Assert.Equal("sha-256", (string?)payload["_sd_alg"]);
        Assert.Equal(7, issued.Disclosures.Count); // 2 names, 2 nationalities, address, locality, region
    }

    [Fact]
    public void Issue_RefusesToHideSdJwtVcControlClaims()
    {
        foreach (var claim in new[] { "iss", "vct", "exp", "status", "cnf" })
        {
            var claims = Claims();
            claims["status"] = new JsonObject { ["status_list"] = new JsonObject { ["idx"] = 1, ["uri"] = "https://x.example/l" } };
            var issued = SdJwtVc.Issue(claims, _issuer, Kid, [claim], _random, Now);
            Assert.False(issued.IsSuccess, claim);
            Assert.Equal(ErrorCodes.NotDisclosableClaim, issued.Error!.Code);
        }
    }

    [Fact]
    public void Issue_RefusesUnknownPathsAndReservedNames()
    {
        Assert.Equal(ErrorCodes.MalformedValue, SdJwtVc.Issue(Claims(), _issuer, Kid, ["middle_name"], _random, Now).Error!.Code);
        var claims = Claims();
        claims["..."] = 1;
        Assert.Equal(ErrorCodes.ReservedClaimName, SdJwtVc.Issue(claims, _issuer, Kid, [], _random, Now).Error!.Code);
    }

    [Fact]
    public void Salts_Are128BitsAndUniqueOver10000Issuances()
    {
        var issuer = new SdJwtIssuer(_random);
        var salts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            var issued = issuer.Issue(new JsonObject { ["a"] = i, ["b"] = "x" }, _issuer, new SdJwtIssueOptions { Disclosable = ["a", "b"], DecoysPerObject = 0 }).Value;
            foreach (var disclosure in issued.Disclosures)
            {
                Assert.True(Base64Url.Decode(disclosure.Salt).Value.Length >= 16);
                Assert.True(salts.Add(disclosure.Salt), "a salt repeated");
            }
        }

        Assert.Equal(20_000, salts.Count);
    }

    // ---- RFC 9901 §7 MUST checks, each as a negative test ----

    [Fact]
    public async Task UnreferencedDisclosure_IsRejected()
    {
        var extra = Encode(new JsonArray("c2FsdHNhbHRzYWx0", "extra", "x"));
        var presentation = Issue().Compact + extra + "~";
        var result = await Verify(presentation, Verifier());
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UnreferencedDisclosure, result[CheckNames.Disclosures]!.Code);
    }

    [Fact]
    public async Task RepeatedDisclosure_IsRejected()
    {
        var issued = Issue();
        var first = issued.Disclosures[0].Encoded;
        var result = await Verify(issued.Compact + first + "~", Verifier());
        Assert.Equal(ErrorCodes.DuplicateDigest, result[CheckNames.Disclosures]!.Code);
    }

    [Fact]
    public async Task DigestRepeatedInThePayload_IsRejected()
    {
        var d = Encode(new JsonArray("c2FsdHNhbHRzYWx0", "given_name", "Amina"));
        var payload = BasePayload();
        payload["_sd"] = new JsonArray(Digest(d));
        payload["address"] = new JsonObject { ["_sd"] = new JsonArray(Digest(d)) };
        var result = await Verify(Forge(payload, [d]), Verifier());
        Assert.Equal(ErrorCodes.DuplicateDigest, result[CheckNames.Disclosures]!.Code);
    }

    [Theory]
    [InlineData("_sd")]
    [InlineData("...")]
    public async Task ReservedClaimNameInADisclosure_IsRejected(string name)
    {
        var d = Encode(new JsonArray("c2FsdHNhbHRzYWx0", name, "x"));
        var payload = BasePayload();
        payload["_sd"] = new JsonArray(Digest(d));
        var result = await Verify(Forge(payload, [d]), Verifier());
        Assert.Equal(ErrorCodes.ReservedClaimName, result[CheckNames.Disclosures]!.Code);
    }

    [Fact]
    public async Task ClaimNameCollision_IsRejected()
    {
        var d = Encode(new JsonArray("c2FsdHNhbHRzYWx0", "given_name", "Mallory"));
        var payload = BasePayload();
        payload["given_name"] = "Amina";
        payload["_sd"] = new JsonArray(Digest(d));
        var result = await Verify(Forge(payload, [d]), Verifier());
        Assert.Equal(ErrorCodes.ClaimNameCollision, result[CheckNames.Disclosures]!.Code);
    }

    [Fact]
    public async Task TwoElementDisclosureForAnObjectProperty_IsRejected()
    {
        var d = Encode(new JsonArray("c2FsdHNhbHRzYWx0", "Amina"));
        var payload = BasePayload();
        payload["_sd"] = new JsonArray(Digest(d));
        var result = await Verify(Forge(payload, [d]), Verifier());
        Assert.Equal(ErrorCodes.MalformedDisclosure, result[CheckNames.Disclosures]!.Code);
    }

    [Fact]
    public async Task ThreeElementDisclosureForAnArrayElement_IsRejected()
    {
        var d = Encode(new JsonArray("c2FsdHNhbHRzYWx0", "nationality", "SO"));
        var payload = BasePayload();
        payload["nationalities"] = new JsonArray(new JsonObject { ["..."] = Digest(d) });
        var result = await Verify(Forge(payload, [d]), Verifier());
        Assert.Equal(ErrorCodes.MalformedDisclosure, result[CheckNames.Disclosures]!.Code);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[\"salt\"]")]
    [InlineData("[\"s\",\"a\",\"b\",\"c\"]")]
    [InlineData("[1,\"name\",\"v\"]")]
    [InlineData("{\"salt\":\"s\"}")]
    public async Task MalformedDisclosure_IsRejected(string json)
    {
        var d = Base64Url.Encode(Encoding.UTF8.GetBytes(json));
        var payload = BasePayload();
        payload["_sd"] = new JsonArray(Digest(d));
        var result = await Verify(Forge(payload, [d]), Verifier());
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.MalformedDisclosure, result[CheckNames.Disclosures]!.Code);
    }

    [Fact]
    public async Task UnsupportedSdAlg_IsRejected()
    {
        var payload = BasePayload();
        payload["_sd_alg"] = "md5";
        var result = await Verify(Forge(payload, []), Verifier());
        Assert.Equal(ErrorCodes.UnsupportedDigestAlgorithm, result[CheckNames.Disclosures]!.Code);
    }

    [Fact]
    public async Task AlgNone_IsRejected()
    {
        var result = await Verify(Forge(BasePayload(), [], alg: "none"), Verifier());
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UnsupportedAlgorithm, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task TamperedPayload_IsRejected()
    {
        var parts = Issue().Compact.Split('.');
        var payload = StrictJson.ParseObject(Base64Url.Decode(parts[1]).Value).Value;
        payload["exp"] = Now.AddYears(50).ToUnixTimeSeconds();
        parts[1] = Base64Url.Encode(Encoding.UTF8.GetBytes(StrictJson.Serialize(payload)));
        var result = await Verify(string.Join('.', parts), Verifier());
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task KeyBindingStripped_WhenRequired_IsRejected()
    {
        var withKb = Present(Issue(), "given_name");
        var stripped = withKb[..(withKb.LastIndexOf('~') + 1)];
        var result = await Verify(stripped, Verifier(Required));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.KeyBindingRequired, result[CheckNames.HolderBinding]!.Code);
        Assert.True((await Verify(stripped, Verifier())).Verified, "without a key-binding policy the SD-JWT itself verifies");
    }

    [Fact]
    public async Task KeyBindingRequired_RefusesOtherFormats()
    {
        var result = await Verify(StrictJson.Serialize(TestCredentials.SignedOpenBadge(_issuer)), Verifier(Required));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.KeyBindingRequired, result.FirstProblem!.Code);
    }

    [Theory]
    [InlineData("other-nonce", Audience, ErrorCodes.KeyBindingNonce)]
    [InlineData(Nonce, "https://someone-else.example", ErrorCodes.KeyBindingAudience)]
    public async Task WrongNonceOrAudience_IsRejected(string nonce, string audience, string code)
    {
        var presentation = SdJwtPresenter.Present(Issue().Compact, ["given_name"], _holder, nonce, audience, Now).Value;
        var result = await Verify(presentation, Verifier(Required));
        Assert.False(result.Verified);
        Assert.Equal(code, result[CheckNames.HolderBinding]!.Code);
    }

    [Fact]
    public async Task WrongSdHash_IsRejected()
    {
        // The KB-JWT was made for a presentation with two disclosures; one is removed afterwards.
        var presentation = Present(Issue(), "given_name", "family_name");
        var parts = presentation.Split('~').ToList();
        parts.RemoveAt(1);
        var result = await Verify(string.Join('~', parts), Verifier(Required));
        Assert.Equal(ErrorCodes.KeyBindingSdHash, result[CheckNames.HolderBinding]!.Code);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(-11)]
    public async Task StaleOrFutureIat_IsRejected(int verifierClockMinutes)
    {
        // The KB-JWT is made at Now; the verifier's clock is 11 minutes later (stale) or earlier (issued in the future).
        var presentation = Present(Issue(), "given_name");
        var result = await Verify(presentation, Verifier(Required, Now.AddMinutes(verifierClockMinutes)));
        Assert.Equal(ErrorCodes.KeyBindingIssuedAt, result[CheckNames.HolderBinding]!.Code);
    }

    [Fact]
    public async Task KeyBindingSignedByAnotherKey_IsRejected()
    {
        using var thief = KeyPair.Generate(KeyType.P256);
        var presentation = SdJwtPresenter.Present(Issue().Compact, ["given_name"], thief, Nonce, Audience, Now).Value;
        var result = await Verify(presentation, Verifier(Required));
        Assert.Equal(ErrorCodes.KeyBindingInvalid, result[CheckNames.HolderBinding]!.Code);
    }

    [Fact]
    public async Task KeyBindingWithWrongTyp_IsRejected()
    {
        var sdJwt = SdJwtPresenter.Present(Issue().Compact, ["given_name"], null, null, null, Now).Value;
        var kb = Jwt.Build(new JsonObject { ["alg"] = "ES256", ["typ"] = "JWT" }, new JsonObject
        {
            ["iat"] = Now.ToUnixTimeSeconds(), ["aud"] = Audience, ["nonce"] = Nonce, ["sd_hash"] = Digest(sdJwt),
        }, bytes => _holder.Sign(bytes));
        var result = await Verify(sdJwt + kb, Verifier(Required));
        Assert.Equal(ErrorCodes.KeyBindingInvalid, result[CheckNames.HolderBinding]!.Code);
    }

    [Fact]
    public async Task KeyBindingWithoutCnf_IsRejected()
    {
        var issued = Issue(holder: false);
        var presentation = SdJwtPresenter.Present(issued.Compact, ["given_name"], _holder, Nonce, Audience, Now).Value;
        var result = await Verify(presentation, Verifier(Required));
        Assert.Equal(ErrorCodes.KeyBindingInvalid, result[CheckNames.HolderBinding]!.Code);
    }

    // ---- SD-JWT VC rules ----

    [Theory]
    [InlineData("exp", CheckNames.Disclosures, ErrorCodes.NotDisclosableClaim)]
    [InlineData("vct", CheckNames.Format, ErrorCodes.MalformedValue)]
    public async Task SelectivelyDisclosableControlClaim_IsRejected(string claim, string check, string code)
    {
        var issued = new SdJwtIssuer(_random).Issue(Claims(), _issuer, new SdJwtIssueOptions { Disclosable = [claim], Type = SdJwtVc.Type, KeyId = Kid }).Value;
        var result = await Verify(issued.Compact, Verifier());
        Assert.False(result.Verified);
        Assert.Equal(code, result[check]!.Code);
    }

    [Theory]
    [InlineData(SdJwtVc.LegacyType, true)]
    [InlineData("example+sd-jwt", false)]
    [InlineData("JWT", false)]
    public async Task TokenType_DcSdJwtOrLegacyVcSdJwt(string typ, bool accepted)
    {
        var result = await Verify(Forge(BasePayload(), [], typ: typ), Verifier());
        Assert.Equal(accepted, result.Verified);
        if (!accepted)
        {
            Assert.Equal(ErrorCodes.InvalidTokenType, result.FirstProblem!.Code);
        }
    }

    [Fact]
    public async Task ExpiredSdJwtVc_Fails()
    {
        var result = await Verify(Issue().Compact, Verifier(at: Now.AddYears(2)));
        Assert.Equal(ErrorCodes.CredentialExpired, result[CheckNames.ValidityPeriod]!.Code);
    }

    [Fact]
    public async Task KidOfAnotherDid_IsRejected()
    {
        using var other = KeyPair.Generate(KeyType.Ed25519);
        var claims = Claims();
        var issued = SdJwtVc.Issue(claims, other, other.PublicKey.ToDidKey() + "#" + other.PublicKey.ToMultibase(), [], _random, Now).Value;
        var result = await Verify(issued.Compact, Verifier());
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UntrustedKeySource, result[CheckNames.VerificationMethod]!.Code);
    }

    [Fact]
    public void Presenter_RefusesUnknownClaims() =>
        Assert.False(SdJwtPresenter.Present(Issue().Compact, ["middle_name"], _holder, Nonce, Audience, Now).IsSuccess);

    [Fact]
    public void PlainVerifier_ChecksSignatureValidityAndDisclosures()
    {
        var issued = Issue();
        var ok = SdJwtVerifier.Verify(issued.Compact, _issuer.PublicKey, null, Now);
        Assert.True(ok.Verified, ok.ToString());
        Assert.Equal(7, ok.Processed!.Disclosed.Count);
        var expired = SdJwtVerifier.Verify(issued.Compact, _issuer.PublicKey, null, Now.AddYears(2));
        Assert.False(expired.Verified);
        Assert.Equal(ErrorCodes.CredentialExpired, expired.FirstProblem!.Code);
        using var other = KeyPair.Generate(KeyType.Ed25519);
        Assert.Equal(ErrorCodes.ProofVerification, SdJwtVerifier.Verify(issued.Compact, other.PublicKey, null, Now).FirstProblem!.Code);
    }
}
