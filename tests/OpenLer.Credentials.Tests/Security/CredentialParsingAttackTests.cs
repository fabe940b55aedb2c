using System.Buffers.Binary;
using System.Security.Cryptography;
using CertificateRequest = System.Security.Cryptography.X509Certificates.CertificateRequest;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Security;

/// <summary>
/// docs/security.md, section CP (SECURITY.md §4.A): the credential-parsing and proof attacks the older tests did not send
/// yet. Each test feeds the attack to the verifier and asserts the refusal and its code.
/// </summary>
public class CredentialParsingAttackTests
{
    private static readonly CredentialVerifier Offline = new();

    private static JsonObject Header(string alg, KeyPair key, string typ = "vc+jwt") => new()
    {
        ["alg"] = alg,
        ["typ"] = typ,
        ["kid"] = key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase(),
    };

    private static Task<VerificationResult> Verify(string input, CredentialVerifier? verifier = null) =>
        (verifier ?? Offline).VerifyAsync(input, TestContext.Current.CancellationToken);

    private static Task<VerificationResult> Verify(JsonObject credential, CredentialVerifier? verifier = null) =>
        Verify(StrictJson.Serialize(credential), verifier);

    /// <summary>A verifier whose network door is a recording fetcher: what it would have fetched is in the list.</summary>
    private static CredentialVerifier Networked(IHttpsFetcher fetcher)
    {
        var resolver = new DidResolver(new DidWebResolver(fetcher));
        return new CredentialVerifier(new CredentialVerifierOptions
        {
            DidResolver = resolver,
            VerificationMethods = new SchemeVerificationMethodResolver(new DidVerificationMethodResolver(resolver), new HttpsVerificationMethodResolver(fetcher)),
        });
    }

    // ---- CP-02: HMAC keyed with the issuer's public key, in every encoding an attacker would try ----

