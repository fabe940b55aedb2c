using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vci;
using OpenLer.Credentials.Verification;
using OpenLer.Credentials.WorkAuthorization;

namespace OpenLer.Interop.Tests;

/// <summary>
/// The issuance drivers — js/oid4vci-wallet-v1.mjs (@openid4vc/openid4vci 0.4.6) and js/oid4vci-wallet-draft13.mjs
/// (@sphereon/oid4vci-client 0.16.0) — receive credentials from a loopback issuer made of the library's OpenID4VCI pieces
/// only (metadata, token request and grant checks, nonces, credential request, key proof validation, responses), the way
/// the server will compose them. Each received credential is verified with our CredentialVerifier.
/// </summary>
public sealed class Oid4vciWalletDriverTests : IDisposable
{
    private const string TxCodeValue = "493536";
    private readonly KeyPair _cbo = KeyPair.Generate(KeyType.Ed25519);
    private readonly RandomNumberGenerator _rng = RandomNumberGenerator.Create();
    private readonly ConcurrentDictionary<string, PreAuthorizedGrant> _grants = new();
    private readonly ConcurrentDictionary<string, bool> _nonces = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _tokens = new();
    private readonly ConcurrentBag<string> _errors = [];
    private readonly LoopbackServer _server;
    private readonly CredentialIssuerMetadata _metadata;

    public Oid4vciWalletDriverTests()
    {
        _server = new LoopbackServer(HandleAsync);
        var issuer = _server.BaseUrl + "/issuers/irc";
        _metadata = new CredentialIssuerMetadata
        {
            CredentialIssuer = issuer,
            CredentialEndpoint = issuer + "/credential",
            NonceEndpoint = issuer + "/nonce",
            Display = [new("en", "IRC Tucson")],
            Configurations =
            [
                OpenLerCredentialConfigurations.OpenBadgeAsLdpVc(),
                OpenLerCredentialConfigurations.OpenBadgeAsJwtVcJson(["EdDSA"]),
                OpenLerCredentialConfigurations.WorkAuthorization(WorkAuthorizationCredential.VctFor("cbo.example"), ["EdDSA"]),
            ],
        };
    }

    public void Dispose()
    {
        _server.Dispose();
        _cbo.Dispose();
        _rng.Dispose();
    }

    private string Issuer => _metadata.CredentialIssuer;

    private string Did => _cbo.PublicKey.ToDidKey();

    private string Kid => Did + "#" + _cbo.PublicKey.ToMultibase();

    private static (int, string, string) Json(int status, JsonNode body) => (status, "application/json", body.ToJsonString());

    private async Task<(int Status, string ContentType, string Body)> HandleAsync(string method, string path, string body)
    {
        var issuerPath = new Uri(Issuer).AbsolutePath;
        var random = new ProtocolRandom(_rng);
        switch (method, path)
        {
            case ("GET", _) when _server.BaseUrl + path == IssuerIdentifier.MetadataUrl(Issuer):
                return Json(200, _metadata.ToJson());
            case ("GET", _) when _server.BaseUrl + path == IssuerIdentifier.LegacyMetadataUrl(Issuer):
                return Json(200, _metadata.ToDraft13Json());
            case ("GET", _) when path.Contains("/.well-known/oauth-authorization-server", StringComparison.Ordinal) || path.Contains("/.well-known/openid-configuration", StringComparison.Ordinal):
                return Json(200, AuthorizationServerMetadata.Build(Issuer, Issuer + "/token"));
            case ("POST", _) when path == issuerPath + "/token":
            {
                var request = FormParameters.Parse(body, 4096).Then(TokenRequest.Parse);
                var grant = request.IsSuccess ? request.Value.Validate(_grants.GetValueOrDefault(request.Value.PreAuthorizedCode), DateTimeOffset.UtcNow) : request.Error;
                if (!grant.IsSuccess)
                {
                    _errors.Add(grant.Error.Code);
                    return Json(400, OAuthErrorResponse.ToJson(grant.Error));
                }

                _grants[request.Value.PreAuthorizedCode] = grant.Value with { Used = true };
                var token = random.NewToken();
                _tokens[token] = grant.Value.CredentialConfigurationIds;
                var nonce = random.NewNonce();
                _nonces[nonce] = true;
                return Json(200, TokenResponse.Build(token, TimeSpan.FromMinutes(5), nonce, TimeSpan.FromMinutes(5)));
            }

            case ("POST", _) when path == issuerPath + "/nonce":
            {
                var nonce = random.NewNonce();
                _nonces[nonce] = true;
                return Json(200, TokenResponse.Nonce(nonce));
            }

            case ("POST", _) when path == issuerPath + "/credential":
                return await CredentialAsync(body, random);
            default:
                return (404, "text/plain", "not found");
        }
    }

