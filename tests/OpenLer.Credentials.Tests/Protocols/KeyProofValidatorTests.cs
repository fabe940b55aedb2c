using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vci;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Credentials.Tests.Protocols;

public sealed class KeyProofValidatorTests : IDisposable
{
    private const string Nonce = "c-nonce-1";
    private readonly KeyPair _ed = KeyPair.Generate(KeyType.Ed25519);
    private readonly KeyPair _p256 = KeyPair.Generate(KeyType.P256);
    private readonly KeyPair _other = KeyPair.Generate(KeyType.Ed25519);
    private readonly KeyProofValidator _validator = new(new FakeTimeProvider(ProtocolFixtures.Now));

    public void Dispose()
    {
        _ed.Dispose();
        _p256.Dispose();
        _other.Dispose();
    }

    private static KeyProofExpectations Expect(CredentialConfiguration? configuration = null) =>
        KeyProofExpectations.For(configuration ?? OpenLerCredentialConfigurations.WorkAuthorization(ProtocolFixtures.Vct, ["EdDSA"]), ProtocolFixtures.Issuer, n => n == Nonce);

    [Fact]
    public void EdDsaProofWithDidKey_GivesTheHolderKeyAndDid()
    {
        var result = _validator.Validate(ProtocolFixtures.Proof(_ed, Nonce), Expect());
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(_ed.PublicKey, result.Value.Key);
        Assert.Equal(_ed.PublicKey.ToDidKey(), result.Value.Did);
        Assert.Equal(Nonce, result.Value.Nonce);
    }

    [Fact]
    public void Es256ProofWithJwk_GivesTheKeyAndItsDidJwk()
    {
        var result = _validator.Validate(ProtocolFixtures.Proof(_p256, Nonce, useJwk: true), Expect());
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(_p256.PublicKey, result.Value.Key);
        Assert.Equal(DidJwk.For(_p256.PublicKey), result.Value.Did);
    }

    [Fact]
    public void ProofWithDidJwkKid_IsAccepted()
    {
        var did = DidJwk.For(_p256.PublicKey);
        var proof = ProtocolFixtures.Proof(_p256, Nonce, editHeader: h => h["kid"] = did + "#0");
        Assert.True(_validator.Validate(proof, Expect()).IsSuccess);
    }

    [Fact]
    public void JwkHeader_ForADidBoundCredential_IsRefused_WhenDidJwkIsNotListed()
    {
        var configuration = OpenLerCredentialConfigurations.OpenBadgeAsLdpVc() with { BindingMethods = ["did:key"] };
        Assert.Equal(OAuthErrorCodes.InvalidProof, _validator.Validate(ProtocolFixtures.Proof(_ed, Nonce, useJwk: true), Expect(configuration)).Error?.Code);
    }

    [Fact]
    public void StaleOrUnknownNonce_IsInvalidNonce() =>
        Assert.Equal(OAuthErrorCodes.InvalidNonce, _validator.Validate(ProtocolFixtures.Proof(_ed, "old-nonce"), Expect()).Error?.Code);

    [Fact]
    public void UnknownNonce_IsNotConsulted_UntilTheSignatureVerifies()
    {
        var asked = 0;
        var expectations = Expect() with { IsActiveNonce = _ => { asked++; return true; } };
        var forged = ProtocolFixtures.Proof(_ed, Nonce, signWith: _other);
        Assert.Equal(OAuthErrorCodes.InvalidProof, _validator.Validate(forged, expectations).Error?.Code);
        Assert.Equal(0, asked);
    }

