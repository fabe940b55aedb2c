using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Jose;

public class JoseVerificationTests
{
    private static readonly CredentialVerifier Verifier = new();

    private static JsonObject Header(string alg, KeyPair key, string typ = "vc+jwt") => new()
    {
        ["alg"] = alg,
        ["typ"] = typ,
        ["kid"] = key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase(),
    };

    private static async Task<VerificationResult> Verify(string token) =>
        await Verifier.VerifyAsync(token, TestContext.Current.CancellationToken);

    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.P256)]
    [InlineData(KeyType.P384)]
    public async Task VcJose_Secured_Verifies(KeyType type)
    {
        using var key = KeyPair.Generate(type);
        var credential = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        var token = VcJose.Secure(credential, key, key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase());
        var result = await Verify(token);
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        Assert.Equal(CredentialFormats.VcJose, result.Credential!.Format);
    }

    [Fact]
    public async Task VcJose_TamperedPayload_FailsProof()
    {
        using var key = KeyPair.Generate(KeyType.P256);
        var token = VcJose.Secure(TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), key, key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase());
        var parts = token.Split('.');
        var payload = StrictJson.ParseObject(Credentials.Encodings.Base64Url.Decode(parts[1]).Value).Value;
        payload["name"] = "Forklift Certified";
        var tampered = parts[0] + "." + Credentials.Encodings.Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(StrictJson.Serialize(payload))) + "." + parts[2];
        var result = await Verify(tampered);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    public async Task AlgNone_Refused(string alg)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var token = Jwt.Build(Header(alg, key), TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), _ => []);
        var result = await Verify(token);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UnsupportedAlgorithm, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task Hs256KeyedWithThePublicKey_Refused()
    {
        using var key = KeyPair.Generate(KeyType.P256);
        var credential = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        var secrets = new[]
        {
            System.Text.Encoding.UTF8.GetBytes(key.PublicKey.ToMultibase()),
            System.Text.Encoding.UTF8.GetBytes(StrictJson.Serialize(key.PublicKey.ToJwk())),
            key.PublicKey.Raw.ToArray(),
        };
        foreach (var secret in secrets)
        {
            var token = Jwt.Build(Header("HS256", key), credential, input => HMACSHA256.HashData(secret, input));
            var result = await Verify(token);
            Assert.False(result.Verified);
            Assert.Equal(ErrorCodes.UnsupportedAlgorithm, result[CheckNames.Proof]!.Code);
        }
    }

    [Fact]
    public async Task Es256SignatureOfZeros_Refused()
    {
        using var key = KeyPair.Generate(KeyType.P256);
        var token = Jwt.Build(Header("ES256", key), TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), _ => new byte[64]);
        var result = await Verify(token);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task AlgorithmNotMatchingTheKey_Refused()
    {
        using var key = KeyPair.Generate(KeyType.P384);
        var token = Jwt.Build(Header("ES256", key), TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), input => key.Sign(input));
        var result = await Verify(token);
        Assert.Equal(ErrorCodes.AlgorithmKeyMismatch, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task JwkHeaderInjectingAnAttackerKey_Refused()
    {
        using var issuer = KeyPair.Generate(KeyType.P256);
        using var attacker = KeyPair.Generate(KeyType.P256);
        var header = Header("ES256", issuer);
        header["jwk"] = attacker.PublicKey.ToJwk();
        var token = Jwt.Build(header, TestCredentials.OpenBadge(issuer.PublicKey.ToDidKey()), input => attacker.Sign(input));
        var result = await Verify(token);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UntrustedKeySource, result[CheckNames.VerificationMethod]!.Code);

        header.Remove("kid");
        token = Jwt.Build(header, TestCredentials.OpenBadge(issuer.PublicKey.ToDidKey()), input => attacker.Sign(input));
        result = await Verify(token);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UntrustedKeySource, result[CheckNames.VerificationMethod]!.Code);
    }

    [Fact]
    public async Task KidOfAnotherDid_Refused()
    {
        using var issuer = KeyPair.Generate(KeyType.Ed25519);
        using var attacker = KeyPair.Generate(KeyType.Ed25519);
        var token = Jwt.Build(Header("EdDSA", attacker), TestCredentials.OpenBadge(issuer.PublicKey.ToDidKey()), input => attacker.Sign(input));
        var result = await Verify(token);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UntrustedKeySource, result[CheckNames.VerificationMethod]!.Code);
    }

    [Theory]
    [InlineData("kb+jwt")]
    [InlineData("statuslist+jwt")]
    [InlineData("openid4vci-proof+jwt")]
    [InlineData("at+jwt")]
    public async Task OtherTokenTypes_RefusedAsNotACredential(string typ)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var token = Jwt.Build(Header("EdDSA", key, typ), TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), input => key.Sign(input));
        var result = await Verify(token);
        Assert.Equal(ErrorCodes.InvalidTokenType, result[CheckNames.Format]!.Code);
    }

    [Fact]
    public async Task VcJwt_IssClaimNotTheIssuer_RefusedAsClaimMismatch()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var payload = new JsonObject
        {
            ["iss"] = "did:web:rescue.example",
            ["vc"] = TestCredentials.OpenBadge(key.PublicKey.ToDidKey()),
        };
        var token = Jwt.Build(Header("EdDSA", key, "JWT"), payload, input => key.Sign(input));
        var result = await Verify(token);
        Assert.Equal(ErrorCodes.ClaimMismatch, result[CheckNames.Format]!.Code);
    }

    [Fact]
    public async Task VcJwt_OpenBadgesShape_Verifies()
    {
        using var key = KeyPair.Generate(KeyType.P256);
        var did = key.PublicKey.ToDidKey();
        var vc = TestCredentials.OpenBadge(did);
        var payload = new JsonObject
        {
            ["vc"] = vc,
            ["iss"] = did,
            ["jti"] = (string?)vc["id"],
            ["sub"] = "did:example:amina",
            ["nbf"] = DateTimeOffset.Parse("2026-01-15T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
        };
        var header = Header("ES256", key, "JWT");
        header["jwk"] = key.PublicKey.ToJwk();
        var result = await Verify(Jwt.Build(header, payload, input => key.Sign(input)));
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        Assert.Equal(CredentialFormats.VcJwt, result.Credential!.Format);
    }

    private static JsonObject Vc11(string did)
    {
        var vc = TestCredentials.OpenBadge(did);
        vc["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        vc.Remove("validFrom");
        return vc;
    }

    [Fact]
    public async Task VcJwt11_NbfIsTheIssuanceDate_NotValidFrom()
    {
        using var key = KeyPair.Generate(KeyType.P256);
        var did = key.PublicKey.ToDidKey();
        var payload = new JsonObject
        {
            ["vc"] = Vc11(did),
            ["iss"] = did,
            ["nbf"] = DateTimeOffset.Parse("2026-01-15T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
            ["exp"] = DateTimeOffset.Parse("2036-01-15T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
        };
        var result = await Verify(Jwt.Build(Header("ES256", key, "JWT"), payload, input => key.Sign(input)));
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        var credential = result.Credential!.Document;
        Assert.Equal("2026-01-15T00:00:00Z", (string?)credential["issuanceDate"]);
        Assert.Equal("2036-01-15T00:00:00Z", (string?)credential["expirationDate"]);
        Assert.False(credential.ContainsKey("validFrom"));
        Assert.False(credential.ContainsKey("validUntil"));
    }

    [Fact]
    public async Task VcJwt11_NbfDisagreeingWithIssuanceDate_IsAClaimMismatch()
    {
        using var key = KeyPair.Generate(KeyType.P256);
        var did = key.PublicKey.ToDidKey();
        var vc = Vc11(did);
        vc["issuanceDate"] = "2026-02-01T00:00:00Z";
        var payload = new JsonObject
        {
            ["vc"] = vc,
            ["iss"] = did,
            ["nbf"] = DateTimeOffset.Parse("2026-01-15T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
        };
        var result = await Verify(Jwt.Build(Header("ES256", key, "JWT"), payload, input => key.Sign(input)));
        Assert.Equal(ErrorCodes.ClaimMismatch, result[CheckNames.Format]!.Code);
    }

    [Fact]
    public async Task VcJwtSecure_IsVerified_AndItsClaimsFollowTheCredential()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var did = key.PublicKey.ToDidKey();
        var credential = TestCredentials.OpenBadge(did);
        var jwt = VcJwt.Secure(credential, key, did + "#" + key.PublicKey.ToMultibase()).Value;
        var payload = JsonNode.Parse(OpenLer.Credentials.Encodings.Base64Url.Decode(jwt.Split('.')[1]).Value)!;
        Assert.Equal(did, (string?)payload["iss"]);
        Assert.Equal("did:example:amina", (string?)payload["sub"]);
        Assert.Equal((string?)credential["id"], (string?)payload["jti"]);
        Assert.Equal(DateTimeOffset.Parse("2026-01-15T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), (long)payload["nbf"]!);
        var result = await Verify(jwt);
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        Assert.Equal(CredentialFormats.VcJwt, result.Credential!.Format);
    }

    [Fact]
    public async Task Jwe_Refused()
    {
        var result = await Verify("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d");
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UnrecognizedFormat, result[CheckNames.Format]!.Code);
    }
}