    private Task<(int, string, string)> CredentialAsync(string body, ProtocolRandom random)
    {
        // The Bearer token check (RFC 6750) is the server's; this endpoint sees only the body.
        var request = CredentialRequest.Parse(body, _metadata);
        if (!request.IsSuccess)
        {
            _errors.Add(request.Error.Code);
            return Task.FromResult(Json(400, OAuthErrorResponse.ToJson(request.Error)));
        }

        var validator = new KeyProofValidator(TimeProvider.System);
        var proof = validator.Validate(request.Value.ProofJwts[0], KeyProofExpectations.For(request.Value.Configuration, Issuer, n => _nonces.ContainsKey(n)));
        if (!proof.IsSuccess)
        {
            _errors.Add(proof.Error.Code);
            return Task.FromResult(Json(400, OAuthErrorResponse.ToJson(proof.Error)));
        }

        _nonces.TryRemove(proof.Value.Nonce, out _);
        JsonNode credential = request.Value.Configuration.Format switch
        {
            CredentialConfiguration.LdpVc => new DataIntegritySigner().Sign(Badge(proof.Value.Did), _cbo, new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = Kid }).Value,
            CredentialConfiguration.JwtVcJson => JsonValue.Create(VcJwt.Secure(Badge(proof.Value.Did), _cbo, Kid).Value),
            _ => JsonValue.Create(WorkAuthorizationCredential.Issue(new WorkAuthorizationClaims
            {
                AuthorizedToWork = true,
                ValidUntil = DateOnly.FromDateTime(DateTime.UnixEpoch).AddYears(60),
                DocumentSeenAt = DateTimeOffset.UtcNow.AddDays(-1),
                ANumber = "A123456789",
            }, "cbo.example", _cbo, Did, Kid, proof.Value.Key, _rng, DateTimeOffset.UtcNow).Value.Compact),
        };
        var next = random.NewNonce();
        _nonces[next] = true;
        return Task.FromResult(Json(200, CredentialResponse.Build(request.Value.Version, [credential], nextCNonce: next)));
    }

    private JsonObject Badge(string subject) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
        ["id"] = "urn:uuid:" + Guid.NewGuid(),
        ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
        ["name"] = "Job Readiness",
        ["issuer"] = new JsonObject { ["id"] = Did, ["type"] = new JsonArray("Profile"), ["name"] = "IRC Tucson" },
        ["validFrom"] = "2026-01-15T00:00:00Z",
        ["credentialSubject"] = new JsonObject
        {
            ["id"] = subject,
            ["type"] = new JsonArray("AchievementSubject"),
            ["achievement"] = new JsonObject { ["id"] = "https://cbo.example/a/1", ["type"] = new JsonArray("Achievement"), ["name"] = "Job Readiness", ["criteria"] = new JsonObject { ["narrative"] = "Completed." } },
        },
    };

    private string Offer(string configurationId, bool txCode = true)
    {
        var code = new ProtocolRandom(_rng).NewToken();
        _grants[code] = new PreAuthorizedGrant
        {
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(15),
            ExpectedTxCode = txCode ? TxCodeValue : null,
            CredentialConfigurationIds = [configurationId],
        };
        return new CredentialOffer
        {
            CredentialIssuer = Issuer,
            CredentialConfigurationIds = [configurationId],
            PreAuthorizedCode = code,
            TxCode = txCode ? TxCode.Numeric(6, "Read out by your caseworker") : null,
        }.ToUri();
    }

    private static async Task<JsonObject> Driver(string script, params string[] args)
    {
        var (_, output, error) = await JsReference.RunScriptAsync(script, args);
        Assert.False(string.IsNullOrWhiteSpace(output), "no output from " + script + ": " + error);
        return JsonNode.Parse(output.Trim().Split('\n')[^1])!.AsObject();
    }

    private static async Task AssertVerifies(JsonNode credential, string holderDid, string format)
    {
        var verifier = new CredentialVerifier();
        var result = credential is JsonObject o ? await verifier.VerifyJsonAsync(o) : await verifier.VerifyAsync((string)credential!);
        Assert.True(result.Verified, format + ": " + result.FirstProblem);
        if (format != CredentialConfiguration.SdJwtVc)
        {
            Assert.Equal(holderDid, CredentialFields.SubjectId(result.Credential!.Document));
        }
        else
        {
            Assert.True((bool)result.Credential!.Document["authorized_to_work"]!);
        }
    }

    [Theory]
    [InlineData(OpenLerCredentialConfigurations.OpenBadgeLdpVc, "EdDSA", "did")]
    [InlineData(OpenLerCredentialConfigurations.OpenBadgeJwtVcJson, "ES256", "did")]
    [InlineData(OpenLerCredentialConfigurations.WorkAuthorizationSdJwt, "ES256", "jwk")]
    [InlineData(OpenLerCredentialConfigurations.WorkAuthorizationSdJwt, "EdDSA", "did")]
    public async Task Openid4vciWallet_V1_ReceivesEachConfiguration(string configurationId, string alg, string signer)
    {
        JsReference.SkipUnlessAvailable();
        var line = await Driver("oid4vci-wallet-v1.mjs", Offer(configurationId), "--tx-code", TxCodeValue, "--alg", alg, "--signer", signer);
        Assert.True((bool)line["ok"]!, line.ToJsonString() + string.Join(",", _errors));
        var received = line["credentials"]!.AsArray().Single()!;
        Assert.Equal(configurationId, (string?)received["configurationId"]);
        await AssertVerifies(received["credential"]!, (string)line["holder"]!["did"]!, _metadata.Find(configurationId)!.Format);
    }

    [Theory]
    [InlineData(OpenLerCredentialConfigurations.OpenBadgeLdpVc, "EdDSA")]
    [InlineData(OpenLerCredentialConfigurations.OpenBadgeJwtVcJson, "ES256")]
    [InlineData(OpenLerCredentialConfigurations.WorkAuthorizationSdJwt, "ES256")]
    public async Task SphereonDraft13Client_ReceivesEachConfiguration(string configurationId, string alg)
    {
        JsReference.SkipUnlessAvailable();
        var line = await Driver("oid4vci-wallet-draft13.mjs", Offer(configurationId), "--tx-code", TxCodeValue, "--alg", alg);
        Assert.True((bool)line["ok"]!, line.ToJsonString() + string.Join(",", _errors));
        Assert.Equal(_metadata.Find(configurationId)!.Format == CredentialConfiguration.SdJwtVc ? "vc+sd-jwt" : _metadata.Find(configurationId)!.Format, (string?)line["format"]);
        await AssertVerifies(line["credential"]!, (string)line["holder"]!["did"]!, _metadata.Find(configurationId)!.Format);
    }

    [Fact]
    public async Task WrongTxCode_AndReusedCode_AreRefusedWithInvalidGrant()
    {
        JsReference.SkipUnlessAvailable();
        var offer = Offer(OpenLerCredentialConfigurations.OpenBadgeLdpVc);
        var wrong = await Driver("oid4vci-wallet-v1.mjs", offer, "--tx-code", "000000");
        Assert.False((bool)wrong["ok"]!);
        Assert.Contains(OAuthErrorCodes.InvalidGrant, _errors);

        var first = await Driver("oid4vci-wallet-v1.mjs", offer, "--tx-code", TxCodeValue);
        Assert.True((bool)first["ok"]!, first.ToJsonString());
        _errors.Clear();
        var again = await Driver("oid4vci-wallet-v1.mjs", offer, "--tx-code", TxCodeValue);
        Assert.False((bool)again["ok"]!);
        Assert.Equal([OAuthErrorCodes.InvalidGrant], _errors);
    }
}