    public static TheoryData<string, Func<KeyPair, KeyPair, string>> Refused => new()
    {
        { "signed by another key", (k, o) => ProtocolFixtures.Proof(k, Nonce, signWith: o) },
        { "alg none", (k, _) => Unsigned(k, "none") },
        { "alg HS256", (k, _) => ProtocolFixtures.Proof(k, Nonce, editHeader: h => h["alg"] = "HS256") },
        { "alg RS256", (k, _) => ProtocolFixtures.Proof(k, Nonce, editHeader: h => h["alg"] = "RS256") },
        { "alg ES256 on an Ed25519 key", (k, _) => ProtocolFixtures.Proof(k, Nonce, editHeader: h => h["alg"] = "ES256") },
        { "typ JWT", (k, _) => ProtocolFixtures.Proof(k, Nonce, editHeader: h => h["typ"] = "JWT") },
        { "no typ", (k, _) => ProtocolFixtures.Proof(k, Nonce, editHeader: h => h.Remove("typ")) },
        { "aud another issuer", (k, _) => ProtocolFixtures.Proof(k, Nonce, audience: "https://other.example") },
        { "aud missing", (k, _) => ProtocolFixtures.Proof(k, Nonce, editPayload: p => p.Remove("aud")) },
        { "iat missing", (k, _) => ProtocolFixtures.Proof(k, Nonce, editPayload: p => p.Remove("iat")) },
        { "iat ten minutes old", (k, _) => ProtocolFixtures.Proof(k, Nonce, issuedAt: ProtocolFixtures.Now.AddMinutes(-10)) },
        { "iat in the future", (k, _) => ProtocolFixtures.Proof(k, Nonce, issuedAt: ProtocolFixtures.Now.AddMinutes(10)) },
        { "nonce missing", (k, _) => ProtocolFixtures.Proof(k, Nonce, editPayload: p => p.Remove("nonce")) },
        { "kid and jwk", (k, _) => ProtocolFixtures.Proof(k, Nonce, editHeader: h => h["jwk"] = k.PublicKey.ToJwk()) },
        { "neither kid nor jwk", (k, _) => ProtocolFixtures.Proof(k, Nonce, editHeader: h => h.Remove("kid")) },
        { "jwk with private d", (k, _) => ProtocolFixtures.Proof(k, Nonce, useJwk: true, editHeader: h => h["jwk"] = k.ExportPrivateJwk()) },
        { "x5c", (k, _) => ProtocolFixtures.Proof(k, Nonce, editHeader: h => h["x5c"] = new JsonArray("MIIB")) },
        { "kid did:web", (k, _) => ProtocolFixtures.Proof(k, Nonce, editHeader: h => h["kid"] = "did:web:attacker.example#key-1") },
        { "kid not a DID", (k, _) => ProtocolFixtures.Proof(k, Nonce, editHeader: h => h["kid"] = "key-1") },
        { "kid of another did:key", (k, o) => ProtocolFixtures.Proof(k, Nonce, editHeader: h => h["kid"] = o.PublicKey.ToDidKey() + "#" + o.PublicKey.ToMultibase()) },
        { "crit header", (k, _) => ProtocolFixtures.Proof(k, Nonce, editHeader: h => h["crit"] = new JsonArray("exp")) },
        { "not a JWS", (_, _) => "not.a.jws" },
        { "a JWE", (_, _) => "a.b.c.d.e" },
        { "oversized", (k, _) => ProtocolFixtures.Proof(k, Nonce, editPayload: p => p["pad"] = new string('x', 9000)) },
        { "oversized header", (k, _) => ProtocolFixtures.Proof(k, Nonce, editHeader: h => h["pad"] = new string('x', 5000)) },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void BadProof_IsInvalidProof(string name, Func<KeyPair, KeyPair, string> make)
    {
        var result = _validator.Validate(make(_ed, _other), Expect());
        Assert.False(result.IsSuccess, name);
        Assert.Equal(OAuthErrorCodes.InvalidProof, result.Error.Code);
    }

    [Fact]
    public void ProofAlgorithmsOutsideTheConfiguration_AreRefused()
    {
        var configuration = OpenLerCredentialConfigurations.OpenBadgeAsLdpVc() with { ProofSigningAlgorithms = ["EdDSA"] };
        Assert.Equal(OAuthErrorCodes.InvalidProof, _validator.Validate(ProtocolFixtures.Proof(_p256, Nonce), Expect(configuration)).Error?.Code);
    }

    private static string Unsigned(KeyPair key, string alg) =>
        Jwt.Build(new JsonObject { ["typ"] = KeyProofValidator.ProofType, ["alg"] = alg, ["kid"] = key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase() },
            new JsonObject { ["aud"] = ProtocolFixtures.Issuer, ["iat"] = ProtocolFixtures.Now.ToUnixTimeSeconds(), ["nonce"] = Nonce }, _ => []);
}