    public static TheoryData<KeyType, string, string> HmacSecrets()
    {
        var data = new TheoryData<KeyType, string, string>();
        foreach (var type in new[] { KeyType.Ed25519, KeyType.P256 })
        {
            foreach (var form in new[] { "pem", "pem with leading whitespace", "jwk json", "multibase", "ssh public key line", "raw bytes" })
            {
                foreach (var alg in new[] { "HS256", "HS384", "HS512" })
                {
                    data.Add(type, form, alg);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HmacSecrets))]
    public async Task Cp02_HmacKeyedWithThePublicKey_RefusedWhateverItsEncoding(KeyType type, string form, string alg)
    {
        using var key = KeyPair.Generate(type);
        var secret = form switch
        {
            "pem" => Encoding.ASCII.GetBytes(Pem(key.PublicKey)),
            "pem with leading whitespace" => Encoding.ASCII.GetBytes(" \n\t" + Pem(key.PublicKey)),
            "jwk json" => Encoding.UTF8.GetBytes(StrictJson.Serialize(key.PublicKey.ToJwk())),
            "multibase" => Encoding.ASCII.GetBytes(key.PublicKey.ToMultibase()),
            "ssh public key line" => Encoding.ASCII.GetBytes(SshLine(key.PublicKey)),
            _ => key.PublicKey.Raw.ToArray(),
        };
        Func<byte[], byte[]> mac = alg switch
        {
            "HS256" => input => HMACSHA256.HashData(secret, input),
            "HS384" => input => HMACSHA384.HashData(secret, input),
            _ => input => HMACSHA512.HashData(secret, input),
        };
        var token = Jwt.Build(Header(alg, key), TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), mac);

        var result = await Verify(token);

        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UnsupportedAlgorithm, result[CheckNames.Proof]!.Code);
    }

    // ---- CP-03: an algorithm that is not the key's own ----

    public static TheoryData<string, KeyType, string> Mismatches => new()
    {
        { "ES256 header, Ed25519 key", KeyType.Ed25519, "ES256" },
        { "ES384 header, Ed25519 key", KeyType.Ed25519, "ES384" },
        { "EdDSA header, P-256 key", KeyType.P256, "EdDSA" },
        { "ES384 header, P-256 key", KeyType.P256, "ES384" },
        { "ES256 header, P-384 key", KeyType.P384, "ES256" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public async Task Cp03_AlgorithmNotTheKeysOwn_AlgorithmKeyMismatch(string name, KeyType type, string alg)
    {
        using var key = KeyPair.Generate(type);
        var token = Jwt.Build(Header(alg, key), TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), input => key.Sign(input));
        var result = await Verify(token);
        Assert.False(result.Verified, name);
        Assert.Equal(ErrorCodes.AlgorithmKeyMismatch, result[CheckNames.Proof]!.Code);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS256")]
    [InlineData("RS512")]
    public async Task Cp03_Rsa1024SignatureUnderTheIssuersKid_UnsupportedAlgorithm(string alg)
    {
        using var issuer = KeyPair.Generate(KeyType.P256);
        using var rsa = RSA.Create(1024);
        var padding = alg.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        var hash = alg.EndsWith("512", StringComparison.Ordinal) ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        var token = Jwt.Build(Header(alg, issuer), TestCredentials.OpenBadge(issuer.PublicKey.ToDidKey()), input => rsa.SignData(input, hash, padding));
        var result = await Verify(token);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UnsupportedAlgorithm, result[CheckNames.Proof]!.Code);
    }

    // ---- CP-04: keys offered by the token itself (jwk, jku, x5u, x5c) are never trusted nor fetched ----

    [Fact]
    public async Task Cp04_JkuX5uX5cAndJwkHeaders_NeverTrustedNorFetched_EvenWithTheNetworkOpenToLoopback()
    {
        using var issuer = KeyPair.Generate(KeyType.P256);
        using var attacker = KeyPair.Generate(KeyType.P256);
        var attackerJwks = StrictJson.Serialize(new JsonObject { ["keys"] = new JsonArray(attacker.PublicKey.ToJwk()) });
        using var honeypot = new LoopbackHoneypot(attackerJwks);

        // The most permissive door the library has: HTTPS to any host, loopback and private networks included.
        using var door = new SafeHttpsFetcher(allowPrivateNetworks: true);
        var trustedDid = "did:web:rescue.example";
        var didDocument = DidWebDocumentBuilder.Build(trustedDid, [new PublishedKey("key-1", issuer.PublicKey)]);
        var documents = new MappedHttpsFetcher(new Dictionary<string, byte[]>
        {
            ["https://rescue.example/.well-known/did.json"] = Encoding.UTF8.GetBytes(StrictJson.Serialize(didDocument)),
        }, door);
        var verifier = Networked(documents);

        using var certificateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var selfSigned = new CertificateRequest("CN=International Rescue Committee", certificateKey, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var x5c = new JsonArray(Convert.ToBase64String(selfSigned.RawData));

        var headers = new Dictionary<string, JsonObject>
        {
            ["jku to loopback, attacker kid"] = new() { ["alg"] = "ES256", ["typ"] = "vc+jwt", ["jku"] = honeypot.Url("/jwks.json", "https"), ["kid"] = "attacker-key" },
            ["jku over http"] = new() { ["alg"] = "ES256", ["typ"] = "vc+jwt", ["jku"] = honeypot.Url("/jwks.json") },
            ["x5u to loopback"] = new() { ["alg"] = "ES256", ["typ"] = "vc+jwt", ["x5u"] = honeypot.Url("/cert.pem", "https") },
            ["x5c self-signed"] = new() { ["alg"] = "ES256", ["typ"] = "vc+jwt", ["x5c"] = x5c },
            ["jwk of the attacker"] = new() { ["alg"] = "ES256", ["typ"] = "vc+jwt", ["jwk"] = attacker.PublicKey.ToJwk() },
            ["jwk and jku with the issuer's kid"] = new() { ["alg"] = "ES256", ["typ"] = "vc+jwt", ["kid"] = trustedDid + "#key-1", ["jwk"] = attacker.PublicKey.ToJwk(), ["jku"] = honeypot.Url("/jwks.json", "https") },
        };

        foreach (var (name, header) in headers)
        {
            var token = Jwt.Build(header, TestCredentials.OpenBadge(trustedDid), input => attacker.Sign(input));
            var result = await Verify(token, verifier);
            Assert.False(result.Verified, name);
            Assert.NotEqual(CheckStatus.Passed, result[CheckNames.Proof]!.Status);
        }

        // The same credential signed by the issuer's own key does verify through this verifier: the refusals are the headers'.
        var genuine = Jwt.Build(new JsonObject { ["alg"] = "ES256", ["typ"] = "vc+jwt", ["kid"] = trustedDid + "#key-1" }, TestCredentials.OpenBadge(trustedDid), input => issuer.Sign(input));
        Assert.True((await Verify(genuine, verifier)).Verified);
        Assert.Equal(0, honeypot.Hits);
    }

    // ---- CP-05: a hostile kid / verificationMethod is opaque: no file, no query, no fetch ----

    public static TheoryData<string> HostileKids => new()
    {
        "../../../../dev/null",
        "' OR '1'='1",
        "file:///etc/passwd",
        "did:web:evil.example#k",
        "did:web:evil.example:..:..:admin#k",
        new string('k', 10 * 1024),
        "did:key:" + new string('z', 10 * 1024) + "#k",
    };

    [Theory]
    [MemberData(nameof(HostileKids))]
    public async Task Cp05_HostileKidInAJws_RefusedWithoutAnyFetch(string kid)
    {
        using var issuer = KeyPair.Generate(KeyType.Ed25519);
        var fetcher = new RecordingFetcher();
        var header = new JsonObject { ["alg"] = "EdDSA", ["typ"] = "vc+jwt", ["kid"] = kid };
        var token = Jwt.Build(header, TestCredentials.OpenBadge(issuer.PublicKey.ToDidKey()), input => issuer.Sign(input));
        var result = await Verify(token, Networked(fetcher));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UntrustedKeySource, result[CheckNames.VerificationMethod]!.Code);
        Assert.Empty(fetcher.Requests);
    }

    [Theory]
    [MemberData(nameof(HostileKids))]
    public async Task Cp05_HostileVerificationMethodInADataIntegrityProof_RefusedWithoutAnyFetch(string verificationMethod)
    {
        using var issuer = KeyPair.Generate(KeyType.Ed25519);
        var fetcher = new RecordingFetcher();
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(issuer.PublicKey.ToDidKey()), issuer);
        signed["proof"]!["verificationMethod"] = verificationMethod;
        var result = await Verify(signed, Networked(fetcher));
        Assert.False(result.Verified);
        Assert.NotEqual(CheckStatus.Passed, result[CheckNames.VerificationMethod]!.Status);
        Assert.Empty(fetcher.Requests);
    }

    // ---- CP-06: malformed ECDSA signatures ----

    public static TheoryData<string> BadEcdsaSignatures => ["r = 0, s = 0", "r = n", "s = n", "63 bytes", "65 bytes", "DER instead of R||S", "empty signature segment", "high bit garbage"];

    [Theory]
    [MemberData(nameof(BadEcdsaSignatures))]
    public async Task Cp06_MalformedEs256Signature_Refused(string shape)
    {
        using var key = KeyPair.Generate(KeyType.P256);
        var order = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
        var token = Jwt.Build(Header("ES256", key), TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), input =>
        {
            var good = key.Sign(input);
            return shape switch
            {
                "r = 0, s = 0" => new byte[64],
                "r = n" => [.. order, .. good[32..]],
                "s = n" => [.. good[..32], .. order],
                "63 bytes" => good[..63],
                "65 bytes" => [.. good, 0],
                "DER instead of R||S" => Der(good),
                "empty signature segment" => [],
                _ => [.. Enumerable.Repeat((byte)0xFF, 64)],
            };
        });
        var result = await Verify(token);
        Assert.False(result.Verified);
        Assert.Equal(CheckStatus.Failed, result[CheckNames.Proof]!.Status);
    }

    [Fact]
    public async Task Cp06_EmptySignatureOnAnEdDsaToken_Refused()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var token = Jwt.Build(Header("EdDSA", key), TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), _ => []);
        var result = await Verify(token);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
    }

    // ---- CP-09: a did:web issuer whose proof names an attacker's did:key ----

    [Fact]
    public async Task Cp09_DidWebIssuerWithAnAttackersDidKeyVerificationMethod_NotControlledByIssuer()
    {
        using var issuer = KeyPair.Generate(KeyType.Ed25519);
        using var attacker = KeyPair.Generate(KeyType.Ed25519);
        const string did = "did:web:rescue.example";
        var fetcher = new RecordingFetcher(new Dictionary<string, byte[]>
        {
            ["https://rescue.example/.well-known/did.json"] = Encoding.UTF8.GetBytes(StrictJson.Serialize(DidWebDocumentBuilder.Build(did, [new PublishedKey("key-1", issuer.PublicKey)]))),
        });
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(did), attacker, suite: "eddsa-rdfc-2022");
        var result = await Verify(signed, Networked(fetcher));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.VerificationMethodNotControlledByIssuer, result[CheckNames.VerificationMethod]!.Code);
    }

    // ---- CP-11: a proof taken from another document ----

    [Fact]
    public async Task Cp11_ProofCopiedFromAnotherCredentialOfTheSameIssuer_NotVerified()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var first = TestCredentials.Sign(TestCredentials.OpenBadge(key.PublicKey.ToDidKey(), "Forklift Safety"), key, suite: "eddsa-rdfc-2022");
        var second = TestCredentials.Sign(TestCredentials.OpenBadge(key.PublicKey.ToDidKey(), "Food Handler"), key, suite: "eddsa-rdfc-2022");
        Assert.True((await Verify(second)).Verified);
        second["proof"] = first["proof"]!.DeepClone();
        var result = await Verify(second);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
    }

    // ---- CP-12: every Data Integrity suite: re-ordering and whitespace keep the proof, a changed claim breaks it ----

    public static TheoryData<string, KeyType, string> SuiteTampering()
    {
        var data = new TheoryData<string, KeyType, string>();
        foreach (var (suite, type) in new[] { ("eddsa-rdfc-2022", KeyType.Ed25519), ("eddsa-jcs-2022", KeyType.Ed25519), ("ecdsa-rdfc-2019", KeyType.P256), ("ecdsa-jcs-2019", KeyType.P384) })
        {
            foreach (var field in new[] { "name", "validUntil", "credentialSubject.id", "credentialSubject.achievement.name", "issuer.name" })
            {
                data.Add(suite, type, field);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SuiteTampering))]
    public async Task Cp12_ReorderedStillVerifies_ButOneChangedClaimDoesNot(string suite, KeyType type, string field)
    {
        using var key = KeyPair.Generate(type);
        var signed = TestCredentials.Sign(TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), key, suite: suite);

        var reordered = Reverse(signed);
        Assert.True((await Verifier().VerifyAsync(StrictJson.Serialize(reordered, indented: true), TestContext.Current.CancellationToken)).Verified, suite);

        var path = field.Split('.');
        var target = reordered;
        foreach (var part in path[..^1])
        {
            target = target[part]!.AsObject();
        }

        target[path[^1]] = path[^1] switch
        {
            "validUntil" => "2099-01-01T00:00:00Z",
            "id" => "did:example:mallory",
            _ => "Senior Warehouse Manager",
        };
        var result = await Verifier().VerifyAsync(StrictJson.Serialize(reordered), TestContext.Current.CancellationToken);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
    }

    private static CredentialVerifier Verifier() =>
        new(new CredentialVerifierOptions { TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)) });

    // ---- CP-13: JWT claims that disagree with the credential ----

    [Fact]
    public async Task Cp13_VcJoseSubNotTheCredentialSubject_ClaimMismatch()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var payload = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        payload["sub"] = "did:example:mallory";
        var result = await Verify(Jwt.Build(Header("EdDSA", key), payload, input => key.Sign(input)));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.ClaimMismatch, result[CheckNames.Format]!.Code);
    }

    [Fact]
    public async Task Cp13_VcJwt11SubOrJtiNotTheCredentials_ClaimMismatch()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var did = key.PublicKey.ToDidKey();
        foreach (var (claim, value) in new[] { ("sub", "did:example:mallory"), ("jti", "urn:uuid:00000000-0000-0000-0000-000000000000") })
        {
            var payload = new JsonObject { ["iss"] = did, ["vc"] = TestCredentials.OpenBadge(did), [claim] = value };
            var result = await Verify(Jwt.Build(Header("EdDSA", key, "JWT"), payload, input => key.Sign(input)));
            Assert.False(result.Verified, claim);
            Assert.Equal(ErrorCodes.ClaimMismatch, result[CheckNames.Format]!.Code);
        }
    }

    [Fact]
    public async Task Cp13_VcJoseNbfLaterThanValidFrom_TheLaterOneGoverns_NeverTheEarlier()
    {
        // VC-JOSE-COSE keeps the JWT's nbf/exp apart from validFrom/validUntil; the verifier applies both, so a token whose nbf
        // disagrees with validFrom is never accepted outside either window.
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var payload = TestCredentials.OpenBadge(key.PublicKey.ToDidKey()); // validFrom 2026-01-15
        payload["nbf"] = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        payload["exp"] = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var token = Jwt.Build(Header("EdDSA", key), payload, input => key.Sign(input));

        async Task<VerificationResult> At(int month, int day) => await new CredentialVerifier(new CredentialVerifierOptions
        {
            TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, month, day, 0, 0, 0, TimeSpan.Zero)),
        }).VerifyAsync(token, TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.CredentialNotYetValid, (await At(2, 1))[CheckNames.ValidityPeriod]!.Code);
        Assert.True((await At(3, 15)).Verified);
        Assert.Equal(ErrorCodes.CredentialExpired, (await At(5, 1))[CheckNames.ValidityPeriod]!.Code);
    }

    // ---- CP-14: an expired proof ----

    [Fact]
    public async Task Cp14_ProofExpiresInThePast_ProofExpired()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var signed = new DataIntegritySigner().Sign(TestCredentials.OpenBadge(key.PublicKey.ToDidKey()), key, new ProofOptions
        {
            Cryptosuite = "eddsa-jcs-2022",
            VerificationMethod = key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase(),
            Created = new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero),
            Expires = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
        }).Value;
        var after = await Verifier().VerifyAsync(StrictJson.Serialize(signed), TestContext.Current.CancellationToken);
        Assert.False(after.Verified);
        Assert.Equal(ErrorCodes.ProofExpired, after[CheckNames.Proof]!.Code);
        var early = new CredentialVerifier(new CredentialVerifierOptions { TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero)) });
        Assert.True((await early.VerifyAsync(StrictJson.Serialize(signed), TestContext.Current.CancellationToken)).Verified);
    }

    // ---- CP-16: parser limits the older tests did not send ----

    [Fact]
    public async Task Cp16_ArrayOfAMillionItems_RefusedBeforeParsing()
    {
        var items = string.Join(',', Enumerable.Repeat("0", 1_000_000));
        var result = await Verify("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"],\"evidence\":[" + items + "]}");
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.DocumentTooLarge, result[CheckNames.Format]!.Code);
    }

    [Fact]
    public async Task Cp16_FiveMebibyteString_RefusedBeforeParsing()
    {
        var result = await Verify("{\"type\":\"VerifiableCredential\",\"name\":\"" + new string('a', 5 * 1024 * 1024) + "\"}");
        Assert.Equal(ErrorCodes.DocumentTooLarge, result[CheckNames.Format]!.Code);
    }

    public static TheoryData<string, byte[]> BadBytes => new()
    {
        { "invalid UTF-8 (0xFF)", [.. "{\"type\":\"VerifiableCredential\",\"name\":\""u8, 0xFF, .. "\"}"u8] },
        { "overlong encoding of '/'", [.. "{\"name\":\""u8, 0xC0, 0xAF, .. "\"}"u8] },
        { "encoded lone surrogate (CESU)", [.. "{\"name\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8] },
        { "truncated sequence", [.. "{\"name\":\""u8, 0xE2, 0x82] },
        { "byte order mark", [0xEF, 0xBB, 0xBF, .. "{\"type\":\"VerifiableCredential\"}"u8] },
    };

    [Theory]
    [MemberData(nameof(BadBytes))]
    public async Task Cp16_BadBytes_RefusedAsAFormatError(string name, byte[] bytes)
    {
        var result = await Offline.VerifyAsync(bytes, TestContext.Current.CancellationToken);
        Assert.False(result.Verified, name);
        Assert.Equal(CheckStatus.Failed, result[CheckNames.Format]!.Status);
        Assert.Equal(name == "byte order mark" ? ErrorCodes.UnrecognizedFormat : ErrorCodes.JsonParse, result[CheckNames.Format]!.Code);
    }

    [Fact]
    public void Cp16_DefaultDepthLimit_IsAtMost64() =>
        Assert.InRange(JsonLimits.Default.MaxDepth, 8, 64);

    // ---- CP-17: duplicate keys inside a JWS header or payload ----

    [Theory]
    [InlineData("header")]
    [InlineData("payload")]
    [InlineData("nested payload")]
    public async Task Cp17_DuplicateKeysInAJws_Refused(string where)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var did = key.PublicKey.ToDidKey();
        var header = StrictJson.Serialize(Header("EdDSA", key));
        var payload = StrictJson.Serialize(TestCredentials.OpenBadge(did));
        switch (where)
        {
            case "header": header = header.Insert(1, "\"alg\":\"none\","); break;
            case "payload": payload = payload.Insert(1, "\"issuer\":\"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2\","); break;
            default: payload = payload.Replace("\"credentialSubject\":{", "\"credentialSubject\":{\"id\":\"did:example:mallory\",", StringComparison.Ordinal); break;
        }

        var input = Base64Url.Encode(Encoding.UTF8.GetBytes(header)) + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(payload));
        var token = input + "." + Base64Url.Encode(key.Sign(Encoding.ASCII.GetBytes(input)));
        var result = await Verify(token);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.DuplicateJsonKey, result[CheckNames.Format]!.Code);
    }

    private static JsonObject Reverse(JsonObject node)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in node.Reverse())
        {
            copy[name] = value is JsonObject o ? Reverse(o) : value?.DeepClone();
        }

        return copy;
    }

    private static string Pem(PublicKey key)
    {
        if (key.Type == KeyType.Ed25519)
        {
            // RFC 8410 §4: SubjectPublicKeyInfo of an Ed25519 key.
            byte[] spki = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00, .. key.Raw];
            return PemEncoding.WriteString("PUBLIC KEY", spki);
        }

        var jwk = key.ToJwk();
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.Decode((string)jwk["x"]!).Value, Y = Base64Url.Decode((string)jwk["y"]!).Value },
        });
        return ecdsa.ExportSubjectPublicKeyInfoPem();
    }

    private static string SshLine(PublicKey key)
    {
        // RFC 4253 §6.6 / RFC 8709 (ssh-ed25519) and RFC 5656 (ecdsa-sha2-nistp256): length-prefixed strings.
        static byte[] String(byte[] value)
        {
            var bytes = new byte[4 + value.Length];
            BinaryPrimitives.WriteInt32BigEndian(bytes, value.Length);
            value.CopyTo(bytes, 4);
            return bytes;
        }

        if (key.Type == KeyType.Ed25519)
        {
            return "ssh-ed25519 " + Convert.ToBase64String([.. String("ssh-ed25519"u8.ToArray()), .. String(key.Raw.ToArray())]) + " irc@rescue.example";
        }

        var jwk = key.ToJwk();
        byte[] point = [0x04, .. Base64Url.Decode((string)jwk["x"]!).Value, .. Base64Url.Decode((string)jwk["y"]!).Value];
        return "ecdsa-sha2-nistp256 " + Convert.ToBase64String([.. String("ecdsa-sha2-nistp256"u8.ToArray()), .. String("nistp256"u8.ToArray()), .. String(point)]);
    }

    /// <summary>Re-encodes a raw R||S signature as an ASN.1 DER SEQUENCE of two INTEGERs (RFC 3279 §2.2.3).</summary>
    private static byte[] Der(byte[] raw)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(raw.AsSpan(0, 32));
            writer.WriteIntegerUnsigned(raw.AsSpan(32, 32));
        }

        return writer.Encode();
    }
}
